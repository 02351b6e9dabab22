/**
 * CPU-heavy work takes turns with the network.
 *
 * Node runs every callback queued for one event-loop phase back to back. Eight pages that
 * arrive together would be extracted one after another while later answers sit unread in
 * the socket buffers, each holding a request slot, so the next requests leave late. Here each
 * piece of work (extracting a page, rendering a post, loading a large module) runs in an
 * event-loop turn of its own, one at a time: between two pieces the loop reads whatever
 * arrived, and each finished answer frees its slot for the next request at once.
 */

/**
 * Resolves in the check phase of the next loop iteration, so that the loop has polled for I/O
 * in between. One setImmediate is not enough: scheduled from an I/O callback, it runs in the
 * same iteration, before the sockets just opened or written have been looked at again.
 */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));

let queue: Promise<unknown> = Promise.resolve();

/** Runs `work` in a later event-loop turn, after the work queued before it has finished. */
export function inOwnTurn<T>(work: () => T | Promise<T>): Promise<T> {
  const turn = queue.then(nextTurn, nextTurn).then(work);
  queue = turn.catch(() => undefined);
  return turn;
}

/**
 * Starts loading a module in a turn of its own, to be awaited later (typically once an answer
 * it parses has arrived). A load that fails rejects only where it is awaited.
 */
export function loadInOwnTurn<T>(load: () => Promise<T>): Promise<T> {
  const loading = inOwnTurn(load);
  loading.catch(() => undefined);
  return loading;
}
