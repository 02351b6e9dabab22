/**
 * `--save-pages <dir>`: pages that no known layout could read, kept as received, with what is
 * known of them beside, ready to attach to a bug report and to become a fixture.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { HttpResponse } from '../fetch/http.js';
import { writeFileAtomic } from '../write/atomic.js';

export interface SavedPageInfo {
  /** The public address of the story. */
  url: string;
  /** Where it was fetched from (the mirror's address behind --origin). */
  fetchedFrom: string;
  status: number;
  headers: Record<string, string>;
  savedAt: string;
  /** The generation that read it, or tried to (`generic` when no known layout matched); none for a page past parsing. */
  generation?: string;
  reason: string;
}

export async function savePage(dir: string, storyId: string, url: string, response: HttpResponse, generation: string | undefined, reason: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const info: SavedPageInfo = { url, fetchedFrom: response.url, status: response.status, headers: response.headers, savedAt: new Date().toISOString(), generation, reason };
  await writeFileAtomic(join(dir, `${storyId}.html`), response.bytes, { overwrite: true });
  await writeFileAtomic(join(dir, `${storyId}.json`), `${JSON.stringify(info, null, 2)}\n`, { overwrite: true });
}
