/**
 * Cleaning of an article body: what is left is the article as its editors published it,
 * with absolute URLs and real image sources, and nothing executable or promotional.
 */
import {
  $, childElements, forEachNode, innerHtml, hasChildren, isTag, matches, parseFragment, removeNodes, replaceNodes, select, setChildren, Text, type AnyNode, type Document, type Element, type ParentNode,
} from '../html/parse.js';
import type { BodyContent } from './types.js';
import { normalizeImageUrl, tryParseUrl } from '../site/urls.js';
import { restoreParagraphOrder } from './paragraph-order.js';

/** Never content, and never safe to carry into a post. */
const EXECUTABLE = ['script', 'style', 'noscript', 'template', 'object', 'embed', 'form', 'input', 'select', 'textarea', 'button', 'svg', 'canvas', 'link', 'meta'];

/** Ad slots: DFP/GPT units, Innity in-post units, Google ad containers, Outbrain widgets. */
const AD_SLOTS = [
  '[id^="dfp-ad"]', '[class*="dfp-ad"]', '[id^="div-gpt-ad"]', '.adsbygoogle', '[class*="google-ad"]',
  '.adv', '.adv-tag', '[class*="advert"]', 'section#imu', '#imu', '[id*="innity"]', '[class*="innity"]',
  '.OUTBRAIN', '#outbrain-wrapper', '[id^="outbrain"]',
];

/** Subscription promos and app banners (their links point at SPH's subscription site). */
const PROMOS = [
  'a[href*="subscribe.sph.com.sg"]', '[class*="subscribe-promo"]', '[class*="subscription"]',
  '.read-on-app-cover', '[class*="app-banner"]', '[class*="download-app"]',
  '.overlay-microtransaction', '#video-freemium-player',
  // The subscription banner that closes stories, with its own <style> and headings.
  '.cx_paywall_placeholder', '[id^="sph_cdp_"]', '.paywall-container',
];

/** Reading lists that follow or interrupt the story. */
const RELATED = [
  '.further-reading', '[class*="recommend"]', '[class*="related"]', '.article-relative-word', '.relative-recomm',
  '[class*="read-more"]', '[class*="more-stories"]',
];

/** Headings of those blocks, which on some pages carry no class of their own (`<div class="f20 bold">推荐新闻</div>`). */
const RELATED_HEADINGS = new Set(['相关推荐', '推荐新闻', '相关新闻', '相关热词', '延伸阅读', '推荐阅读', '热门新闻', '猜你喜欢']);

/** Removes every element whose whole text is one of RELATED_HEADINGS (walking text nodes, not every element's text). */
function removeRelatedHeadings(body: Document): void {
  const headings: AnyNode[] = [];
  forEachNode([body], (node) => {
    if (node.type !== 'text' || !RELATED_HEADINGS.has(node.data.trim())) return;
    let heading: AnyNode | undefined;
    for (let parent = node.parent; parent && isTag(parent) && $(parent).text().trim() === node.data.trim(); parent = parent.parent) heading = parent;
    if (heading) headings.push(heading);
  });
  removeNodes(headings);
}

/** Page chrome that sneaks into bodies. */
const CHROME = ['[class*="share-bar"]', '[class*="social-share"]', '[class*="share-button"]', 'astro-island', 'img[alt="expend icon"]', 'img[alt="expand icon"]'];

/** Zero-width watermark spans the CN edition hides between paragraphs. */
const WATERMARKS = ['span[style*="line-height: 0"]', 'span[style*="line-height:0"]'];

/** Noise on the site's pages whatever their generation, and in feed items: removed from every body. */
export const SITE_NOISE: readonly string[] = [...EXECUTABLE, ...AD_SLOTS, ...PROMOS, ...RELATED, ...CHROME, ...WATERMARKS];
const SITE_NOISE_SELECTOR = SITE_NOISE.join(', ');
const EMBEDS = '.bff-embed-wrapper, .fb-post, blockquote.twitter-tweet, blockquote.instagram-media, iframe, video';

/** Zero-width characters, except a joiner inside an emoji sequence (👨‍👩‍👧 must stay one picture). */
const ZERO_WIDTH = /[\u200b\u200c\u2060\ufeff]|(?<!\p{Extended_Pictographic}\ufe0f?)\u200d|\u200d(?!\p{Extended_Pictographic})/gu;
/** Images that are tracking beacons, not pictures. */
const TRACKER_SRC = /doubleclick\.net|scorecardresearch|\/pixel|beacon|facebook\.com\/tr/i;
/** Where an image's address may be, best first: lazy loaders keep the real one in a data- attribute. */
const IMAGE_SOURCES = ['data-src', 'data-original', 'data-lazy-src', 'data-srcset', 'src', 'srcset'];
const KEPT_ATTRIBUTES: Record<string, string[]> = { a: ['href', 'title'], img: ['src', 'alt', 'title'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'], ol: ['start'] };
const BLOCKS_THAT_MAY_BE_EMPTY = 'p, div, section, span, figure, li, ul, ol, h1, h2, h3, h4, h5, h6, strong, em, b, i, a, blockquote, small, center';
const EMPTY_TEXT = /^[\s\u00a0\u3000]*$/;

export interface CleanOptions {
  /** Public URL of the article, the base for relative links and images. */
  baseUrl: string;
  /** Noise beyond SITE_NOISE: a generation's own, or a feed's. */
  noise?: readonly string[];
  transforms?: ReadonlyArray<(body: Document) => void>;
}

/**
 * The largest picture of a srcset ("a.jpg 480w, b.jpg 1080w", or 1x/2x): an archive keeps the
 * best copy. A candidate is a URL (which may hold commas) and an optional descriptor.
 */
export function largestSrcsetUrl(srcset: string): string {
  let best = { url: '', size: -1 };
  const candidate = /[\s,]*(\S+)/y;
  let at = 0;
  while (at < srcset.length) {
    candidate.lastIndex = at;
    const url = candidate.exec(srcset)?.[1];
    if (!url) break;
    at = candidate.lastIndex;
    let descriptor = '';
    // A URL ending in a comma ends its candidate; else its descriptor runs to the next comma.
    if (!url.endsWith(',')) {
      const end = srcset.indexOf(',', at);
      descriptor = srcset.slice(at, end === -1 ? undefined : end);
      at = end === -1 ? srcset.length : end + 1;
    }
    const size = Number.parseFloat(descriptor) || 1;
    if (size > best.size) best = { url: url.replace(/,+$/, ''), size };
  }
  return best.url;
}

/** The address of an image and where it came from; a <picture>'s own sources count for its <img>. */
export function imageAddress(image: AnyNode): { attribute: string; value: string } | undefined {
  const candidates = [image, ...($(image).parent().is('picture') ? $(image).siblings('source').toArray() : [])];
  for (const candidate of candidates) {
    for (const attribute of IMAGE_SOURCES) {
      const value = $(candidate).attr(attribute)?.trim();
      if (value && !value.startsWith('data:')) return { attribute, value };
    }
  }
  return undefined;
}

function isInsideEmbed(element: AnyNode): boolean {
  for (let parent = element.parent; parent; parent = parent.parent) if (matches(parent, EMBEDS)) return true;
  return false;
}

/**
 * Embeds become a plain link to what they showed; without an address they go. A quoted post
 * (a tweet, an Instagram caption) keeps its words as a quote above the link.
 */
function replaceEmbeds(body: Document, baseUrl: string): void {
  const replacements = new Map<AnyNode, AnyNode[]>();
  // Outermost only: a wrapper speaks for the frame inside it.
  select(body, EMBEDS).filter((_, element) => !isInsideEmbed(element)).each((_, element) => {
    const node = $(element);
    const target =
      node.find('[data-href]').attr('data-href') ??
      node.attr('data-href') ??
      node.find('a[href]').last().attr('href') ??
      (node.is('iframe, video') ? node.attr('src') : node.find('iframe').attr('src')) ??
      node.find('source[src]').attr('src');
    let url = target ? tryParseUrl(target, baseUrl) : undefined;
    // A social plugin's frame shows what its `href` names (facebook.com/plugins/video.php?href=…);
    // without one, its address shows nothing by itself.
    if (url && /\/plugins\//.test(url.pathname)) url = tryParseUrl(url.searchParams.get('href') ?? '');
    if (!url || !/^https?:$/.test(url.protocol)) {
      replacements.set(element, []);
      return;
    }
    const label = node.attr('title')?.trim() || url.hostname.replace(/^www\./, '');
    // The embedded post's own words: a tweet's, an Instagram caption, a Facebook post's.
    const post = node.is('blockquote') ? node : node.find('blockquote').first();
    // Not a paragraph that is only the permalink ("A post shared by …").
    const quoted = post
      .find('p')
      .filter((_, paragraph) => $(paragraph).text().trim() !== $(paragraph).find('a').text().trim())
      .map((_, paragraph) => $(paragraph).text().trim())
      .get()
      .filter(Boolean);
    const link = $('<p></p>').append($('<a></a>').attr('href', url.href).text(label)).get();
    if (!quoted.length) {
      replacements.set(element, link);
      return;
    }
    const quote = $('<blockquote></blockquote>');
    for (const text of quoted) quote.append($('<p></p>').text(text));
    replacements.set(element, [...quote.get(), ...link]);
  });
  replaceNodes(replacements);
}

/** Lazy images get their real source; every image gets an absolute, public address. */
function fixImages(body: Document, baseUrl: string): void {
  const dropped: AnyNode[] = [];
  select(body, 'img').each((_, element) => {
    const image = $(element);
    const found = imageAddress(element);
    // Only srcset attributes are lists; a comma in a plain URL is part of it.
    const src = found ? normalizeImageUrl(found.attribute.endsWith('srcset') ? largestSrcsetUrl(found.value) : found.value, baseUrl) : undefined;
    const isPixel = image.attr('width') === '1' || image.attr('height') === '1';
    if (!src || isPixel || TRACKER_SRC.test(src)) {
      dropped.push(element);
      return;
    }
    image.attr('src', src);
  });
  removeNodes(dropped);
  const figures = new Map<AnyNode, AnyNode[]>();
  // zaobao.com.sg inline images: <p><img title alt><small>caption</small></p> is a figure (the
  // picture may be linked, the caption in two <small>s: the words, then the agency). Text
  // before the picture stays a paragraph before the figure; text after it, one after.
  select(body, 'p').each((_, element) => {
    const pictures = element.children.filter(
      (child): child is Element => isTag(child) && (child.name === 'img' || (child.name === 'a' && childElements(child, 'img').length === 1 && EMPTY_TEXT.test($(child).text()))),
    );
    const captions = childElements(element, 'small');
    if (pictures.length !== 1 || captions.length === 0) return;
    const [paragraph, picture] = [$(element), pictures[0]!];
    const image = picture.name === 'img' ? $(picture) : $(childElements(picture, 'img'));
    // Chinese parts join as they are; English ones with a space ("…speaks. ST PHOTO: …").
    const captionText = captions
      .map((caption) => $(caption).text().trim())
      .filter(Boolean)
      .reduce((joined, part) => (joined && /[\x21-\x7e]$/.test(joined) && /^[\x21-\x7e]/.test(part) ? `${joined} ${part}` : joined + part), '');
    const figure = $('<figure></figure>').append(image.clone());
    if (captionText) figure.append($('<figcaption></figcaption>').text(captionText));
    const at = element.children.indexOf(picture);
    const isCaption = (node: AnyNode) => captions.includes(node as Element);
    const textBefore = $('<p></p>');
    setChildren(textBefore.get(0) as Element, element.children.slice(0, at).filter((node) => !isCaption(node)));
    setChildren(element, element.children.slice(at + 1).filter((node) => !isCaption(node)));
    figures.set(element, [
      ...(EMPTY_TEXT.test(textBefore.text()) ? [] : textBefore.get()),
      ...figure.get(),
      ...(EMPTY_TEXT.test(paragraph.text()) ? [] : [element]),
    ]);
  });
  replaceNodes(figures);
}

/** Links become absolute; `javascript:` links and in-site keyword links keep only their text. */
function fixLinks(body: Document, baseUrl: string): void {
  const unwrapped = new Map<AnyNode, 'unwrap'>();
  select(body, 'a').each((_, element) => {
    const anchor = $(element);
    const href = anchor.attr('href')?.trim();
    const url = href ? tryParseUrl(href, baseUrl) : undefined;
    const isKeywordLink = url?.pathname.startsWith('/keywords/') ?? false;
    if (!url || !/^(https?|mailto):$/.test(url.protocol) || isKeywordLink) {
      unwrapped.set(element, 'unwrap');
      return;
    }
    if (url.searchParams.get('ref') === 'article-inline') url.searchParams.delete('ref');
    anchor.attr('href', url.href);
  });
  replaceNodes(unwrapped);
}

/**
 * GFM tables need a header row; the site's CMS writes tables of plain `<td>` rows, so the
 * first row becomes the header. A cell's paragraphs are joined on one line, as a table row must be.
 */
function normalizeTables(body: Document): void {
  select(body, 'table').each((_, element) => {
    const table = $(element);
    // A text node, not a string: cheerio would parse a string as markup, and text the page
    // escaped (`&lt;script&gt;`) would come back as elements after scripts were removed.
    table.find('td p, th p').each((_, paragraph) => {
      const node = $(paragraph);
      node.replaceWith(new Text(`${node.text().trim()} `));
    });
    if (table.find('th').length > 0) return;
    // Renamed in place: a span (colspan, rowspan) stays for the converter to see.
    table.find('tr').first().children('td').each((_, cell) => {
      cell.name = 'th';
    });
  });
}

/** Only the attributes Markdown can express survive (no handlers, styles or classes); text loses zero-width characters. */
function stripAttributesAndZeroWidth(body: Document): void {
  forEachNode([body], (node) => {
    if (node.type === 'text') {
      node.data = node.data.replace(ZERO_WIDTH, '');
    } else if (node.type === 'tag') {
      const kept = KEPT_ATTRIBUTES[node.name] ?? [];
      for (const name of Object.keys(node.attribs)) {
        if (!kept.includes(name)) delete node.attribs[name];
      }
    }
  });
}

/** Tags Markdown writes alike: `**` for both of the first, `*` for both of the second. */
const EMPHASIS_FAMILY: Record<string, number> = { strong: 1, b: 1, em: 2, i: 2 };

/**
 * Emphasis Markdown cannot write: two runs side by side (`<em>斜</em><em>体</em>` would give
 * `*斜**体*`) become one, and emphasis inside the same emphasis is unwrapped. One walk over
 * the tree: `inside` holds the families of the emphasis around `parent`.
 */
function mergeEmphasis(parent: ParentNode, inside = 0): void {
  const children: AnyNode[] = [];
  // The emphasis that a following sibling of its family is merged into.
  let target: Element | undefined;
  const pending = [...parent.children].reverse();
  while (pending.length) {
    const child = pending.pop()!;
    const family = isTag(child) ? (EMPHASIS_FAMILY[child.name] ?? 0) : 0;
    if (family & inside) {
      // Unwrapped: its children take its place, and may merge with what follows them.
      target = undefined;
      for (let i = (child as Element).children.length - 1; i >= 0; i--) pending.push((child as Element).children[i]!);
    } else if (family && target && EMPHASIS_FAMILY[target.name] === family) {
      // One by one: a spread of a long list would pass the engine's limit on arguments.
      for (const grandchild of (child as Element).children) target.children.push(grandchild);
    } else {
      children.push(child);
      target = family ? (child as Element) : undefined;
    }
  }
  setChildren(parent, children);
  for (const child of children) {
    if (isTag(child)) mergeEmphasis(child, inside | (EMPHASIS_FAMILY[child.name] ?? 0));
  }
}

/** Inline elements: one that holds only a space is the space between two words. */
const INLINE = new Set(['span', 'strong', 'em', 'b', 'i', 'a', 'small']);

/** Blocks whose first and last line breaks break nothing. */
const BREAKABLE_BLOCKS = new Set(['p', 'div', 'section', 'li', 'blockquote', 'figcaption', 'td', 'th', 'dd', 'dt', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * A <br> at the start or the end of a block (`<p><br>text`), white space around it aside, would
 * be a hard break on a line of its own: it goes.
 */
function removeEdgeBreaks(body: Document): void {
  const breaks: AnyNode[] = [];
  const isBlank = (node: AnyNode) => node.type === 'text' && EMPTY_TEXT.test(node.data);
  // Breaks up to the first text or other element, looking into inline elements at the edge
  // (`<p><strong><br>粗</strong>`); says whether content was reached.
  const collect = (children: AnyNode[], fromEnd: boolean): boolean => {
    for (const child of fromEnd ? [...children].reverse() : children) {
      if (isTag(child) && child.name === 'br') breaks.push(child);
      else if (isTag(child) && INLINE.has(child.name)) {
        if (collect(child.children, fromEnd)) return true;
      } else if (!isBlank(child)) return true;
    }
    return false;
  };
  forEachNode([body], (node) => {
    if (node.type !== 'root' && !(isTag(node) && BREAKABLE_BLOCKS.has(node.name))) return;
    collect(node.children, false);
    collect(node.children, true);
  });
  removeNodes(breaks);
}

const MEDIA = new Set(['img', 'table', 'hr']);

interface Emptiness {
  /** No text but white space. */
  blank: boolean;
  /** No text at all. */
  empty: boolean;
  /** A picture, a table or a rule below it. */
  media: boolean;
}

/**
 * Removes blocks with no text and no picture; an inline one that holds a space becomes the
 * space. Two walks: what each node holds, bottom up, then the outermost empty blocks.
 */
function removeEmptyBlocks(body: Document): void {
  const facts = new Map<AnyNode, Emptiness>();
  const measure = (node: AnyNode): Emptiness => {
    const result: Emptiness = node.type === 'text' ? { blank: EMPTY_TEXT.test(node.data), empty: node.data === '', media: false } : { blank: true, empty: true, media: false };
    if (node.type !== 'comment' && hasChildren(node)) {
      for (const child of node.children) {
        const inner = measure(child);
        result.blank &&= inner.blank;
        result.empty &&= inner.empty;
        result.media ||= inner.media || (isTag(child) && MEDIA.has(child.name));
      }
    }
    facts.set(node, result);
    return result;
  };
  const replacements = new Map<AnyNode, AnyNode[]>();
  const visit = (node: AnyNode): void => {
    const fact = facts.get(node)!;
    if (isTag(node) && fact.blank && !fact.media && matches(node, BLOCKS_THAT_MAY_BE_EMPTY)) {
      // <span>Joe</span><span> </span><span>Biden</span>: without its space, JoeBiden.
      replacements.set(node, INLINE.has(node.name) && !fact.empty ? [new Text(' ')] : []);
      return;
    }
    if (hasChildren(node)) node.children.forEach(visit);
  };
  measure(body);
  visit(body);
  replaceNodes(replacements);
}

export interface CleanBody {
  /** Cleaned HTML (empty when nothing was left). */
  html: string;
  /** Its visible text, whitespace collapsed: empty means the body did not survive cleaning. */
  text: string;
  /** The `src` of every picture left in it. */
  images: string[];
  /** Paragraphs with text in it: a premium story was served cut after its first. */
  paragraphs: number;
}

/** Cleans body HTML, and says what is left of it (one parse for all three). */
export function cleanBody(content: BodyContent, options: CleanOptions): CleanBody {
  const body = parseFragment(content);
  replaceEmbeds(body, options.baseUrl);
  removeNodes(select(body, SITE_NOISE_SELECTOR).toArray());
  removeRelatedHeadings(body);
  if (options.noise?.length) removeNodes(select(body, options.noise.join(', ')).toArray());
  // Any generation may serve paragraphs out of order with data-s (RSSHub #10306, #10309).
  restoreParagraphOrder(body);
  for (const transform of options.transforms ?? []) transform(body);
  fixImages(body, options.baseUrl);
  normalizeTables(body);
  fixLinks(body, options.baseUrl);
  stripAttributesAndZeroWidth(body);
  removeEmptyBlocks(body);
  removeEdgeBreaks(body);
  mergeEmphasis(body);
  return {
    html: innerHtml(body).trim(),
    text: $(body).text().replace(/\s+/g, ' ').trim(),
    images: select(body, 'img').map((_, image) => image.attribs.src ?? '').get(),
    // Blocks of text: a paragraph followed by a list is no body cut after its first paragraph.
    paragraphs: select(body, 'p, li, h2, h3, h4, blockquote').filter((_, block) => $(block).text().trim() !== '').length,
  };
}
