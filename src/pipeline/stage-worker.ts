/**
 * Worker thread entry: runs the article stages (article-stages.ts) for the fetch run's main
 * thread, one call per message, and answers with the result or the error's name and message.
 */
import { parentPort } from 'node:worker_threads';
import { inOwnTurn } from '../cpu-turns.js';
import * as stages from './article-stages.js';
import type { StageCall, StageReply } from './stage-runner.js';

if (!parentPort) throw new Error('stage-worker.js runs as a worker thread only');
const port = parentPort;

/**
 * Starts a stage: its result, or for a stage that writes (savePost) the promise of it. Boxed,
 * so that the turn that starts it does not wait for the file.
 */
function start({ name, args }: StageCall): { result: Promise<unknown> } {
  try {
    const stage = stages[name] as (...values: unknown[]) => unknown;
    return { result: Promise.resolve(stage(...args)) };
  } catch (error) {
    return { result: Promise.reject(error) };
  }
}

const describe = (error: unknown) => (error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) });

/*
 * Each call starts in an event-loop turn of its own (cpu-turns.ts). A post's file takes six
 * operations, each finished by a callback of this loop; run back to back, the calls of a
 * batch of pages held them all back, and the batch's posts were all written only after its
 * last page was rendered (in a run's last batch, 10–15 ms after their own rendering).
 */
port.on('message', (call: StageCall) => {
  void inOwnTurn(() => start(call)).then(({ result }) =>
    result.then(
      (value) => port.postMessage({ id: call.id, result: value } satisfies StageReply),
      (error: unknown) => port.postMessage({ id: call.id, error: describe(error) } satisfies StageReply),
    ),
  );
});
