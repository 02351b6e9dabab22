/**
 * The command line: parses flags, then hands off to one command module. Heavy modules
 * (HTML parsing, HTTP, Markdown) are imported only by the command that runs, so that
 * `--help` and `--version` start fast.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import { Command, CommanderError } from 'commander';
import { LIMITS } from './limits.js';
import { ExitCode, UsageError } from './exit-codes.js';
import { collect, collectUrls, day, duration, httpUrl, oneOf, path, wholeNumber } from './parsers.js';

const { version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };

export interface FetchFlags {
  section?: string[];
  feed?: string[];
  out?: string;
  origin?: string;
  from?: string;
  to?: string;
  since?: number;
  limit?: number;
  concurrency?: number;
  timeout?: number;
  retries?: number;
  delay?: number;
  prefer?: 'page' | 'feed';
  slug?: 'id' | 'title';
  flavor?: 'jekyll' | 'hugo';
  update?: boolean;
  skipPaywalled?: boolean;
  savePages?: string;
  images?: 'link' | 'download';
  assets?: string;
  /** A path, or false for --no-state. */
  state?: string | false;
  dryRun?: boolean;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  config?: string;
  userAgent?: string;
  ignoreRobots?: boolean;
}

export interface DoctorFlags extends Omit<ArticleFlags, 'url' | 'slug' | 'flavor'> {
  section?: string[];
}

export interface ArticleFlags {
  ignoreRobots?: boolean;
  url?: string;
  slug?: 'id' | 'title';
  flavor?: 'jekyll' | 'hugo';
  origin?: string;
  timeout?: number;
  retries?: number;
  delay?: number;
  userAgent?: string;
  json?: boolean;
  config?: string;
}

function networkOptions(command: Command): Command {
  return command
    .option('--origin <url>', 'fetch Zaobao URLs from this mirror (same paths); posts keep the public URL [env: ZB_SCRAPE_ORIGIN]', httpUrl)
    .option('--timeout <ms>', 'per-request timeout in milliseconds (default 20000)', wholeNumber(LIMITS.timeout))
    .option('--retries <n>', 'retries for network errors, 408, 429 and 5xx (default 2)', wholeNumber(LIMITS.retries))
    .option('--delay <ms>', 'least time between the starts of two requests to one host; 0 for none (default 100; a server on this machine is not paced)', wholeNumber(LIMITS.delay))
    .option('--user-agent <ua>', 'User-Agent header (default names zb-scrape)')
    .option('--ignore-robots', "do not check the site's robots.txt")
    .option('--config <file>', 'JSON config file (default ./zb-scrape.config.json when present); its paths are relative to it', path);
}

export function buildProgram(): Command {
  const program = new Command('zb-scrape')
    .description('Archive Lianhe Zaobao (联合早报) articles as Jekyll posts.')
    .version(version, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `
Exit codes:
  0    every discovered article was written or already present
  1    some articles failed; the rest were written
  2    usage or configuration error (nothing fetched)
  3    no source could be read at all
  130  interrupted`,
    );

  const fetchCommand = program
    .command('fetch')
    .description('discover, fetch, convert and write new posts (the main job)')
    .option('-s, --section <name...>', 'built-in sections (see `zb-scrape sections`; default china unless --feed is given)', collect)
    .option('-f, --feed <url...>', 'extra RSS/Atom feeds, e.g. an RSSHub /zaobao/realtime/china', collectUrls)
    .option('-o, --out <dir>', 'output directory (default _posts; content/posts with --flavor hugo)', path)
    .option('--slug <id|title>', 'file name after the date: the story id (default) or a slug of the title', oneOf(['id', 'title'] as const))
    .option('--flavor <jekyll|hugo>', 'post format: Jekyll (default) or Hugo (RFC 3339 dates, slug, no Liquid protection)', oneOf(['jekyll', 'hugo'] as const))
    .option('--from <YYYY-MM-DD>', 'first Singapore day to fetch (inclusive); reaches back through the monthly sitemaps', day)
    .option('--to <YYYY-MM-DD>', 'last Singapore day to fetch (inclusive)', day)
    .option('--since <duration>', 'only stories of the last 90m, 36h, 7d, 2w…', duration)
    .option('--limit <n>', 'fetch at most n new articles this run', wholeNumber(LIMITS.limit))
    .option('--concurrency <n>', 'articles fetched at once (default 4)', wholeNumber(LIMITS.concurrency))
    .option('--prefer <page|feed>', 'page: article page first, feed item HTML when it fails (default); feed: whole feed items, no page request', oneOf(['page', 'feed'] as const))
    .option('--skip-paywalled', 'leave out paywalled (truncated) articles instead of writing their visible part')
    .option('--images <link|download>', 'link: posts link pictures on the site (default); download: keep every picture with the site and link that', oneOf(['link', 'download'] as const))
    .option('--assets <dir>', "with --images download on Jekyll: the site's root folder, where pictures go under assets/zaobao/<YYYY>/<story id>/ (default: the folder above _posts)", path)
    .option('--save-pages <dir>', 'keep every page no known layout could read (failed, or read by the generic fallback) here, as received, with a JSON of what is known of it', path)
    .option('--update', 'also re-fetch stories already present, and rewrite posts whose article changed (only posts zb-scrape wrote)')
    .option('--state <file>', 'where feed and sitemap ETags are kept between runs (default .zb-scrape-state.json beside the output directory)', path)
    .option('--no-state', 'keep no state: always fetch feeds and sitemaps in full')
    .option('--dry-run', 'fetch and convert, but write nothing')
    .option('--json', 'print a JSON summary on stdout')
    .option('-q, --quiet', 'print errors only')
    .option('-v, --verbose', 'print every request decision');
  networkOptions(fetchCommand).action(async (flags: FetchFlags) => {
    const { fetchCommand: run } = await import('./commands/fetch.js');
    process.exitCode = await run(flags);
  });

  const articleCommand = program
    .command('article')
    .description('print one article as a post on stdout (a URL, or a saved HTML file)')
    .argument('<url|file>', 'article URL, or path of a saved page')
    .option('--url <url>', 'public address of a saved page (default: the page\'s own og:url)', httpUrl)
    .option('--slug <id|title>', 'file name after the date, as fetch names it', oneOf(['id', 'title'] as const))
    .option('--flavor <jekyll|hugo>', 'post format, as fetch writes it', oneOf(['jekyll', 'hugo'] as const))
    .option('--json', 'print the extracted article and the post as JSON');
  networkOptions(articleCommand).action(async (target: string, flags: ArticleFlags) => {
    const { articleCommand: run } = await import('./commands/article.js');
    process.exitCode = await run(target, flags);
  });

  program
    .command('init')
    .description('write a starter zb-scrape.config.json and the scheduled GitHub workflow into a site (never overwrites)')
    .option('--dir <path>', 'the site\'s folder (default: the current one)', path)
    .option('--backfill', 'also write the backfill workflow (one job per month)')
    .option('--repo <owner/name>', 'the repository of the zb-scrape action the workflows use (default: zb-scrape\'s own)')
    .action(async (flags: { dir?: string; backfill?: boolean; repo?: string }) => {
      const { initCommand: run } = await import('./commands/init.js');
      process.exitCode = await run(flags);
    });

  const doctorCommand = program
    .command('doctor')
    .description("check every section's sources and newest story on each edition; say what the site changed (exit 1 when a section yields no complete story)")
    .option('-s, --section <name...>', 'sections to check (default: every built-in section, or the config file\'s)', collect)
    .option('--json', 'print the checks as JSON');
  networkOptions(doctorCommand).action(async (flags: DoctorFlags) => {
    const { doctorCommand: run } = await import('./commands/doctor.js');
    process.exitCode = await run(flags);
  });

  program
    .command('sections')
    .description('list the built-in sections and their sources')
    .option('--json', 'print as JSON')
    .action(async (flags: { json?: boolean }) => {
      const { sectionsCommand: run } = await import('./commands/sections.js');
      process.exitCode = run(flags);
    });

  return program;
}

/**
 * A reader that stops early (`zb-scrape article URL | head`) closes the pipe: what is left to
 * print has nowhere to go, which is no failure of ours and no reason for a stack trace.
 */
function quietOnClosedStdout(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? ExitCode.ok);
  });
}

export async function main(argv: string[] = process.argv): Promise<void> {
  quietOnClosedStdout();
  const program = buildProgram();
  // No command at all is a usage error, not a request for help: a script that lost its
  // arguments must not pass.
  if (argv.length <= 2) {
    process.stderr.write(program.helpInformation());
    process.exitCode = ExitCode.usage;
    return;
  }
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successful exits; every other commander error is usage.
      const benign = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
      process.exitCode = benign ? ExitCode.ok : ExitCode.usage;
      return;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = ExitCode.usage;
      return;
    }
    process.stderr.write(`error: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = ExitCode.partial;
  }
}
