import { describe, expect, it } from 'vitest';
import { cleanBody } from '../../src/extract/clean.js';
import { $, innerHtml, parseFragment, select } from '../../src/html/parse.js';
import { dataSPosition, restoreParagraphOrder } from '../../src/extract/paragraph-order.js';

const baseUrl = 'https://www.zaobao.com.sg/news/china/story20260808-9480001';
const clean = (html: string) => cleanBody(html, { baseUrl }).html.replace(/>\s+</g, '><');

describe('body cleaning', () => {
  it('drops the heading of a recommendation block that carries no class of its own, and keeps the word in a sentence', () => {
    expect(clean('<p>正文。</p><div class="bold text-dark-v1 f20">相关推荐</div><div class="f20 bold"><span>推荐新闻</span></div><p>他说：相关推荐不多。</p>')).toBe(
      '<p>正文。</p><p>他说：相关推荐不多。</p>',
    );
  });

  it('drops scripts, ad slots, promos, related blocks and empty paragraphs', () => {
    const html = clean(`<p>正文。</p><script>googletag.display()</script><section id="imu"><div id="dfp-ad-imu1"></div></section>
      <div id="innity-in-post"></div><p><a href="https://subscribe.sph.com.sg/promotions/x"><img src="/promo.png"></a></p>
      <div class="further-reading"><a href="/x">延伸阅读</a></div><p>&nbsp;</p><p>\u3000</p><p>尾段。</p>`);
    expect(html).toBe('<p>正文。</p><p>尾段。</p>');
  });

  it('a tweet keeps its words as a quote above its link, and a video becomes a link', () => {
    expect(clean('<blockquote class="twitter-tweet"><p lang="en">Hello world</p>— User (@user) <a href="https://twitter.com/user/status/123?ref_src=x">May 1</a></blockquote>')).toBe(
      '<blockquote><p>Hello world</p></blockquote><p><a href="https://twitter.com/user/status/123?ref_src=x">twitter.com</a></p>',
    );
    expect(clean('<video controls><source src="https://static.zaobao.com/v.mp4" type="video/mp4"></video>')).toBe('<p><a href="https://static.zaobao.com/v.mp4">static.zaobao.com</a></p>');
    // Inside the site's embed wrapper too; a paragraph that is only the permalink is no quote.
    expect(clean('<div class="bff-embed-wrapper"><blockquote class="twitter-tweet"><p>推文内容</p><p><a href="https://twitter.com/a/status/1">May 1</a></p></blockquote></div>')).toBe(
      '<blockquote><p>推文内容</p></blockquote><p><a href="https://twitter.com/a/status/1">twitter.com</a></p>',
    );
  });

  it('a first row made a heading row keeps its spans, for the converter to keep the table as HTML', () => {
    expect(clean('<table><tr><td colspan="2">合并</td></tr><tr><td>a</td><td>b</td></tr></table>')).toBe(
      '<table><tr><th colspan="2">合并</th></tr><tr><td>a</td><td>b</td></tr></table>',
    );
  });

  it('emphasis runs side by side become one, and emphasis inside the same emphasis is unwrapped', () => {
    expect(clean('<p><em>斜</em><em>体</em>与<strong>粗<strong>内粗</strong></strong></p>')).toBe('<p><em>斜体</em>与<strong>粗内粗</strong></p>');
    expect(clean('<p><b>粗</b><strong>体</strong>和<i>斜<em>内</em></i></p>')).toBe('<p><b>粗体</b>和<i>斜内</i></p>');
  });

  it('lazy images get their real source, absolute and public', () => {
    expect(clean('<p><img class="lazyload" src="data:image/gif;base64,AA" data-src="//static.zaobao.com/s3fs-public/a.jpg?itok=1" alt="图"></p>')).toBe(
      '<p><img src="https://static.zaobao.com/s3fs-public/a.jpg" alt="图"></p>',
    );
  });

  it('drops tracking pixels', () => {
    expect(clean('<p>字<img src="https://ad.doubleclick.net/p.gif" width="1" height="1"></p>')).toBe('<p>字</p>');
  });

  it('javascript: links and event handlers never survive; keyword links keep only their text', () => {
    const html = clean('<p onclick="x()"><a href="javascript:void(0)" onmouseover="y()">甲</a><a href="/keywords/k?ref=article-inline">乙</a><a href="/news/a">丙</a></p>');
    expect(html).toBe('<p>甲乙<a href="https://www.zaobao.com.sg/news/a">丙</a></p>');
  });

  it('turns the Singapore edition\'s <p><img><small> into a figure with a caption', () => {
    expect(clean('<p><img src="https://cassette.sphdigital.com.sg/image/zaobao/1" alt="x"><small>说明（路透社）</small></p>')).toBe(
      '<figure><img src="https://cassette.sphdigital.com.sg/image/zaobao/1" alt="x"><figcaption>说明（路透社）</figcaption></figure>',
    );
  });

  it('embeds become links; social plugin frames without an address go', () => {
    expect(clean('<div class="bff-embed-wrapper"><div class="fb-post" data-href="https://www.facebook.com/zb/posts/1"></div></div>')).toBe(
      '<p><a href="https://www.facebook.com/zb/posts/1">facebook.com</a></p>',
    );
    expect(clean('<p>字</p><div class="bff-embed-wrapper"><iframe src="https://www.facebook.com/plugins/post.php"></iframe></div>')).toBe('<p>字</p>');
    expect(clean('<iframe src="https://omny.fm/shows/zb/1/embed" title="播客"></iframe>')).toBe('<p><a href="https://omny.fm/shows/zb/1/embed">播客</a></p>');
    // A plugin frame that names what it shows; a Facebook post keeps its words, as a tweet does.
    expect(clean('<div class="bff-embed-wrapper"><iframe src="https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fzb%2Fvideos%2F42%2F&show_text=0"></iframe></div>')).toBe(
      '<p><a href="https://www.facebook.com/zb/videos/42/">facebook.com</a></p>',
    );
    expect(clean('<div class="bff-embed-wrapper"><div class="fb-post" data-href="https://www.facebook.com/zb/posts/2"><blockquote cite="https://www.facebook.com/zb/posts/2" class="fb-xfbml-parse-ignore"><p>脸书帖文的正文。</p><a href="https://www.facebook.com/zb/posts/2">联合早报</a></blockquote></div></div>')).toBe(
      '<blockquote><p>脸书帖文的正文。</p></blockquote><p><a href="https://www.facebook.com/zb/posts/2">facebook.com</a></p>',
    );
  });

  it('keeps the text of a paragraph that also holds an inline image and its caption', () => {
    expect(clean('<p><img src="https://cassette.sphdigital.com.sg/image/zaobao/1" alt="x"><small>图说</small>正文第一句。</p>')).toBe(
      '<figure><img src="https://cassette.sphdigital.com.sg/image/zaobao/1" alt="x"><figcaption>图说</figcaption></figure><p>正文第一句。</p>',
    );
    // Text before the picture stays before it; a linked picture and a caption in two parts are a figure too.
    expect(clean('<p>图前的文字。<img src="https://a.example/1.jpg"><small>图说甲</small>图后的文字。</p>')).toBe(
      '<p>图前的文字。</p><figure><img src="https://a.example/1.jpg"><figcaption>图说甲</figcaption></figure><p>图后的文字。</p>',
    );
    expect(clean('<p><a href="https://a.example/big.jpg"><img src="https://a.example/1.jpg"></a><small>说明</small><small>（路透社）</small></p>')).toBe(
      '<figure><img src="https://a.example/1.jpg"><figcaption>说明（路透社）</figcaption></figure>',
    );
    expect(clean('<p><img src="https://a.example/1.jpg"><small>The minister speaks.</small><small>ST PHOTO: Kua Chee Siong</small></p>')).toBe(
      '<figure><img src="https://a.example/1.jpg"><figcaption>The minister speaks. ST PHOTO: Kua Chee Siong</figcaption></figure>',
    );
  });

  it('keeps the text of a table cell\'s paragraphs as text: markup the page escaped stays escaped', () => {
    const cleaned = clean('<table><tr><td><p>a &lt;script&gt;alert(1)&lt;/script&gt;</p><p>&amp;lt;b&amp;gt;</p></td></tr></table>');
    expect(cleaned).toBe('<table><tr><th>a &lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;b&amp;gt; </th></tr></table>');
  });

  it('gives header-less tables a header row and puts each cell on one line', () => {
    expect(clean('<table><tbody><tr><td>日期</td><td>活动</td></tr><tr><td><p>6月</p><p>15日</p></td><td>彩排</td></tr></tbody></table>')).toBe(
      '<table><tbody><tr><th>日期</th><th>活动</th></tr><tr><td>6月 15日 </td><td>彩排</td></tr></tbody></table>',
    );
  });

  it('reads a comma in an image URL as part of it; only srcset is a list', () => {
    expect(clean('<p><img src="https://cassette.sphdigital.com.sg/image/a?w=800,h=600"></p>')).toBe('<p><img src="https://cassette.sphdigital.com.sg/image/a?w=800,h=600"></p>');
    expect(clean('<p><img data-srcset="https://a.example/1.jpg 1x, https://a.example/2.jpg 2x"></p>')).toBe('<p><img src="https://a.example/2.jpg"></p>');
    expect(clean('<p><img srcset="https://a.example/x.jpg?w=480,h=270 480w,https://a.example/x.jpg?w=1080,h=608 1080w, https://a.example/s.jpg 320w"></p>')).toBe(
      '<p><img src="https://a.example/x.jpg?w=1080,h=608"></p>',
    );
  });

  it('finds the picture of an image with only a srcset, or only the sources of its <picture>', () => {
    expect(clean('<p><img srcset="/s3fs-public/a-320.jpg 320w, /s3fs-public/a-1024.jpg 1024w" alt="图"></p>')).toBe('<p><img alt="图" src="https://static.zaobao.com/s3fs-public/a-1024.jpg"></p>');
    expect(clean('<p><img src="data:image/gif;base64,AA" srcset="https://a.example/b.jpg"></p>')).toBe('<p><img src="https://a.example/b.jpg"></p>');
    expect(clean('<p><picture><source type="image/webp" srcset="https://a.example/c.webp 1x, https://a.example/c2.webp 2x"><img alt="图"></picture></p>')).toContain(
      '<img alt="图" src="https://a.example/c2.webp">',
    );
  });

  it('an inline element holding only a space stays the space between two words', () => {
    expect(cleanBody('<p><span>Joe</span><span> </span><span>Biden</span>与<strong>Xi</strong><strong> </strong><strong>Jinping</strong>，Donald<span>&#160;</span>Trump<em></em>。</p>', { baseUrl }).html).toBe(
      '<p><span>Joe</span> <span>Biden</span>与<strong>Xi</strong> <strong>Jinping</strong>，Donald Trump。</p>',
    );
  });

  it('restores data-s paragraph order on any generation', () => {
    expect(clean('<p data-s="xyzGE======">二</p><p data-s="xyzGA======">一</p>')).toBe('<p data-s="xyzGA======">一</p><p data-s="xyzGE======">二</p>'.replace(/ data-s="[^"]*"/g, ''));
  });

  it('keeps the joiner inside emoji sequences', () => {
    expect(clean('<p>家庭👨\u200d👩\u200d👧，水印\u200d字</p>')).toBe('<p>家庭👨\u200d👩\u200d👧，水印字</p>');
  });

  it('removes zero-width watermark characters', () => {
    expect(clean('<p>新\u200b闻\ufeff</p><span style="line-height: 0;">\u200c\ufeff</span>')).toBe('<p>新闻</p>');
  });
});

describe('paragraph order restored from data-s (RSSHub #10306)', () => {
  it('decodes 3 filler characters + base32 of the position', () => {
    expect(dataSPosition('sbqGA======')).toBe(0);
    expect(dataSPosition('ubcGM======')).toBe(3);
    expect(dataSPosition('pwuGEYA====')).toBe(10);
    expect(dataSPosition('xx')).toBeUndefined();
    expect(dataSPosition('abc!!!')).toBeUndefined();
  });

  it('sorts the paragraphs in place, leaving other elements where they are', () => {
    const body = parseFragment('<h2>题</h2><p data-s="aaaGE======">二</p><p data-s="aaaGA======">一</p><div>尾</div>');
    restoreParagraphOrder(body);
    expect(innerHtml(body)).toBe('<h2>题</h2><p data-s="aaaGA======">一</p><p data-s="aaaGE======">二</p><div>尾</div>');
  });

  it('moves only the paragraphs whose position decodes', () => {
    const body = parseFragment('<p data-s="aaaGE======">二</p><p data-s="???">？</p><p data-s="aaaGA======">一</p>');
    restoreParagraphOrder(body);
    expect(select(body, 'p').map((_, p) => $(p).text()).get()).toEqual(['一', '？', '二']);
  });
});

describe('hostile bodies', () => {
  it('drops line breaks at the edge of a block inside inline elements there, and after empty elements', () => {
    const clean = (html: string) => cleanBody(html, { baseUrl: 'https://www.zaobao.com/x' }).html;
    expect(clean('<p><strong><br>粗</strong> 字</p>')).toBe('<p><strong>粗</strong> 字</p>');
    expect(clean('<p>字<br><span></span></p>')).toBe('<p>字</p>');
    expect(clean('<p>上<br>下</p>')).toBe('<p>上<br>下</p>');
  });
});
