/**
 * zaobao.com.sg Drupal pages (~2016–2024, the `zbsg2020` theme last). Subscriber-only stories
 * are served cut after a few paragraphs, with a login block where the rest would be; the
 * story's picture, or a gallery of them, sits above its text.
 */
import { contentOf, ldKeywords, ldPersonAuthors, ldString, ldUrl, list, meta, byline, pictureUrl, text, textByParts, headline } from '../../sources.js';
import { $, exists, select, selectFirst, type AnyNode } from '../../../html/parse.js';
import type { BodyContent, Generation, LeadImage, Page } from '../../types.js';

/** The story's own figure, or its gallery; a slider repeats some slides as `.slick-cloned` copies. */
const FIGURES = 'figure.inline-figure-img, figure.inline-figure-gallery';
/** Where the text is: the raw HTML block, or the whole container on pages without one. */
const BODIES = ['.article-content-rawhtml', '.article-content-container'];
const findBodySelector = ({ document }: Page) => BODIES.find((selector) => exists(document, selector));
const bodySelector = (page: Page) => page.once(findBodySelector);
/** Blocks of other stories, whose cards have figures and labels of their own. */
const OTHER_STORIES = 'a, [class*="related"], [class*="recommend"], [class*="card"]';
/** What a subscriber-only story ends with instead of the rest of its text. */
const PAYWALL_BLOCK = '.article-microtransaction, #paywall-login, .paywall-header';

const collapse = (value: string | undefined) => value?.replace(/[\s\u00a0]+/g, ' ').trim() || undefined;

function isInside(element: AnyNode, selector: string): boolean {
  return $(element).parents(selector).length > 0;
}

/**
 * Every picture of the story's figures, once each, with its caption: a slide's `data-caption`,
 * its own `figcaption`, or the figure's when the figure holds one picture.
 */
function findStoryPictures(page: Page): (LeadImage & { outsideBody: boolean })[] {
  const pictures: (LeadImage & { outsideBody: boolean })[] = [];
  const seen = new Set<string>();
  const body = bodySelector(page);
  select(page.document, FIGURES)
    .filter((_, figure) => !isInside(figure, OTHER_STORIES))
    .each((_, figure) => {
      const images = select(figure, 'img').filter((_, image) => !isInside(image, '.slick-cloned'));
      images.each((_, image) => {
        const url = pictureUrl(image);
        if (!url || seen.has(url)) return;
        seen.add(url);
        const slide = $(image).closest('[data-caption], .slick-slide, li');
        const caption =
          collapse($(image).closest('[data-caption]').attr('data-caption')) ??
          collapse(slide.find('figcaption').text()) ??
          (images.length === 1 ? collapse(select(figure, 'figcaption').text()) : undefined);
        pictures.push({ url, caption, outsideBody: !body || !isInside(image, body) });
      });
    });
  return pictures;
}

const storyPictures = (page: Page) => page.once(findStoryPictures);

/** The body, with the pictures that sit above it (outside its element) put at its top as figures. */
function bodyWithPictures(page: Page): BodyContent | undefined {
  const selector = bodySelector(page);
  const body = selector ? contentOf(selector)(page) : undefined;
  if (!body) return undefined;
  const figures = storyPictures(page)
    .filter((picture) => picture.outsideBody)
    .flatMap(({ url, caption }) => {
      const figure = $('<figure></figure>').append($('<img>' as const).attr('src', url).attr('alt', caption ?? ''));
      if (caption) figure.append($('<figcaption></figcaption>').text(caption));
      return figure.get();
    });
  return [...figures, ...(body as AnyNode[])];
}

/** The "订户" label beside the story's own title (in the title's block), not on a card of another story. */
function premiumLabel({ document }: Page): boolean | undefined {
  const title = selectFirst(document, '.content h1, h1.article-title, article h1').get(0);
  if (!title?.parent) return undefined;
  return select(title.parent, '.label-premium').filter((_, label) => !isInside(label, OTHER_STORIES)).length > 0 || undefined;
}

/**
 * The login promo, the premium content's wrapper, or the login block that ends a subscriber-only
 * story: the block's parts count inside the story only, not in a site-wide login dialog. One
 * lookup for all, each being a walk of the whole page.
 */
function paywallMarkers(page: Page): boolean | undefined {
  const body = bodySelector(page);
  const blockInBody = body ? `, ${body} #paywall-login, ${body} .paywall-header` : '';
  return exists(page.document, `.paywall-login, [class*="premium-content"], .article-microtransaction${blockInBody}`) || undefined;
}

export const sgDrupal: Generation = {
  name: 'sg-drupal',
  detect: (page) => bodySelector(page) !== undefined,
  // The page's first <h1> is the logo; the story's is inside .content.
  title: [meta('og:title'), headline('.content h1'), ldString('headline'), headline('h1.title'), headline('article h1')],
  published: [ldString('datePublished'), meta('article:published_time'), text('.date-published'), text('.story-postdate'), text('.datestamp')],
  updated: [ldString('dateModified')],
  authors: [byline(textByParts('h4.title-byline')), ldPersonAuthors],
  tags: [list(meta('keywords')), ldKeywords],
  leadImage: [(page) => storyPictures(page)[0]],
  canonicalUrl: [meta('og:url'), ldUrl],
  body: [bodyWithPictures],
  // The body is the contents of .article-content-rawhtml: the login promo is matched alone.
  clean: ['.paywall-login', '[class*="premium-"]', PAYWALL_BLOCK, '.label-premium', '.slick-cloned'],
  // The visible markers win over ld+json, which calls these stories free all the same.
  paywalled: [paywallMarkers, premiumLabel],
  oneParagraphIsPaywall: true,
  listingCards: ['.card-listing .card .content-header a'],
};
