// The worker's snapshots as the page keeps them: the latest one (canvases and the diagram draw
// it every frame), the training history it extends, and the one text readouts show, which while
// playing changes at most every READOUT_MS: re-laying out text every frame would cost the frame rate.
import { batch, signal, type Signal } from '@preact/signals';
import type { EpochRecord } from '../lib/types';
import type { Snapshot } from '../worker/protocol';

/** Text readouts refresh at most this often while playing (10 per second). */
const READOUT_MS = 100;

export class SnapshotStream {
  readonly snapshot: Signal<Snapshot | null> = signal(null);
  readonly readout: Signal<Snapshot | null> = signal(null);
  /** Bumped whenever `history` changes; the array itself is appended in place. */
  readonly historyVersion = signal(0);
  readonly history: EpochRecord[] = [];
  readonly playing = signal(false);
  private readoutAt = 0;
  private readoutTimer: ReturnType<typeof setTimeout> | null = null;

  apply(s: Snapshot): void {
    const { from, records } = s.history;
    if (from !== this.history.length || records.length > 0) {
      this.history.length = Math.min(from, this.history.length);
      for (const r of records) this.history.push(r);
    }
    batch(() => {
      this.historyVersion.value++;
      this.snapshot.value = s;
      this.playing.value = s.playing;
    });
    const now = performance.now();
    if (!s.playing || now - this.readoutAt >= READOUT_MS) this.updateReadout();
    else if (this.readoutTimer === null) this.readoutTimer = setTimeout(() => this.updateReadout(), READOUT_MS - (now - this.readoutAt));
  }

  private updateReadout(): void {
    if (this.readoutTimer !== null) clearTimeout(this.readoutTimer);
    this.readoutTimer = null;
    this.readoutAt = performance.now();
    this.readout.value = this.snapshot.peek();
  }
}
