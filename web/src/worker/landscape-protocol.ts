// What the loss-landscape panel (web/src/panels/landscape/) asks of the worker and gets back
// (worker/landscape-session.ts): the engine's loss surface and learning-rate sweep, as they are.
import type { LossSurface, LrSweep, SurfaceOptions, SweepOptions } from '../engine/neurostep';

export type { LossSurface, LrSweep, SurfaceOptions, SweepOptions };

/** A surface through the trainer's weights now, with how long the engine took (for the panel's resolution). */
export interface LandscapeView extends LossSurface {
  /** Optimizer steps taken when the surface was computed. */
  iterations: number;
  ms: number;
  /** Moves on the map that Undo can take back. */
  undoable: number;
}

/** Weights after this many recent steps are kept for the path. */
export const PATH_POINTS = 200;
/** Map moves Undo can take back (each a full copy of the trainer). */
export const UNDO_MOVES = 20;
