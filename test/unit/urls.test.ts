import { describe, expect, it } from 'vitest';
import { canonicalArticleUrl, isAllowedArticleHost, isSiteAddress, isSiteHost, normalizeImageUrl, parseStoryRef, toFetchUrl } from '../../src/site/urls.js';
import { unreachableAdvice } from '../../src/fetch/unreachable.js';
import { sectionOfPath } from '../../src/site/sections.js';

describe('story URLs', () => {
  it('reads the story id and its Singapore day', () => {
    expect(parseStoryRef('https://www.zaobao.com.sg/news/china/story20260712-9352905?ref=x')).toEqual({
      id: '9352905',
      slug: 'story20260712-9352905',
      day: '2026-07-12',
    });
    expect(parseStoryRef('/realtime/china')).toBeUndefined();
    expect(parseStoryRef('/news/story20261341-1')).toBeUndefined();
  });

  it('canonicalises: https, no query, no fragment, no trailing slash', () => {
    expect(canonicalArticleUrl(new URL('http://WWW.Zaobao.com/realtime/world/story20211105-1210001/?ref=rss#top'))).toBe(
      'https://www.zaobao.com/realtime/world/story20211105-1210001',
    );
  });

  it('knows the site hosts of every edition, and nothing that only looks like them', () => {
    for (const host of ['zaobao.com', 'www.zaobao.com', 'www.zaobao.com.sg', 'zaobao.com.sg', 'cn.zaobao.com', 'www.zaobao.sg']) {
      expect(isSiteHost(host), host).toBe(true);
    }
    for (const host of ['example.org', 'notzaobao.com', 'zaobao.com.evil.net', '127.0.0.1']) {
      expect(isSiteHost(host), host).toBe(false);
    }
  });

  it('maps site URLs onto a mirror origin with the same path and query, and leaves others alone', () => {
    const origin = new URL('http://127.0.0.1:8080/mirror');
    expect(toFetchUrl('https://www.zaobao.com.sg/news/china/story20260712-9352905?page=2', origin).href).toBe(
      'http://127.0.0.1:8080/mirror/news/china/story20260712-9352905?page=2',
    );
    expect(toFetchUrl('https://rsshub.example/zaobao/realtime/china', origin).href).toBe('https://rsshub.example/zaobao/realtime/china');
    expect(toFetchUrl('https://www.zaobao.com/x', undefined).href).toBe('https://www.zaobao.com/x');
    expect(isAllowedArticleHost(new URL('http://127.0.0.1:8080/news/x'), origin)).toBe(true);
    expect(isAllowedArticleHost(new URL('http://127.0.0.1:9999/news/x'), origin)).toBe(false);
  });

  it('keeps redirects on the site and the mirror; a mirror on its own port never leads to another port', () => {
    const mirror = new URL('http://127.0.0.1:8080/');
    expect(isSiteAddress(new URL('https://www.zaobao.com/news/x'), mirror)).toBe(true);
    expect(isSiteAddress(new URL('http://127.0.0.1:8080/news/x'), mirror)).toBe(true);
    expect(isSiteAddress(new URL('http://127.0.0.1/news/x'), mirror)).toBe(false);
    expect(isSiteAddress(new URL('https://127.0.0.1/news/x'), mirror)).toBe(false);
    // Given on its default port, the mirror may move itself to https.
    const plain = new URL('http://mirror.example/');
    expect(isSiteAddress(new URL('https://mirror.example/news/x'), plain)).toBe(true);
    expect(isSiteAddress(new URL('https://mirror.example:8443/news/x'), plain)).toBe(false);
    expect(isSiteAddress(new URL('https://other.example/news/x'), plain)).toBe(false);
  });

  it('moves s3fs-public images from mirrors to static.zaobao.com without resize tokens (RSSHub #10830)', () => {
    const base = 'https://www.zaobao.com/realtime/china/story20210101-1';
    expect(normalizeImageUrl('https://oss-alpha-static-zaobao.oss-cn-hongkong.aliyuncs.com/s3fs-public/images/a.jpg?itok=1', base)).toBe(
      'https://static.zaobao.com/s3fs-public/images/a.jpg',
    );
    expect(normalizeImageUrl('//www.zaobao.com/s3fs-public/b.png', base)).toBe('https://static.zaobao.com/s3fs-public/b.png');
    expect(normalizeImageUrl('/images/c.png', base)).toBe('https://www.zaobao.com/images/c.png');
    expect(normalizeImageUrl('javascript:alert(1)', base)).toBeUndefined();
  });

  it('finds the section of an article path across the site generations', () => {
    expect(sectionOfPath('/realtime/world/story20211105-1210001')?.name).toBe('world');
    expect(sectionOfPath('/news/china/story20260712-9352905')?.name).toBe('china');
    expect(sectionOfPath('/realtime/finance/story20260712-1')?.name).toBe('finance');
    expect(sectionOfPath('/finance/realtime/story20200712-1')?.name).toBe('finance');
  });
});

describe('story ids are whole path segments', () => {
  it('does not take history20240101-5 for a story', () => {
    expect(parseStoryRef('/x/history20240101-5')).toBeUndefined();
    expect(parseStoryRef('story20240101-5')?.id).toBe('5');
  });
});

describe('a site that cannot be reached', () => {
  it('is named with its cause, the proxy in use or not, and what to try', () => {
    expect(unreachableAdvice('www.zaobao.com.sg', 'ENOTFOUND: getaddrinfo ENOTFOUND www.zaobao.com.sg', undefined, {})).toBe(
      'cannot reach www.zaobao.com.sg with no proxy (HTTPS_PROXY is not set): its name does not resolve (no DNS answer: offline, or a resolver that blocks it) (ENOTFOUND: getaddrinfo ENOTFOUND www.zaobao.com.sg); try a mirror (--origin), a proxy (HTTPS_PROXY), or a feed this machine can reach (--feed)',
    );
    expect(unreachableAdvice('www.zaobao.com', 'timed out after 20000 ms', undefined, { HTTPS_PROXY: 'http://proxy:3128' })).toMatch(/^cannot reach www\.zaobao\.com through the proxy in HTTPS_PROXY: it does not answer/);
    expect(unreachableAdvice('www.zaobao.com', 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9', new URL('http://127.0.0.1:9'), {})).toMatch(/^cannot reach the mirror 127\.0\.0\.1:9 \(--origin\) with no proxy \(HTTPS_PROXY is not set\): the connection was refused/);
    // An answer is no network failure.
    expect(unreachableAdvice('www.zaobao.com', 'HTTP 503', undefined, {})).toBeUndefined();
  });
});
