/** Merges config file and flags (flags win) into the settings a command runs with. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type * as Yaml from 'yaml';
import { DEFAULT_USER_AGENT } from '../fetch/http.js';
import type { PicturePlace } from '../write/pictures.js';
import { findSection, SECTIONS, type Section } from '../site/sections.js';
import type { Flavor, PostOptions } from '../write/post.js';
import type { Config } from './config.js';
import { UsageError } from './exit-codes.js';

export const DEFAULTS = { concurrency: 4, timeoutMs: 20_000, retries: 2, hostDelayMs: 100, section: 'china' } as const;

export const DEFAULT_POST_OPTIONS: PostOptions = {
  flavor: 'jekyll',
  slug: 'id',
  layout: 'post',
  defaultAuthor: '联合早报',
  extraTags: [],
  extraCategories: [],
};

/** Where posts go when --out is not given. */
export const DEFAULT_OUT_DIR: Record<Flavor, string> = { jekyll: '_posts', hugo: 'content/posts' };

export function resolveSections(names: readonly string[]): Section[] {
  return names.map((name) => {
    const section = findSection(name);
    if (!section) {
      throw new UsageError(`unknown section '${name}' (built-in sections: ${SECTIONS.map((known) => known.name).join(', ')})`);
    }
    return section;
  });
}

/** The mirror origin: --origin, else ZB_SCRAPE_ORIGIN (an empty value counts as unset), else config. */
export function resolveOrigin(flag: string | undefined, configured: string | undefined, env = process.env): URL | undefined {
  const fromEnv = env.ZB_SCRAPE_ORIGIN?.trim() || undefined;
  if (!flag && fromEnv && !(URL.canParse(fromEnv) && /^https?:$/.test(new URL(fromEnv).protocol))) {
    throw new UsageError(`ZB_SCRAPE_ORIGIN='${fromEnv}' is not an http(s) URL`);
  }
  const value = flag ?? fromEnv ?? configured;
  return value ? new URL(value) : undefined;
}

/** What undici's proxy agent can go through. */
const PROXY_PROTOCOLS = new Set(['http:', 'https:', 'socks:', 'socks5:']);

/**
 * The proxy variables, read as undici reads them (the lower-case name first), checked before
 * a command starts: a malformed one would otherwise fail deep in the first request.
 */
export function checkProxyVariables(env = process.env): void {
  for (const [lower, upper] of [['http_proxy', 'HTTP_PROXY'], ['https_proxy', 'HTTPS_PROXY']] as const) {
    const name = env[lower] !== undefined ? lower : upper;
    const value = env[name];
    if (!value) continue;
    const url = URL.canParse(value) ? new URL(value) : undefined;
    if (!url || !PROXY_PROTOCOLS.has(url.protocol) || !url.hostname) {
      throw new UsageError(`${name}='${value}' is not a proxy URL (expected one like http://proxy.example:3128)`);
    }
  }
}

export interface NetworkSettings {
  origin?: URL;
  timeoutMs: number;
  retries: number;
  /** Least time between the starts of two requests to one host (politeness). */
  hostDelayMs: number;
  userAgent: string;
  respectRobots: boolean;
}

export function resolveNetwork(
  flags: { origin?: string; timeout?: number; retries?: number; delay?: number; userAgent?: string; ignoreRobots?: boolean },
  config: Config,
): NetworkSettings {
  checkProxyVariables();
  const userAgent = flags.userAgent ?? config.userAgent ?? DEFAULT_USER_AGENT;
  // A header value is one line: a line break would fail every request, after the run began.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(userAgent)) throw new UsageError(`the user agent ${JSON.stringify(userAgent)} holds a line break or another control character`);
  return {
    origin: resolveOrigin(flags.origin, config.origin),
    timeoutMs: flags.timeout ?? config.timeout ?? DEFAULTS.timeoutMs,
    retries: flags.retries ?? config.retries ?? DEFAULTS.retries,
    hostDelayMs: flags.delay ?? config.delay ?? DEFAULTS.hostDelayMs,
    userAgent,
    respectRobots: !(flags.ignoreRobots ?? config.ignoreRobots ?? false),
  };
}

/** How posts are written, for fetch and for article alike (article prints what fetch would write). */
export function resolvePostOptions(flags: { slug?: PostOptions['slug']; flavor?: PostOptions['flavor'] }, config: Config): PostOptions {
  return {
    flavor: flags.flavor ?? config.flavor ?? DEFAULT_POST_OPTIONS.flavor,
    slug: flags.slug ?? config.slug ?? DEFAULT_POST_OPTIONS.slug,
    layout: config.layout ?? DEFAULT_POST_OPTIONS.layout,
    defaultAuthor: config.author ?? DEFAULT_POST_OPTIONS.defaultAuthor,
    extraTags: config.tags ?? [],
    extraCategories: config.categories ?? [],
  };
}

/** The names Jekyll reads its configuration from. */
const JEKYLL_CONFIGS = ['_config.yml', '_config.yaml', '_config.toml'];

const configIn = (folder: string) => JEKYLL_CONFIGS.map((name) => join(folder, name)).find((path) => existsSync(path));

/** A YAML config's `collections_dir`, without `./` or a trailing slash; undefined when it sets none (or is TOML). */
function collectionsDir(config: string): string | undefined {
  if (config.endsWith('.toml')) return undefined;
  try {
    // Loaded here, not with the command: most sites never need it, and every run would pay for it.
    const yaml = createRequire(import.meta.url)('yaml') as typeof Yaml;
    const value = (yaml.parse(readFileSync(config, 'utf8')) as { collections_dir?: unknown } | null)?.collections_dir;
    return typeof value === 'string' ? value.replace(/^\.\//, '').replace(/\/+$/, '') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Jekyll site's root for a `_posts` folder: its parent, unless the parent has no config and
 * the nearest folder above that has one names the parent as its `collections_dir`.
 */
function siteRootAbove(posts: string): string {
  const parent = dirname(posts);
  if (configIn(parent)) return parent;
  for (let folder = dirname(parent); dirname(folder) !== folder; folder = dirname(folder)) {
    const config = configIn(folder);
    if (config) return collectionsDir(config) === relative(folder, parent).split(sep).join('/') ? folder : parent;
  }
  return parent;
}

/**
 * Where --images download keeps pictures: Jekyll, at the site's root (--assets, else the folder
 * above `_posts`); Hugo, in each post's page bundle. Undefined when posts link them on the site.
 */
export function resolvePictures(flags: { images?: 'link' | 'download'; assets?: string }, config: Config, flavor: Flavor, outDir: string): PicturePlace | undefined {
  const assets = flags.assets ?? config.assets;
  if ((flags.images ?? config.images ?? 'link') === 'link') {
    if (flags.assets !== undefined) throw new UsageError('--assets says where --images download keeps pictures; add --images download');
    return undefined;
  }
  if (flavor === 'hugo') {
    if (assets !== undefined) throw new UsageError('--assets is for Jekyll sites: with --flavor hugo, pictures go in each post\'s page bundle');
    return { flavor: 'hugo', postsDir: resolve(outDir) };
  }
  if (assets !== undefined) return { flavor: 'jekyll', siteRoot: resolve(assets) };
  for (let folder = resolve(outDir); dirname(folder) !== folder; folder = dirname(folder)) {
    if (basename(folder) === '_posts') return { flavor: 'jekyll', siteRoot: siteRootAbove(folder) };
  }
  throw new UsageError(`--images download keeps pictures at the Jekyll site's root, the folder above _posts, and ${outDir} is in no _posts folder: give the site's root with --assets <dir>`);
}
