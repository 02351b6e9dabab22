import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/write/atomic.js';
import { indexExistingPosts, listExistingPosts, readPostsFrom } from '../../src/write/existing.js';
import { tempDir } from '../helpers/cli.js';

describe('index of existing posts', () => {
  it('reads story ids from file names without opening them, and from front matter for other names', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '2026-08-08-9480001.md'), 'not even front matter');
    await writeFile(join(dir, '2024-01-13-台湾大选.md'), '---\ntitle: x\nstory_id: "4401234"\n---\n');
    await writeFile(join(dir, '2021-11-05-eu-ev.md'), "---\nfrom: 'https://www.zaobao.com/realtime/world/story20211105-1210001'\n---\n");
    await writeFile(join(dir, '2021-11-06-no-story.md'), '---\ntitle: mine\n---\n');
    await writeFile(join(dir, '.zb-scrape-2026-08-09-1.md.1.ab.tmp'), 'partial');
    await writeFile(join(dir, 'README.md'), 'story_id: 99');
    // A state file kept with the posts (so that `git add _posts` commits it) is not temporary.
    await writeFile(join(dir, '.zb-scrape-state.json'), '{}');
    const index = await indexExistingPosts(dir);
    expect(Object.fromEntries(index.byStory)).toEqual({
      '9480001': '2026-08-08-9480001.md',
      '4401234': '2024-01-13-台湾大选.md',
      '1210001': '2021-11-05-eu-ev.md',
    });
    // Left by an interrupted write; a run holding the lock removes it.
    expect(index.tempFiles).toEqual(['.zb-scrape-2026-08-09-1.md.1.ab.tmp']);
  });

  it('reads subfolders, a linked-in folder once, never a link back up, and finds temporary files in them', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, '2026'));
    await writeFile(join(dir, '2026', '2026-08-08-9480001.md'), 'x');
    await writeFile(join(dir, '2026', '.zb-scrape-2026-08-09-2.md.1.ab.1.tmp'), 'partial');
    await symlink('.', join(dir, 'self'));
    const archive = await tempDir();
    await writeFile(join(archive, '2019-01-01-1000001.md'), 'x');
    await symlink(archive, join(dir, 'archive'));
    const index = await indexExistingPosts(dir);
    expect(Object.fromEntries(index.byStory)).toEqual({ '9480001': join('2026', '2026-08-08-9480001.md'), '1000001': join('archive', '2019-01-01-1000001.md') });
    expect(index.tempFiles).toEqual([join('2026', '.zb-scrape-2026-08-09-2.md.1.ab.1.tmp')]);
    expect([...index.names].some((name) => name.startsWith(`self${sep}`))).toBe(false);
  });

  it('opens only the posts dated from a given day: an old post cannot be about a newer story', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '2024-01-13-台湾大选.md'), '---\nstory_id: "4401234"\n---\n');
    // Named by the day another tool fetched it, after the story's.
    await writeFile(join(dir, '2026-08-20-old-tool.md'), "---\nfrom: 'https://www.zaobao.com/realtime/world/story20260801-9400001'\n---\n");
    await writeFile(join(dir, '2026-08-08-9480001.md'), 'x');
    const listing = await listExistingPosts(dir);
    expect(Object.fromEntries(listing.byStory)).toEqual({ 9480001: '2026-08-08-9480001.md' });
    await readPostsFrom(listing, dir, '2026-07-25');
    expect(Object.fromEntries(listing.byStory)).toEqual({ 9480001: '2026-08-08-9480001.md', 9400001: '2026-08-20-old-tool.md' });
    expect(listing.unread.map((post) => post.path)).toEqual(['2024-01-13-台湾大选.md']);
    await readPostsFrom(listing, dir, undefined);
    expect(listing.byStory.get('4401234')).toBe('2024-01-13-台湾大选.md');
  });

  it('finds a page bundle by its folder, posts in a dated folder that is no bundle, and temporary files in both', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, '2026-08-08-9480001'));
    await writeFile(join(dir, '2026-08-08-9480001', 'index.md'), 'x');
    await writeFile(join(dir, '2026-08-08-9480001', 'photo-0123456789ab.jpg'), 'x');
    await writeFile(join(dir, '2026-08-08-9480001', '.zb-scrape-index.md.1.ab.0.tmp'), 'partial');
    // A dated folder of posts, with an index.md of its own.
    await mkdir(join(dir, '2026-08-01-archive'));
    await writeFile(join(dir, '2026-08-01-archive', 'index.md'), 'x');
    await writeFile(join(dir, '2026-08-01-archive', '2026-08-01-9400001.md'), 'x');
    await writeFile(join(dir, '2026-08-01-archive', '2026-08-02-标题.md'), '---\nstory_id: "9400002"\n---\n');
    const index = await indexExistingPosts(dir);
    expect(Object.fromEntries(index.byStory)).toEqual({
      9480001: join('2026-08-08-9480001', 'index.md'),
      9400001: join('2026-08-01-archive', '2026-08-01-9400001.md'),
      9400002: join('2026-08-01-archive', '2026-08-02-标题.md'),
    });
    expect(index.tempFiles).toEqual([join('2026-08-08-9480001', '.zb-scrape-index.md.1.ab.0.tmp')]);
  });

  it('treats a missing output directory as empty', async () => {
    expect((await indexExistingPosts('/nonexistent/zb-scrape/_posts')).byStory.size).toBe(0);
  });
});

describe('atomic writes', () => {
  it('writes the whole file and leaves no temporary file behind', async () => {
    const dir = await tempDir();
    await writeFileAtomic(join(dir, 'a.md'), '内容', { overwrite: false });
    expect(await readFile(join(dir, 'a.md'), 'utf8')).toBe('内容');
    expect(await readdir(dir)).toEqual(['a.md']);
  });

  it('never replaces an existing file unless asked to', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.md'), 'theirs');
    await expect(writeFileAtomic(join(dir, 'a.md'), 'ours', { overwrite: false })).rejects.toThrow(/EEXIST/);
    expect(await readFile(join(dir, 'a.md'), 'utf8')).toBe('theirs');
    expect(await readdir(dir)).toEqual(['a.md']);
    await writeFileAtomic(join(dir, 'a.md'), 'ours', { overwrite: true });
    expect(await readFile(join(dir, 'a.md'), 'utf8')).toBe('ours');
  });

  it('fails cleanly when the directory is missing', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'x'));
    await expect(writeFileAtomic(join(dir, 'missing', 'a.md'), 'x', { overwrite: false })).rejects.toThrow(/ENOENT/);
  });
});
