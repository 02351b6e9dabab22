import { describe, expect, it } from 'vitest';
import { chooseContent, decideWrite, type ContentFacts, type ContentChoice, type WriteDecision, type WriteFacts } from '../../src/pipeline/decision.js';

const fromPage = { fromFeed: false, paywalled: false };
const fromFeed = { fromFeed: true, paywalled: false };

describe('which content a post is built from', () => {
  it.each<[string, ContentFacts, ContentChoice]>([
    ['the page, by default', { prefer: 'page', feedWhole: true }, 'page'],
    ['the feed item first with --prefer feed, when it is whole', { prefer: 'feed', feedWhole: true }, 'feed'],
    ['the page with --prefer feed when the item is a teaser', { prefer: 'feed', feedWhole: false }, 'page'],
    ['the page with --prefer feed when updating a post made from the page', { prefer: 'feed', feedWhole: true, existing: fromPage }, 'page'],
    ['the feed item with --prefer feed when updating a post made from it', { prefer: 'feed', feedWhole: true, existing: fromFeed }, 'feed'],
    ['the page once it was read', { prefer: 'page', feedWhole: true, page: 'ok' }, 'page'],
    ['the whole feed item when the page failed', { prefer: 'page', feedWhole: true, page: 'other' }, 'feed'],
    ['a failure when the page failed and the item is a teaser', { prefer: 'page', feedWhole: false, page: 'other' }, 'fail'],
    ['a failure, not a downgrade, when the page of a post made from it failed', { prefer: 'page', feedWhole: true, existing: fromPage, page: 'other' }, 'fail'],
    ['the whole feed item when robots.txt refuses the page', { prefer: 'page', feedWhole: true, page: 'robots-denied' }, 'feed'],
    ['disallowed when robots.txt refuses the page and nothing stands in', { prefer: 'page', feedWhole: false, page: 'robots-denied' }, 'disallowed'],
    ['a failure, with no stand-in, when robots.txt could not be read', { prefer: 'page', feedWhole: true, page: 'robots-unreachable' }, 'fail'],
    ['a failure, with no stand-in, when the run was interrupted', { prefer: 'page', feedWhole: true, page: 'interrupted' }, 'fail'],
    ['gone when the page answered 404 or 410 and nothing stands in', { prefer: 'page', feedWhole: false, page: 'gone' }, 'gone'],
    ['the whole feed item when the page is gone', { prefer: 'page', feedWhole: true, page: 'gone' }, 'feed'],
  ])('%s', (_, facts, expected) => {
    expect(chooseContent(facts)).toBe(expected);
  });
});

describe('whether a post is written', () => {
  const since = Date.parse('2026-03-01T00:00:00+08:00');
  const story = { published: since + 1, paywalled: false, skipPaywalled: false };
  it.each<[string, WriteFacts, WriteDecision]>([
    ['written', story, { action: 'write' }],
    ['written at the very start of the --since window', { ...story, published: since, sinceMs: since }, { action: 'write' }],
    ['left out when published before --since', { ...story, published: since - 1, sinceMs: since }, { action: 'leave-out', why: 'outside-window' }],
    ['written when paywalled, and flagged by the post', { ...story, paywalled: true }, { action: 'write' }],
    ['left out when paywalled under --skip-paywalled', { ...story, paywalled: true, skipPaywalled: true }, { action: 'leave-out', why: 'paywalled' }],
    ['kept whole when it went behind the paywall after it was archived', { ...story, paywalled: true, existing: fromPage }, { action: 'keep', why: 'now-paywalled' }],
    ['rewritten when it was paywalled already', { ...story, paywalled: true, existing: { fromFeed: false, paywalled: true } }, { action: 'write' }],
    ['rewritten when it is free again', { ...story, existing: { fromFeed: false, paywalled: true } }, { action: 'write' }],
  ])('%s', (_, facts, expected) => {
    expect(decideWrite(facts)).toEqual(expected);
  });
});
