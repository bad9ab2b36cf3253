// Long work in slices: the worker runs a job a few milliseconds at a time and goes back to its
// message loop between slices, so that a Cancel, the heartbeat and the snapshots' acks are
// answered at once, and the page can show how far the job has come.
//
// A cancelled job is disposed and its request fails with a Cancelled error: the engine's state
// is what it was before the job (a job works on its own copy, as the gradient check does).

/** Work that can be done a slice at a time. */
export interface Slices<T> {
  /** Does up to about `ms` milliseconds of work (at least one unit); returns how far it is. */
  run(ms: number): { done: number; total: number };
  /** The result, once done === total. */
  result(): T;
  /** Frees what the job holds (engine objects); called once, whether it finished or not. */
  dispose(): void;
}

import { msg } from '../i18n';
import { MessageError } from '../i18n/engine';

export const CANCELLED = 'cancelled: everything is as it was before';

/** The error a cancelled job's request fails with; its message is CANCELLED (worker.cancelled in the page's language). */
export class Cancelled extends MessageError {
  constructor() {
    super(msg('worker.cancelled'));
    this.name = 'Cancelled';
  }
}

/** Milliseconds of work per slice: long enough to be efficient, short enough to feel immediate. */
export const JOB_SLICE_MS = 25;

export class JobRunner {
  private readonly cancelled = new Set<number>();

  constructor(private readonly onProgress: (id: number, done: number, total: number) => void) {}

  /** Cancels request `id`'s job at its next slice (or before it starts). */
  cancel(id: number): void {
    this.cancelled.add(id);
  }

  async run<T>(id: number, job: Slices<T>, sliceMs = JOB_SLICE_MS): Promise<T> {
    try {
      for (;;) {
        if (this.cancelled.has(id)) throw new Cancelled();
        const { done, total } = job.run(sliceMs);
        this.onProgress(id, done, total);
        if (done >= total) return job.result();
        await nextTask();
      }
    } finally {
      this.cancelled.delete(id);
      job.dispose();
    }
  }
}

/** Resolves after the messages already queued for this worker have been handled. */
function nextTask(): Promise<void> {
  return new Promise((done) => setTimeout(done, 0));
}
