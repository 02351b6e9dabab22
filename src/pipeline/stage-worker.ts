/**
 * Worker thread entry: runs the article stages (article-stages.ts) for the fetch run's main
 * thread, one call per message, and answers with the result or the error's name and message.
 */
import { parentPort } from 'node:worker_threads';
import * as stages from './article-stages.js';
import type { StageCall, StageReply } from './stage-runner.js';

if (!parentPort) throw new Error('stage-worker.js runs as a worker thread only');
const port = parentPort;

// A stage that writes (savePost) awaits its file; the next call runs meanwhile.
port.on('message', async ({ id, name, args }: StageCall) => {
  let reply: StageReply;
  try {
    const stage = stages[name] as (...values: unknown[]) => unknown;
    reply = { id, result: await stage(...args) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) } };
  }
  port.postMessage(reply);
});
