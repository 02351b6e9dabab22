/**
 * `zb-scrape init`: a starter zb-scrape.config.json and the scheduled GitHub workflow for a
 * site's repository. Never overwrites: when any file it would write exists, it writes nothing.
 */
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../../package-root.js';
import { ExitCode, UsageError } from '../exit-codes.js';

const TEMPLATES = join(PACKAGE_ROOT, 'templates');

export interface InitFlags {
  dir?: string;
  backfill?: boolean;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

export async function initCommand(flags: InitFlags): Promise<number> {
  const root = resolve(flags.dir ?? '.');
  const files: [template: string, target: string][] = [
    ['zb-scrape.config.json', 'zb-scrape.config.json'],
    ['github/zb-scrape.yml', '.github/workflows/zb-scrape.yml'],
  ];
  if (flags.backfill) files.push(['github/zb-scrape-backfill.yml', '.github/workflows/zb-scrape-backfill.yml']);

  const present = [];
  for (const [, target] of files) if (await exists(join(root, target))) present.push(target);
  if (present.length) {
    throw new UsageError(`not overwriting ${present.join(', ')} in ${root}; move or delete ${present.length > 1 ? 'them' : 'it'} first (nothing was written)`);
  }
  for (const [template, target] of files) {
    const path = join(root, target);
    await mkdir(dirname(path), { recursive: true });
    await copyFile(join(TEMPLATES, template), path);
    process.stderr.write(`wrote ${relative(process.cwd(), path) || path}\n`);
  }
  process.stderr.write(
    'Next: set `timezone: Asia/Singapore` in _config.yml, review zb-scrape.config.json, commit, and allow workflows to push (Settings → Actions → Workflow permissions: read and write).\n',
  );
  return ExitCode.ok;
}
