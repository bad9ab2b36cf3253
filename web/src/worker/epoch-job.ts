// An epoch of a large network as a job in slices (sliced-job.ts): batch after batch until the
// epoch ends, going back to the message loop between slices, so that its progress shows and a
// Cancel is heard. A small epoch is one call, as before: slicing it would only cost time.
import type { FullModelSpec, Trainer } from '../engine/neurostep';
import type { Slices } from './sliced-job';

/**
 * Multiply-adds of one epoch's forward passes above which it is sliced: about a tenth of a
 * second in WebAssembly (the backward pass and the update cost about twice as much again).
 */
export const LONG_EPOCH_WORK = 5e6;

/** Multiply-adds of one forward pass of one row (a Dense layer of n inputs and m units: n m). */
export function workPerRow(spec: FullModelSpec): number {
  let inputs = spec.input_dim, work = 0;
  for (const l of spec.layers) {
    work += inputs * l.units;
    inputs = l.units;
  }
  return work;
}

export function epochIsLong(spec: FullModelSpec, trainRows: number): boolean {
  return workPerRow(spec) * trainRows > LONG_EPOCH_WORK;
}

/** The rest of the current epoch, a slice at a time (until it ends or training diverges). */
export function epochSlices(t: Trainer): Slices<void> {
  const start = t.state().epoch;
  return {
    run: (ms) => {
      const end = performance.now() + ms;
      let s = t.state();
      do {
        t.stepBatch();
        s = t.state();
      } while (s.epoch === start && !s.diverged && performance.now() < end);
      const finished = s.epoch !== start || s.diverged;
      return { done: finished ? s.batchesPerEpoch : s.batchInEpoch, total: s.batchesPerEpoch };
    },
    result: () => undefined,
    dispose: () => {},
  };
}
