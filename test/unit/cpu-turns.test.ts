import { stat } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inOwnTurn, loadInOwnTurn } from '../../src/cpu-turns.js';

const busyFor = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

describe('inOwnTurn', () => {
  it('runs pieces of work one at a time, in order, and returns their results', async () => {
    const order: string[] = [];
    const slow = inOwnTurn(async () => {
      order.push('slow start');
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('slow end');
      return 1;
    });
    const quick = inOwnTurn(() => {
      order.push('quick');
      return 2;
    });
    expect(await Promise.all([slow, quick])).toEqual([1, 2]);
    expect(order).toEqual(['slow start', 'slow end', 'quick']);
  });

  it('goes on after a piece of work that throws', async () => {
    const failing = inOwnTurn(() => {
      throw new Error('broken page');
    });
    const next = inOwnTurn(() => 'next');
    await expect(failing).rejects.toThrow('broken page');
    expect(await next).toBe('next');
  });

  it('handles I/O that completed during one piece of work before the next piece', async () => {
    const order: string[] = [];
    const first = inOwnTurn(() => {
      stat(fileURLToPath(import.meta.url), () => order.push('io'));
      busyFor(30);
      order.push('first');
    });
    const second = inOwnTurn(() => order.push('second'));
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'io', 'second']);
  });

  it('loadInOwnTurn leaves an unawaited failure unreported until it is awaited', async () => {
    const loading = loadInOwnTurn(() => Promise.reject(new Error('missing module')));
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(loading).rejects.toThrow('missing module');
  });
});
