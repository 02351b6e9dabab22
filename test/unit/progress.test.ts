import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (text: string) => writes.push(text) } as unknown as NodeJS.WriteStream };
}

afterEach(() => vi.unstubAllEnvs());

describe('progress', () => {
  it('draws a bar with counts and ETA on a terminal, and clears it at the end', () => {
    vi.stubEnv('CI', '');
    let clock = 0;
    const { writes, stream } = fakeStream(true);
    const progress = createProgress({ stream, now: () => clock });
    clock = 1000;
    progress.update(10, 40);
    expect(writes.at(-1)).toMatch(/^\r\[######-{18}\] 10\/40 25%, ETA 3s/);
    progress.finish();
    expect(writes.at(-1)).toBe('\r\u001b[K');
  });

  it('prints a plain line at most every few seconds without a terminal', () => {
    let clock = 0;
    const { writes, stream } = fakeStream(false);
    const progress = createProgress({ stream, now: () => clock, plainIntervalMs: 5000 });
    clock = 6000;
    progress.update(1, 100);
    clock = 7000;
    progress.update(2, 100); // too soon
    clock = 12_000;
    progress.update(3, 100);
    expect(writes).toEqual(['progress: 1/100 articles (1%), ETA 9m54s\n', 'progress: 3/100 articles (3%), ETA 6m28s\n']);
  });

  it('uses plain lines in CI even on a terminal', () => {
    vi.stubEnv('CI', 'true');
    let clock = 0;
    const { writes, stream } = fakeStream(true);
    const progress = createProgress({ stream, now: () => clock });
    clock = 6000;
    progress.update(1, 2);
    expect(writes).toEqual(['progress: 1/2 articles (50%), ETA 6s\n']);
  });
});

describe('log lines during progress', () => {
  it('clear the bar on a terminal and draw it again under the line', () => {
    vi.stubEnv('CI', '');
    let clock = 0;
    const { writes, stream } = fakeStream(true);
    const progress = createProgress({ stream, now: () => clock });
    progress.print('before any bar\n');
    expect(writes.at(-1)).toBe('before any bar\n');
    clock = 1000;
    progress.update(1, 8);
    progress.print('warning: something\n');
    expect(writes.at(-1)).toBe('\r\u001b[Kwarning: something\n[###---------------------] 1/8 13%, ETA 7s');
  });
});
