// The optimizer race (issue 17): copies of the trainer, each with another optimizer, train the
// same epochs from the same weights on the same batches (a copy keeps the cursor and the random
// stream, so every racer draws the same shuffles), and their loss after each epoch is overlaid.
// The engine trains and evaluates; this file clones, steps and notes which racer first reaches
// the target loss. The trainer itself is not changed.
import { fail } from '../i18n/engine';
import type { OptimizerSpec, Trainer } from '../engine/neurostep';
import type { Slices } from './sliced-job';

export interface RaceRequest {
  racers: { label: string; optimizer: OptimizerSpec }[];
  epochs: number;
  /** The loss a racer must reach; the first to reach it wins. */
  target: number;
}
export interface RaceResult {
  /** Per racer, the training loss after each epoch (Keras's History loss: the mean over the epoch's batches). */
  curves: { label: string; losses: number[]; reachedAt: number | null }[];
  /** The racer that reached the target in the fewest epochs (null: none did). */
  winner: number | null;
}

export const MAX_RACERS = 4;
export const MAX_RACE_EPOCHS = 100;

/** The race as a sliced job (sliced-job.ts): one epoch of every racer per slice, with progress and cancel. */
export function raceJob(t: Trainer, request: RaceRequest): Slices<RaceResult> {
  const { racers, epochs } = request;
  if (racers.length < 2 || racers.length > MAX_RACERS) fail('race.racers', { most: MAX_RACERS });
  if (!Number.isInteger(epochs) || epochs < 1 || epochs > MAX_RACE_EPOCHS) fail('race.epochs', { most: MAX_RACE_EPOCHS });
  const copies: Trainer[] = [];
  try {
    for (const r of racers) {
      const c = t.clone();
      copies.push(c);
      c.setOptimizer(r.optimizer);
    }
  } catch (err) {
    for (const c of copies) c.dispose();
    throw err;
  }
  const start = copies.map((c) => c.history().length);
  let done = 0;
  return {
    run(ms) {
      const until = performance.now() + ms;
      do {
        for (const c of copies) if (!c.state().diverged) c.stepEpoch();
        done++;
      } while (done < epochs && performance.now() < until);
      return { done, total: epochs };
    },
    result() {
      const curves = copies.map((c, k) => {
        const losses = c.history().slice(start[k]).map((h) => h.loss);
        const at = losses.findIndex((l) => l <= request.target);
        return { label: racers[k].label, losses, reachedAt: at < 0 ? null : at + 1 };
      });
      let winner: number | null = null;
      curves.forEach((c, k) => {
        if (c.reachedAt !== null && (winner === null || c.reachedAt < curves[winner].reachedAt!)) winner = k;
      });
      return { curves, winner };
    },
    dispose() {
      for (const c of copies) c.dispose();
    },
  };
}
