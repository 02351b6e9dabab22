/**
 * zaobao.com.sg React pages ship their article as
 * `window.__staticRouterHydrationData = JSON.parse("…")`: a JSON document inside a
 * JavaScript string literal, so it is decoded twice (literal → JSON text → object).
 */
import { createRequire } from 'node:module';
import type * as Zod from 'zod';
import { balancedObject, decodeJsString, readStringLiteral } from '../../js-literal.js';
import type { Page } from '../../types.js';

const MARKER = '__staticRouterHydrationData';

/** The fields we read; each one tolerates odd values so one bad field never sinks the page. */
function buildSchema(z: typeof Zod.z) {
  const named = z.union([z.string(), z.object({ name: z.string().optional().catch(undefined) }).loose()]);
  const timestamp = z.union([z.number(), z.string()]).optional().catch(undefined);
  return z.object({
    id: z.union([z.string(), z.number()]).optional().catch(undefined),
    headline: z.string().optional().catch(undefined),
    create_time: timestamp,
    update_time: timestamp,
    publish_time: timestamp,
    tags: z.array(named).optional().catch(undefined),
    byline: z.union([z.array(named), z.string()]).optional().catch(undefined),
    body_cn: z.string().optional().catch(undefined),
    body: z.string().optional().catch(undefined),
    images: z.array(z.object({ url: z.string().optional().catch(undefined), caption: z.string().optional().catch(undefined) }).loose()).optional().catch(undefined),
    section: z.union([z.string(), z.object({ name: z.string().optional().catch(undefined) }).loose()]).optional().catch(undefined),
    summary: z.string().optional().catch(undefined),
    paywall: z.unknown().optional(),
  });
}

export type HydrationArticle = Zod.infer<ReturnType<typeof buildSchema>>;

let schema: ReturnType<typeof buildSchema> | undefined;
/** zod is loaded on the first page that has a payload: pages of other generations never need it. */
function hydrationArticleSchema(): ReturnType<typeof buildSchema> {
  schema ??= buildSchema((createRequire(import.meta.url)('zod') as typeof Zod).z);
  return schema;
}

function findArticle(value: unknown, depth = 0): unknown {
  if (!value || typeof value !== 'object' || depth > 8) return undefined;
  const record = value as Record<string, unknown>;
  const payload = (record.context as Record<string, unknown> | undefined)?.payload as Record<string, unknown> | undefined;
  if (payload?.article && typeof payload.article === 'object') return payload.article;
  for (const child of Object.values(record)) {
    const found = findArticle(child, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The hydration payload's article from a page's scripts, or undefined. */
export function readHydrationArticle(scripts: Iterable<string>): HydrationArticle | undefined {
  for (const script of scripts) {
    // The name can appear before the assignment (`if (!window.__staticRouterHydrationData) …`).
    for (let at = script.indexOf(MARKER); at >= 0; at = script.indexOf(MARKER, at + MARKER.length)) {
      const article = readAssignment(script.slice(at + MARKER.length));
      if (article) return article;
    }
  }
  return undefined;
}

/** The article of `= JSON.parse("…")` or `= {…}` at the start of `rest`, if that is what follows. */
function readAssignment(rest: string): HydrationArticle | undefined {
  let data: unknown;
  try {
    const parseCall = /^\s*=\s*JSON\.parse\(\s*/.exec(rest);
    if (parseCall) {
      const literal = readStringLiteral(rest, parseCall[0].length);
      if (!literal) return undefined;
      data = JSON.parse(decodeJsString(literal));
    } else {
      const assignment = /^\s*=\s*/.exec(rest);
      if (!assignment) return undefined;
      data = JSON.parse(balancedObject(rest.slice(assignment[0].length)) ?? '');
    }
  } catch {
    return undefined; // a malformed payload: the page's rendered copy is still there
  }
  const article = hydrationArticleSchema().safeParse(findArticle((data as { loaderData?: unknown })?.loaderData ?? data));
  return article.success ? article.data : undefined;
}

/** The page's hydration article, read once however many sources ask. */
const hydrationOfPage = (page: Page): HydrationArticle | undefined => readHydrationArticle(page.scripts);
export const hydrationOf = (page: Page): HydrationArticle | undefined => page.once(hydrationOfPage);
