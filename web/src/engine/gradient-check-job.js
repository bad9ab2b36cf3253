// A gradient check in slices (cpp/core/gradient_check_job.hpp through the GradientCheckHandle
// binding): Trainer.gradientCheckJob starts one; runFor does a slice; dispose() it when done, or
// to cancel. Every call goes through `unwrap`, as the trainer's do.
import { failWith, number, unwrap } from './arguments.js';

export class GradientCheckJob {
  /** @type {any} the embind GradientCheckHandle; null once disposed */
  #h;

  /** @param {any} handle (use Trainer.gradientCheckJob) */
  constructor(handle) {
    this.#h = handle;
  }

  #handle() {
    if (this.#h === null) failWith('wrapper.check_disposed', 'gradient check was disposed');
    return this.#h;
  }

  /**
   * Runs checks until `maxPasses` forward passes or `maxSeconds` are used (one check at least).
   * @param {number} maxPasses @param {number} maxSeconds @returns {{done: number, total: number}}
   */
  runFor(maxPasses, maxSeconds) {
    return unwrap(this.#handle().run_for(number(maxPasses, 'forward passes per slice'), number(maxSeconds, 'seconds per slice')));
  }

  /** What has been checked so far; all of it once done === total. */
  report() {
    return unwrap(this.#handle().report());
  }

  /** Frees the job (a cancel when it has not finished). Disposing twice is harmless. */
  dispose() {
    if (this.#h === null) return;
    this.#h.delete();
    this.#h = null;
  }
}
