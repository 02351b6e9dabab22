/**
 * Preloaded into a measured CLI run (`node --import`): notes the heap in use just after each
 * full collection and, on exit, writes the largest as `zb-bench-heap-after-gc-kb <kilobytes>` on
 * stderr. That is what the run keeps, without the garbage V8 lets pile up between collections
 * (which peak RSS counts). It is read a moment after the collection, so it runs a little high.
 */
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';

let largest = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) largest = Math.max(largest, getHeapStatistics().used_heap_size);
  }
}).observe({ entryTypes: ['gc'] });

process.on('exit', () => {
  process.stderr.write(`\nzb-bench-heap-after-gc-kb ${Math.round(largest / 1024)}\n`);
});
