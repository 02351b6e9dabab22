/**
 * Runs the article stages (extract, convert, render) on a worker thread.
 *
 * The main thread of a fetch run keeps the network moving: each answer that arrives frees a
 * request slot, and the next request leaves at once. Extraction and rendering are CPU work,
 * and their modules take 150–250 ms to load; on the main thread they would hold up answers
 * arriving meanwhile. On a worker they load while discovery runs and work on another core.
 *
 * Should the worker fail to start or die, the stages run in-process instead (one piece per
 * event-loop turn, see cpu-turns.ts), calls under way included, and the run goes on.
 */
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import { inOwnTurn } from '../cpu-turns.js';
import { ExtractError } from '../extract/errors.js';
import { loadStages, type ArticleStages } from './stage-loader.js';

export type StageName = keyof ArticleStages;
type Stage<K extends StageName> = ArticleStages[K];

export interface StageCall {
  id: number;
  name: StageName;
  args: unknown[];
}

export type StageReply = { id: number; result: unknown; error?: undefined } | { id: number; error: { name: string; message: string } };

export interface StageRunner {
  /** Gets the stages ready (loads their modules) ahead of the first call. */
  prepare(): void;
  run<K extends StageName>(name: K, ...args: Parameters<Stage<K>>): Promise<Awaited<ReturnType<Stage<K>>>>;
  /** Stops the worker; calls still under way are not answered. */
  close(): Promise<void>;
}

/** Stages on the main thread, loaded on first use. */
export function inProcessStages(): StageRunner {
  return {
    prepare: () => void loadStages().catch(() => {}),
    async run(name, ...args) {
      const stages = await loadStages();
      const stage = stages[name] as (...values: unknown[]) => never;
      return inOwnTurn(() => stage(...args));
    },
    close: async () => {},
  };
}

/** The error a stage threw, rebuilt on this side of the thread boundary. */
function reviveError({ name, message }: { name: string; message: string }): Error {
  if (name === 'ExtractError') return new ExtractError(message);
  const error = new Error(message);
  error.name = name;
  return error;
}

/**
 * Parsing pages leaves much garbage, which V8 lets pile up in a large heap before it collects
 * it. A small young generation and a bounded old one make the worker collect early: a
 * 5,000-article run peaks near 180 MB instead of 270 MB. 256 MB leaves room for a page at the
 * 10 MB cap; a worker that still runs out of memory is replaced by the main thread.
 */
const WORKER_HEAP = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 };

/** Loaded when the worker starts, after the run's first requests have left, not at start-up. */
const loadWorkerThreads = () => createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');

interface PendingCall {
  name: StageName;
  args: unknown[];
  resolve: (value: never) => void;
  reject: (error: unknown) => void;
}

class WorkerStages implements StageRunner {
  private worker?: Worker;
  private readonly pending = new Map<number, PendingCall>();
  private nextId = 0;
  private fallback?: StageRunner;
  private closing = false;

  constructor(
    private readonly onFallback: (reason: string) => void,
    private readonly workerUrl: URL,
  ) {}

  prepare(): void {
    // A run that ended before its stages were needed closes them before this is called (it is
    // deferred to a later turn): a worker started now would be stopped by no one.
    if (this.worker || this.fallback || this.closing) return;
    try {
      const { Worker } = loadWorkerThreads();
      const worker = new Worker(this.workerUrl, { resourceLimits: WORKER_HEAP });
      // The worker keeps the process alive only while it owes an answer.
      worker.unref();
      worker.on('message', (reply: StageReply) => this.settle(reply));
      worker.on('error', (error) => this.abandon(error.message));
      worker.on('exit', (code) => this.abandon(`it exited with code ${code}`));
      this.worker = worker;
    } catch (error) {
      this.abandon(error instanceof Error ? error.message : String(error));
    }
  }

  run<K extends StageName>(name: K, ...args: Parameters<Stage<K>>): Promise<Awaited<ReturnType<Stage<K>>>> {
    this.prepare();
    const worker = this.worker;
    if (this.fallback || !worker) return (this.fallback ?? inProcessStages()).run(name, ...args);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // Throws (DataCloneError) for an argument that cannot cross threads; nothing is left pending.
      worker.postMessage({ id, name, args } satisfies StageCall);
      this.pending.set(id, { name, args, resolve, reject });
      if (this.pending.size === 1) worker.ref();
    });
  }

  private settle(reply: StageReply): void {
    const call = this.pending.get(reply.id);
    if (!call) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker?.unref();
    if (reply.error) call.reject(reviveError(reply.error));
    else call.resolve(reply.result as never);
  }

  private abandon(reason: string): void {
    if (this.closing || this.fallback) return;
    const fallback = inProcessStages();
    this.fallback = fallback;
    fallback.prepare();
    this.onFallback(reason);
    for (const call of this.pending.values()) {
      const stage = fallback.run as (name: StageName, ...args: unknown[]) => Promise<never>;
      stage(call.name, ...call.args).then(call.resolve, call.reject);
    }
    this.pending.clear();
  }

  /**
   * Stops the worker without waiting for it. Unreferenced, it does not keep the event loop
   * alive, but the process waits for its thread at exit (5–8 ms of teardown after a run of 40
   * pages): the sooner a run closes its stages, the less of that is left at the end.
   */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.worker?.unref();
    this.worker?.terminate().catch(() => {});
  }
}

const STAGE_WORKER = new URL('./stage-worker.js', import.meta.url);

/**
 * A runner whose stages run on a worker thread, started by `prepare()` or the first call.
 * `onFallback` hears why the stages moved to the main thread, if they do. Tests give another
 * worker script.
 */
export function workerStages(onFallback: (reason: string) => void, workerUrl = STAGE_WORKER): StageRunner {
  return new WorkerStages(onFallback, workerUrl);
}
