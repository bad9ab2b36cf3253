// The page's side of showing every frame while playing (worker/frame-pacer.ts is the worker's): each
// animation frame that showed a new snapshot asks the worker for the next, saying whether it
// came late, and the buffers of snapshots no longer on screen go back to the worker to be
// filled again, so that Play allocates nothing per frame.
import type { SnapshotArrays } from '../engine/neurostep';
import type { FrameReport, Snapshot } from '../worker/protocol';

/** A frame is late when it comes this many display intervals after the one before. */
const LATE_FACTOR = 1.5;
/** Frames over which the display's interval is taken (the shortest of them). */
const INTERVAL_FRAMES = 60;

export class FrameLoop {
  /** Snapshots the page took and has not yet handed back. */
  private readonly held: Snapshot[] = [];
  /** A snapshot came since the last frame asked for one. */
  private fresh = false;
  private raf: number | null = null;
  private lastFrameAt = -1;
  private readonly intervals: number[] = [];

  constructor(
    /** Posts a 'frame' message to the worker (state/engine-client.ts). */
    private readonly send: (report: FrameReport | null, recycled: SnapshotArrays[]) => void,
    /** The snapshots something on the page still shows (the pictures' and the text's). */
    private readonly inUse: () => (Snapshot | null)[],
    private readonly playing: () => boolean,
  ) {}

  /** A snapshot the page took (streamed or in a response). */
  took(s: Snapshot): void {
    this.held.push(s);
    this.fresh = true;
    if (this.playing()) this.start();
    else this.release(null);
  }

  /** Something stopped showing a snapshot (the text readout moved on). */
  released(): void {
    if (!this.playing()) this.release(null);
  }

  private start(): void {
    if (this.raf === null) this.raf = requestAnimationFrame(this.frame);
  }

  private readonly frame = (now: number): void => {
    this.raf = null;
    if (!this.playing()) {
      this.lastFrameAt = -1;
      this.release(null);
      return;
    }
    if (this.lastFrameAt >= 0) {
      this.intervals.push(now - this.lastFrameAt);
      if (this.intervals.length > INTERVAL_FRAMES) this.intervals.shift();
    }
    this.lastFrameAt = now;
    if (this.fresh) {
      this.fresh = false;
      const interval = this.intervals.at(-1) ?? 0;
      const display = this.intervals.length > 0 ? Math.min(...this.intervals) : interval;
      this.release({ intervalMs: interval, displayMs: display, late: interval > LATE_FACTOR * display });
    }
    this.start();
  };

  /** Hands back every held snapshot nothing shows any more, with a frame's request or without. */
  private release(report: FrameReport | null): void {
    const shown = this.inUse();
    const recycled: SnapshotArrays[] = [];
    for (let i = this.held.length - 1; i >= 0; --i) {
      const s = this.held[i];
      if (shown.includes(s)) continue;
      recycled.push(s.arrays);
      this.held.splice(i, 1);
    }
    if (report || recycled.length > 0) this.send(report, recycled);
  }
}
