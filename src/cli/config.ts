/**
 * `zb-scrape.config.json`: the same settings as the flags, for a site's repository.
 * Validated with zod; unknown keys and bad values are rejected with the key's path.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Config } from './config-schema.js';
import { UsageError } from './exit-codes.js';

export type { Config } from './config-schema.js';

export const DEFAULT_CONFIG_FILE = 'zb-scrape.config.json';

/**
 * Loads the config: the file named by --config (which must exist), else
 * `zb-scrape.config.json` in the working directory when there is one, else nothing.
 */
export async function loadConfig(explicitPath: string | undefined, cwd = process.cwd()): Promise<Config> {
  const path = resolve(cwd, explicitPath ?? DEFAULT_CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (!explicitPath && (error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new UsageError(`cannot read config file ${path}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    // Windows editors (PowerShell 5's UTF8, older Notepad) start the file with a BOM.
    data = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (error) {
    throw new UsageError(`config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  // zod loads only when there is a file to check: most runs have none, and start-up counts.
  const { validateConfig } = await import('./config-schema.js');
  const result = validateConfig(data);
  if (typeof result === 'string') throw new UsageError(`config file ${path} is invalid:\n${result}`);
  // Its paths are the file's own, wherever the command runs from (a workflow, cron, a shell).
  const folder = dirname(path);
  return {
    ...result,
    ...(result.out === undefined ? {} : { out: resolve(folder, result.out) }),
    ...(typeof result.state === 'string' ? { state: resolve(folder, result.state) } : {}),
    ...(result.savePages === undefined ? {} : { savePages: resolve(folder, result.savePages) }),
    ...(result.assets === undefined ? {} : { assets: resolve(folder, result.assets) }),
  };
}
