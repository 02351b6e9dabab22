/**
 * `zb-scrape.config.json`: the same settings as the flags, for a site's repository.
 * Validated with zod; unknown keys and bad values are rejected with the key's path.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { UsageError } from './exit-codes.js';
import { LIMITS } from './limits.js';

export const DEFAULT_CONFIG_FILE = 'zb-scrape.config.json';

const httpUrl = z.string().refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), 'expected an http(s) URL');


const bounded = (range: { min: number; max: number }) => z.number().int().min(range.min).max(range.max);

export const configSchema = z
  .object({
    sections: z.array(z.string().min(1)).min(1).optional(),
    feeds: z.array(httpUrl).optional(),
    out: z.string().min(1).optional(),
    origin: httpUrl.optional(),
    limit: bounded(LIMITS.limit).optional(),
    concurrency: bounded(LIMITS.concurrency).optional(),
    timeout: bounded(LIMITS.timeout).optional(),
    retries: bounded(LIMITS.retries).optional(),
    userAgent: z.string().min(1).optional(),
    prefer: z.enum(['page', 'feed']).optional(),
    slug: z.enum(['id', 'title']).optional(),
    skipPaywalled: z.boolean().optional(),
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

/**
 * Loads the config: the file named by --config (which must exist), else
 * `zb-scrape.config.json` in the working directory when there is one, else nothing.
 */
export async function loadConfig(explicitPath: string | undefined, cwd = process.cwd()): Promise<Config> {
  const path = resolve(cwd, explicitPath ?? DEFAULT_CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (!explicitPath && (error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new UsageError(`cannot read config file ${path}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const result = configSchema.safeParse(data);
  if (!result.success) throw new UsageError(`config file ${path} is invalid:\n${formatIssues(result.error)}`);
  return result.data;
}
