// The worker's snapshots as the page keeps them: the latest one (canvases and the diagram draw
// it every frame), the training history it extends, and the one text readouts show, which while
// playing changes at most every READOUT_MS: re-laying out text every frame would cost the frame rate.
// While playing, each animation frame that showed a new one asks for the next, and snapshots
// nothing shows any more go back to the worker to be filled again (frame-loop.ts).
import { batch, signal, type Signal } from '@preact/signals';
import type { SnapshotArrays } from '../engine/neurostep';
import type { FrameReport, Snapshot } from '../worker/protocol';
import { FrameLoop } from './frame-loop';
import { LossHistory } from './loss-history';

/** Text readouts refresh at most this often while playing (10 per second). */
const READOUT_MS = 100;

export class SnapshotStream {
  readonly snapshot: Signal<Snapshot | null> = signal(null);
  readonly readout: Signal<Snapshot | null> = signal(null);
  /** Bumped whenever `history` changes; it is updated in place. */
  readonly historyVersion = signal(0);
  /** Every epoch's loss, thinned when long (loss-history.ts). */
  readonly history = new LossHistory();
  readonly playing = signal(false);
  private readoutAt = 0;
  private readoutTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly frames: FrameLoop;

  /** `send` posts a 'frame' message to the worker (state/engine-client.ts). */
  constructor(send: (report: FrameReport | null, recycled: SnapshotArrays[]) => void) {
    this.frames = new FrameLoop(send, () => [this.snapshot.peek(), this.readout.peek()], () => this.playing.peek());
  }

  apply(s: Snapshot): void {
    const { from, records } = s.history;
    const historyChanged = from !== this.history.length || records.length > 0;
    if (historyChanged) this.history.update(from, records);
    batch(() => {
      if (historyChanged) this.historyVersion.value++;
      this.snapshot.value = s;
      this.playing.value = s.playing;
    });
    const now = performance.now();
    if (!s.playing || now - this.readoutAt >= READOUT_MS) this.updateReadout();
    else if (this.readoutTimer === null) this.readoutTimer = setTimeout(() => this.updateReadout(), READOUT_MS - (now - this.readoutAt));
    this.frames.took(s);
  }

  private updateReadout(): void {
    if (this.readoutTimer !== null) clearTimeout(this.readoutTimer);
    this.readoutTimer = null;
    this.readoutAt = performance.now();
    this.readout.value = this.snapshot.peek();
    this.frames.released();
  }
}
