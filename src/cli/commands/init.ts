/**
 * `zb-scrape init`: a starter zb-scrape.config.json and the scheduled GitHub workflows for a
 * site's repository, and its own files kept out of the Jekyll build. Never overwrites: a file
 * that exists is kept, and only the missing ones are written (so `init --backfill` adds the
 * backfill workflow to a site set up before).
 */
import { constants } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import { PACKAGE_ROOT } from '../../package-root.js';
import { ExitCode, UsageError } from '../exit-codes.js';

const TEMPLATES = join(PACKAGE_ROOT, 'templates');
/** Files of zb-scrape's in a site that Jekyll must not publish. */
const NOT_PUBLISHED = ['zb-scrape.config.json', '.zb-scrape-state.json'];

export interface InitFlags {
  dir?: string;
  backfill?: boolean;
  /** The repository of the action the workflows use (`owner/name`). */
  repo?: string;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

interface PackageInfo {
  version: string;
  repository?: string | { url?: string };
}

/** `owner/name` of the action: --repo, else the package's own repository. */
async function actionRepository(flag: string | undefined): Promise<{ repo: string; major: string }> {
  const info = JSON.parse(await readFile(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as PackageInfo;
  const url = typeof info.repository === 'string' ? info.repository : info.repository?.url;
  const repo = flag ?? /github\.com[/:]([\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(url ?? '')?.[1];
  if (!repo || !/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new UsageError(`--repo must be owner/name (the repository of the zb-scrape action), not '${flag ?? ''}'`);
  return { repo, major: info.version.split('.')[0]! };
}

/**
 * Adds zb-scrape's files to `exclude:` in the site's _config.yml, and `timezone:
 * Asia/Singapore` when it has none (Jekyll files a post by its date in the site's zone: a story
 * at 00:15 in Singapore would land on the day before), through a YAML document that keeps the
 * user's comments and order. Says what it did; a config it cannot read is left alone.
 */
async function configureJekyll(root: string): Promise<string> {
  const path = join(root, '_config.yml');
  if (!(await exists(path))) return `no _config.yml in ${root}: add ${NOT_PUBLISHED.join(' and ')} to its exclude: list once you have one`;
  const document = parseDocument(await readFile(path, 'utf8'));
  if (document.errors.length || (document.contents !== null && !isMap(document.contents))) {
    return `_config.yml left as it is (not a YAML mapping): add ${NOT_PUBLISHED.join(' and ')} to its exclude: list`;
  }
  const done: string[] = [];
  if (!document.has('timezone')) {
    document.set('timezone', 'Asia/Singapore');
    done.push('timezone: Asia/Singapore');
  }
  const current = document.get('exclude');
  if (current !== undefined && !isSeq(current)) return `_config.yml's exclude: is not a list: add ${NOT_PUBLISHED.join(' and ')} to it`;
  const listed = new Set((current?.items ?? []).map((item) => String((item as { value?: unknown }).value ?? item)));
  const missing = NOT_PUBLISHED.filter((name) => !listed.has(name));
  // Jekyll's own defaults stop applying once a site lists exclude: of its own; a new list keeps them.
  if (missing.length && current === undefined) document.set('exclude', document.createNode(['Gemfile', 'Gemfile.lock', 'node_modules', 'vendor', ...missing]));
  else for (const name of missing) current!.add(document.createNode(name));
  if (missing.length) done.push(`${missing.join(' and ')} in exclude:`);
  if (!done.length) return '_config.yml already has what zb-scrape needs';
  await writeFile(path, document.toString());
  return `added ${done.join(' and ')} to _config.yml`;
}

/** Posts ask for the `post` layout: a site with neither one of its own nor a theme shows them bare. */
async function layoutAdvice(root: string): Promise<string | undefined> {
  if (await exists(join(root, '_layouts', 'post.html'))) return undefined;
  const config = await readFile(join(root, '_config.yml'), 'utf8').catch(() => '');
  if (/^\s*(remote_)?theme\s*:/m.test(config)) return undefined;
  return "the site has no 'post' layout (no _layouts/post.html, no theme): posts will show without the site's page around them; add one, or a theme such as minima";
}

export async function initCommand(flags: InitFlags): Promise<number> {
  const root = resolve(flags.dir ?? '.');
  const { repo, major } = await actionRepository(flags.repo);
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
  // The package's own templates first: one missing is a broken install, not the user's to fix.
  for (const [template] of missing) {
    if (!(await exists(join(TEMPLATES, template)))) throw new Error(`zb-scrape's template ${template} is missing from ${TEMPLATES}; reinstall zb-scrape`);
  }
  // Every directory next: a file in the way of one fails the command before anything is written.
  try {
    for (const [, target] of missing) await mkdir(dirname(join(root, target)), { recursive: true });
    for (const [template, target] of missing) {
      const path = join(root, target);
      // The workflows use the action at its major release tag: the released build, never a
      // package name that someone else might hold.
      const text = (await readFile(join(TEMPLATES, template), 'utf8')).replaceAll('__ACTION__', `${repo}@v${major}`);
      await writeFile(path, text, { flag: constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY });
      process.stderr.write(`wrote ${relative(process.cwd(), path) || path}\n`);
    }
    process.stderr.write(`${await configureJekyll(root)}\n`);
    const layout = await layoutAdvice(root);
    if (layout) process.stderr.write(`warning: ${layout}\n`);
  } catch (error) {
    throw new UsageError(`cannot write into ${root}: ${(error as Error).message}`);
  }
  if (!missing.length) process.stderr.write(`nothing to write: every file is already in ${root}\n`);
  process.stderr.write(
    [
      'Next:',
      "  - Jekyll's default permalink puts the categories in each post's URL (/联合早报/中国/2026/08/07/9475521.html);",
      '    for ASCII URLs, set `permalink: /:year/:month/:day/:title:output_ext` in _config.yml;',
      '  - review zb-scrape.config.json, commit, and allow workflows to push',
      '    (Settings → Actions → General → Workflow permissions: read and write).',
      '',
    ].join('\n'),
  );
  return ExitCode.ok;
}
