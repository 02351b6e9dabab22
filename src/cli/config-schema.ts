/** The schema of zb-scrape.config.json: the same settings as the flags. */
import { z } from 'zod';
import { findSection, SECTIONS } from '../site/sections.js';
import { LIMITS } from './limits.js';

const httpUrl = z.string().refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), 'expected an http(s) URL');

const bounded = (range: { min: number; max: number }) => z.number().int().min(range.min).max(range.max);

export const configSchema = z
  .object({
    sections: z
      .array(
        z.string().min(1).superRefine((name, context) => {
          if (findSection(name)) return;
          context.addIssue({ code: 'custom', message: `unknown section '${name}' (built-in sections: ${SECTIONS.map((known) => known.name).join(', ')})` });
        }),
      )
      .min(1)
      .optional(),
    feeds: z.array(httpUrl).optional(),
    out: z.string().min(1).optional(),
    origin: httpUrl.optional(),
    limit: bounded(LIMITS.limit).optional(),
    concurrency: bounded(LIMITS.concurrency).optional(),
    timeout: bounded(LIMITS.timeout).optional(),
    retries: bounded(LIMITS.retries).optional(),
    /** Milliseconds between the starts of two requests to one host (0: no pause). */
    delay: bounded(LIMITS.delay).optional(),
    userAgent: z.string().min(1).optional(),
    prefer: z.enum(['page', 'feed']).optional(),
    slug: z.enum(['id', 'title']).optional(),
    skipPaywalled: z.boolean().optional(),
    savePages: z.string().min(1).optional(),
    images: z.enum(['link', 'download']).optional(),
    /** Jekyll site root for --images download (default: the folder above _posts). */
    assets: z.string().min(1).optional(),
    ignoreRobots: z.boolean().optional(),
    /** State file path, or false for none. */
    state: z.union([z.string().min(1), z.literal(false)]).optional(),
    flavor: z.enum(['jekyll', 'hugo']).optional(),
    /** Jekyll layout of every post. */
    layout: z.string().min(1).optional(),
    /** Author of unsigned stories. */
    author: z.string().min(1).optional(),
    /** Extra tags and categories added to every post. */
    tags: z.array(z.string().min(1)).optional(),
    categories: z.array(z.string().min(1)).optional(),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.length ? issue.path.join('.') : '(top level)';
      return `  ${path}: ${issue.message}`;
    })
    .join('\n');
}

/** The config, or a list of what is wrong with it (one line per offending key). */
export function validateConfig(data: unknown): Config | string {
  const result = configSchema.safeParse(data);
  return result.success ? result.data : formatIssues(result.error);
}
