/** Runs the built CLI as a user would, and reads back what it wrote. */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

export const BIN = fileURLToPath(new URL('../../bin/zb-scrape.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a user with no mirror or proxy configured. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['ZB_SCRAPE_ORIGIN', 'HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'NO_PROXY', 'no_proxy']) delete env[name];
  return env;
}

/**
 * Runs the CLI to its end. With `exitWithinMs`, a process still running by then is killed and
 * the call rejects: a run that has finished its work must also end.
 */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string>; exitWithinMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: { ...cleanEnv(), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = options.exitWithinMs
      ? setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`zb-scrape ${args.join(' ')} was still running after ${options.exitWithinMs} ms; its stderr:\n${stderr}`));
        }, options.exitWithinMs)
      : undefined;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * A fresh, empty directory of its own. It is one level down in a directory made for it: a
 * test that uses it as --out gets its state file (kept beside the output directory) in that
 * parent, not in the OS temp directory that every test run shares.
 */
export async function tempDir(prefix = 'zb-scrape-test-'): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), prefix)), 'dir');
  await mkdir(dir);
  return dir;
}

export interface WrittenPost {
  name: string;
  frontMatter: Record<string, unknown>;
  body: string;
  raw: string;
}

/** Reads every post in a directory, parsing front matter as Jekyll would (YAML 1.1). */
export async function readPosts(dir: string): Promise<WrittenPost[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
  return Promise.all(
    names.map(async (name) => {
      const raw = await readFile(join(dir, name), 'utf8');
      const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(raw);
      if (!match) throw new Error(`${name} has no front matter`);
      return { name, frontMatter: YAML.parse(match[1]!, { version: '1.1' }) as Record<string, unknown>, body: match[2]!, raw };
    }),
  );
}
