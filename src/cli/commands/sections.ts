/** `zb-scrape sections`: the built-in sections and where each is read from. */
import { SECTIONS } from '../../site/sections.js';
import { ExitCode } from '../exit-codes.js';

export function sectionsCommand(flags: { json?: boolean }): number {
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(SECTIONS, null, 2)}\n`);
    return ExitCode.ok;
  }
  const lines: string[] = [];
  for (const section of SECTIONS) {
    lines.push(`${section.name} (${section.label})`);
    for (const feed of section.feeds) lines.push(`  feed     ${feed}`);
    for (const listing of section.listings) lines.push(`  listing  ${listing}`);
    lines.push(`  paths    ${section.paths.join(', ')}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return ExitCode.ok;
}
