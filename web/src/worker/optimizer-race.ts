// The optimizer race (issue 17): copies of the trainer, each with another optimizer, train the
// same epochs from the same weights on the same batches (a copy keeps the cursor and the random
// stream, so every racer draws the same shuffles), and their loss after each epoch is overlaid.
// Each copy records its path; at the end every copy is put back on the starting weights (its
// recorded path kept) so that the engine's surface through them projects every path on one
// plane, the slice the landscape shows, framed to hold the paths. The engine trains, evaluates
// and projects; this file clones, steps and notes which racer first reaches the target loss.
// The trainer itself is not changed.
import { fail } from '../i18n/engine';
import type { LossSurface, OptimizerSpec, SurfaceOptions, Trainer } from '../engine/neurostep';
import { recordPath } from './landscape-session';
import type { Slices } from './sliced-job';

export interface RaceRequest {
  racers: { label: string; optimizer: OptimizerSpec }[];
  epochs: number;
  /** The loss a racer must reach; the first to reach it wins. */
  target: number;
  /** The slice the paths are drawn on (its extent is fitted to the paths). */
  surface: SurfaceOptions;
}
export interface RaceResult {
  /** Per racer, the training loss after each epoch (Keras's History loss: the mean over the epoch's batches). */
  curves: { label: string; losses: number[]; reachedAt: number | null }[];
  /** The racer that reached the target in the fewest epochs (null: none did). */
  winner: number | null;
  /** The slice through the starting weights, at an extent that holds the paths. */
  map: LossSurface;
  /** Per racer, its weights after each recorded step projected on the slice, x then y, oldest first. */
  paths: Float64Array[];
}

export const MAX_RACERS = 4;
export const MAX_RACE_EPOCHS = 100;
/** The map's room around the paths: the farthest point is this share of the way to the edge. */
const FRAME = 0.85;

/** The race as a sliced job (sliced-job.ts): one epoch of every racer per slice, with progress and cancel. */
export function raceJob(t: Trainer, request: RaceRequest): Slices<RaceResult> {
  const { racers, epochs } = request;
  if (racers.length < 2 || racers.length > MAX_RACERS) fail('race.racers', { most: MAX_RACERS });
  if (!Number.isInteger(epochs) || epochs < 1 || epochs > MAX_RACE_EPOCHS) fail('race.epochs', { most: MAX_RACE_EPOCHS });
  const origin = t.weights();
  const copies: Trainer[] = [];
  try {
    for (const r of racers) {
      const c = t.clone();
      copies.push(c);
      c.setOptimizer(r.optimizer);
      recordPath(c);
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
      // Back on the starting weights, each copy's surface projects its own path on the same plane
      // (the directions depend only on the weights and the seed); the coarsest grid is enough.
      const paths = copies.map((c) => {
        c.setWeights(origin);
        return c.lossSurface({ ...request.surface, resolution: 3 }).path;
      });
      const map = copies[0].lossSurface({ ...request.surface, extent: fittedExtent(paths, request.surface.extent ?? 1) });
      return { curves, winner, map, paths };
    },
    dispose() {
      for (const c of copies) c.dispose();
    },
  };
}

/** The extent whose map holds every finite point of the paths (the slice's own when they stay at the centre). */
function fittedExtent(paths: Float64Array[], fallback: number): number {
  let far = 0;
  for (const p of paths) for (const v of p) if (Number.isFinite(v)) far = Math.max(far, Math.abs(v));
  if (!(far > 0)) return fallback;
  return Math.min(1e4, Math.max(1e-6, far / FRAME));
}
