/** `zb-scrape fetch`: settings, then the pipeline, then the summary and the exit code. */
import { dirname, join, resolve } from 'node:path';
import { createLogger } from '../../log.js';
import { runFetch, type RunSummary } from '../../pipeline/fetch-run.js';
import { LockedError, OutputDirectoryError } from '../../write/lock.js';
import { adviceForFailures } from '../../fetch/unreachable.js';
import { pagesByLayout } from '../../pipeline/health.js';
import { loadConfig } from '../config.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { createProgress } from '../progress.js';
import { writeStepSummary } from '../step-summary.js';
import type { FetchFlags } from '../main.js';
import { DEFAULT_OUT_DIR, DEFAULTS, resolveNetwork, resolvePictures, resolvePostOptions, resolveSections } from '../settings.js';

/** A dotfile, so that Jekyll does not publish it. */
const STATE_FILE = '.zb-scrape-state.json';

function printHumanSummary(summary: RunSummary, write: (line: string) => void): void {
  const seconds = (summary.durationMs / 1000).toFixed(1);
  const verb = summary.dryRun ? 'would write' : 'written';
  const parts = [`${summary.written} ${verb}`, `${summary.skipped} already present`, `${summary.failed} failed`];
  if (summary.updated) parts.splice(1, 0, `${summary.updated} updated`);
  if (summary.paywalled) parts.push(`${summary.paywalled} paywalled`);
  if (summary.disallowed.length) parts.push(`${summary.disallowed.length} disallowed by robots.txt`);
  if (summary.gone.length) parts.push(`${summary.gone.length} gone (404/410)`);
  const { health } = summary;
  if (health.pages) parts.push(`pages: ${pagesByLayout(health)}${health.status === 'degraded' ? ' (degraded)' : ''}`);
  if (summary.paywalledSkipped.length) parts.push(`${summary.paywalledSkipped.length} paywalled left out`);
  if (summary.fromFeed) parts.push(`${summary.fromFeed} from feed content`);
  if (summary.deferred) parts.push(`${summary.deferred} left for the next run (--limit)`);
  if (summary.imagesSaved) parts.push(picturesNote(summary.imagesSaved, summary.imagesBytes));
  if (summary.imagesFailed.length) parts.push(`${summary.imagesFailed.length} picture${summary.imagesFailed.length > 1 ? 's' : ''} not saved`);
  const stopped = summary.interrupted ? 'interrupted: ' : '';
  write(`zb-scrape: ${stopped}${summary.discovered} discovered; ${parts.join(', ')} (${summary.requests} requests, ${seconds} s)\n`);
  for (const failure of summary.failures) write(`  failed: ${failure.url}: ${failure.reason}\n`);
  for (const picture of summary.imagesFailed) write(`  picture not saved: ${picture.url} (in ${picture.post}): ${picture.reason}\n`);
}

/** `12 pictures saved (3.4 MB)` */
function picturesNote(saved: number, bytes: number): string {
  const size = bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
  return `${saved} picture${saved > 1 ? 's' : ''} saved (${size})`;
}

export async function fetchCommand(flags: FetchFlags): Promise<number> {
  if (flags.quiet && flags.verbose) throw new UsageError('--quiet and --verbose cannot be used together');
  if (flags.from && flags.to && flags.from > flags.to) throw new UsageError(`--from ${flags.from} is after --to ${flags.to}`);
  if (flags.since !== undefined && flags.from) throw new UsageError('--since and --from cannot be used together');
  const config = await loadConfig(flags.config);
  const feeds = flags.feed ?? config.feeds ?? [];
  // With only feeds asked for, no section is read unless named.
  const sectionNames = flags.section ?? config.sections ?? (feeds.length ? [] : [DEFAULTS.section]);
  const sections = resolveSections(sectionNames);
  const network = resolveNetwork(flags, config);
  const post = resolvePostOptions(flags, config);
  const outDir = flags.out ?? config.out ?? DEFAULT_OUT_DIR[post.flavor];
  const pictures = resolvePictures(flags, config, post.flavor, outDir);
  // Beside the output directory (the site's root for _posts), where a workflow can commit it.
  const state = flags.state === false ? false : (flags.state ?? config.state ?? join(dirname(resolve(outDir)), STATE_FILE));

  const progress = flags.quiet ? undefined : createProgress();
  const log = createLogger(flags.quiet ? 'quiet' : flags.verbose ? 'verbose' : 'normal', (line) => (progress ? progress.print(line) : process.stderr.write(line)));
  const controller = new AbortController();
  const onInterrupt = () => {
    if (controller.signal.aborted) process.exit(ExitCode.interrupted);
    log.warn('interrupted: finishing the posts being written (Ctrl-C again to quit at once)');
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  try {
    const result = await runFetch({
      sections,
      feeds,
      outDir,
      statePath: state === false ? undefined : state,
      limit: flags.limit ?? config.limit,
      window: { fromDay: flags.from, toDay: flags.to, sinceMs: flags.since === undefined ? undefined : Date.now() - flags.since },
      concurrency: flags.concurrency ?? config.concurrency ?? DEFAULTS.concurrency,
      dryRun: flags.dryRun ?? false,
      update: flags.update ?? false,
      skipPaywalled: flags.skipPaywalled ?? config.skipPaywalled ?? false,
      savePagesDir: flags.savePages ?? config.savePages,
      prefer: flags.prefer ?? config.prefer ?? 'page',
      pictures,
      post,
      log,
      signal: controller.signal,
      onProgress: progress ? (done, total, saved) => progress.update(done, total, saved.saved ? picturesNote(saved.saved, saved.bytes) : undefined) : undefined,
      ...network,
    });
    progress?.finish();
    const { summary } = result;
    if (flags.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    await writeStepSummary(summary).catch((error: unknown) => {
      log.warn(`could not write the step summary to $GITHUB_STEP_SUMMARY: ${(error as Error).message}`);
    });
    if (!flags.quiet) printHumanSummary(summary, (line) => process.stderr.write(line));
    // --quiet keeps errors: what failed is what a cron job's mail is for.
    else for (const failure of summary.failures) log.error(`failed ${failure.url}: ${failure.reason}`);
    if (summary.interrupted) return ExitCode.interrupted;
    if (result.kind === 'no-source') {
      // Said in full: under --quiet, the sources' warnings were not shown.
      const failed = summary.sources.filter((source) => source.error);
      const reasons = failed.map((source) => `${source.source}: ${source.error}`);
      // Every source lost to the network: the cause and what to try come first.
      const advice = adviceForFailures(failed, network.origin);
      if (advice) log.error(advice);
      log.error(`no source could be read; nothing was fetched${reasons.length ? ` (${reasons.join('; ')})` : ''}`);
      return ExitCode.noSource;
    }
    return summary.failed > 0 ? ExitCode.partial : ExitCode.ok;
  } catch (error) {
    if (error instanceof LockedError || error instanceof OutputDirectoryError) throw new UsageError(`${error.message}; nothing was fetched`);
    throw error;
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
  }
}
