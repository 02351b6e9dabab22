/**
 * `zb-scrape init`: a starter zb-scrape.config.json and the scheduled GitHub workflow for a
 * site's repository. Never overwrites: a file that exists is kept, and only the missing ones
 * are written (so `init --backfill` adds the backfill workflow to a site set up before).
 */
import { constants } from 'node:fs';
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

  const missing: typeof files = [];
  for (const file of files) {
    if (await exists(join(root, file[1]))) process.stderr.write(`kept ${file[1]} (it exists; not overwritten)\n`);
    else missing.push(file);
  }
  if (!missing.length) {
    process.stderr.write(`nothing to write: every file is already in ${root}\n`);
    return ExitCode.ok;
  }
  // The package's own templates first: one missing is a broken install, not the user's to fix.
  for (const [template] of missing) {
    if (!(await exists(join(TEMPLATES, template)))) throw new Error(`zb-scrape's template ${template} is missing from ${TEMPLATES}; reinstall zb-scrape`);
  }
  // Every directory next: a file in the way of one fails the command before anything is written.
  try {
    for (const [, target] of missing) await mkdir(dirname(join(root, target)), { recursive: true });
    for (const [template, target] of missing) {
      const path = join(root, target);
      await copyFile(join(TEMPLATES, template), path, constants.COPYFILE_EXCL);
      process.stderr.write(`wrote ${relative(process.cwd(), path) || path}\n`);
    }
  } catch (error) {
    throw new UsageError(`cannot write into ${root}: ${(error as Error).message}`);
  }
  process.stderr.write(
    'Next: set `timezone: Asia/Singapore` in _config.yml, review zb-scrape.config.json, commit, and allow workflows to push (Settings → Actions → Workflow permissions: read and write).\n',
  );
  return ExitCode.ok;
}
