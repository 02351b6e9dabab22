/** A Markdown summary of the run for GitHub Actions' job page ($GITHUB_STEP_SUMMARY). */
import { appendFile } from 'node:fs/promises';
import type { RunSummary } from '../pipeline/fetch-run.js';
import { healthWarning, pagesByLayout } from '../pipeline/health.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function stepSummaryMarkdown(summary: RunSummary): string {
  const lines = [
    '### zb-scrape',
    '',
    '| discovered | written | updated | already present | failed | paywalled | from feed |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    `| ${summary.discovered} | ${summary.written} | ${summary.updated} | ${summary.skipped} | ${summary.failed} | ${summary.paywalled} | ${summary.fromFeed} |`,
  ];
  if (summary.failures.length) {
    lines.push('', '| failed article | reason |', '|---|---|');
    for (const failure of summary.failures) lines.push(`| ${cell(failure.url)} | ${cell(failure.reason)} |`);
  }
  if (summary.imagesSaved || summary.imagesFailed.length) {
    lines.push('', `Pictures kept: ${summary.imagesSaved} (${Math.ceil(summary.imagesBytes / 1024)} kB); not kept: ${summary.imagesFailed.length}.`);
    for (const picture of summary.imagesFailed) lines.push(`- ${cell(picture.url)} (in ${cell(picture.post)}): ${cell(picture.reason)}`);
  }
  const { health } = summary;
  if (health.pages) {
    lines.push('', `Health: **${health.status}**. Pages read by layout: ${pagesByLayout(health)}.`);
    const missing = Object.entries(health.missing).filter(([, urls]) => urls.length).map(([field, urls]) => `${field} ${urls.length}`);
    if (missing.length) lines.push('', `Fields no page gave: ${missing.join(', ')}.`);
    const warning = healthWarning(health);
    if (warning) lines.push('', `> ${cell(warning)}`);
  }
  const unreadable = summary.sources.filter((source) => source.error);
  if (unreadable.length) {
    lines.push('', 'Sources that could not be read:', '');
    for (const source of unreadable) lines.push(`- ${source.source}: ${source.error}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function writeStepSummary(summary: RunSummary, path = process.env.GITHUB_STEP_SUMMARY): Promise<void> {
  if (path) await appendFile(path, stepSummaryMarkdown(summary));
}
