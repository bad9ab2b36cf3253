// The loss landscape in the worker: the engine's surface through the trainer's weights, its moves
// on the map with their undo (a copy of the trainer before each), and the learning-rate sweep.
// The engine computes every number (trainer.lossSurface, moveOnSurface, lrSweep); this file only
// turns the path's recording on and keeps the copies.
import { fail } from '../i18n/engine';
import type { Trainer } from '../engine/neurostep';
import { PATH_POINTS, UNDO_MOVES, type LandscapeView, type SurfaceOptions } from './landscape-protocol';

/** Records the path, of fewer points for a network too large for PATH_POINTS (the engine says how many fit). */
export function recordPath(t: Trainer): void {
  try {
    t.recordPath(PATH_POINTS);
  } catch (err) {
    const e = err as { id?: string; args?: Record<string, string> };
    if (e.id !== 'landscape.path_too_large') throw err;
    t.recordPath(Math.min(PATH_POINTS, Number(e.args?.most ?? 0)));
  }
}

export class LandscapeSession {
  /** The trainer whose path is being recorded (a new trainer starts without one). */
  private recording: Trainer | null = null;
  /** Copies of the trainer before each move, newest last; they belong to `owner`. */
  private undo: Trainer[] = [];
  private owner: Trainer | null = null;

  surface(t: Trainer, options: SurfaceOptions): LandscapeView {
    if (this.recording !== t) {
      recordPath(t);
      this.recording = t;
    }
    const start = performance.now();
    const s = t.lossSurface(options);
    return { ...s, iterations: t.state().iterations, ms: performance.now() - start, undoable: this.stack(t).length };
  }

  /** Moves t's weights; the copy before the move is kept for undo. */
  move(t: Trainer, options: SurfaceOptions, x: number, y: number): void {
    const saved = t.clone();
    try {
      t.moveOnSurface(options, x, y);
    } catch (err) {
      saved.dispose();
      throw err;
    }
    const stack = this.stack(t);
    stack.push(saved);
    if (stack.length > UNDO_MOVES) stack.shift()!.dispose();
  }

  /** The trainer as it was before the last move (the caller disposes t and takes this one). */
  takeBack(t: Trainer): Trainer {
    const saved = this.stack(t).pop();
    if (!saved) fail('landscape.nothingToUndo');
    this.owner = saved;
    this.recording = saved;
    return saved;
  }

  /** The undo copies of t; those of an earlier trainer are dropped. */
  private stack(t: Trainer): Trainer[] {
    if (this.owner !== t) {
      for (const c of this.undo) c.dispose();
      this.undo = [];
      this.owner = t;
    }
    return this.undo;
  }
}
