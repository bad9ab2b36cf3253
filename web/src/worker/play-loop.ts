// Play: trains in short time slices and, after the slice under way, posts the snapshot the
// page asked for in its last animation frame (see protocol.ts): one new picture per frame, and
// training goes on meanwhile. The loop owns the pacing (speed control, slice size, frames;
// frame-pacer.ts); what a snapshot holds and what it says about divergence are its host's
// (session.ts).
import { msg, type Message } from '../i18n';
import { messageOf } from '../i18n/engine';
import type { Trainer } from '../engine/neurostep';
import { FramePacer } from './frame-pacer';
import type { FrameReport } from './protocol';

/** What the loop asks of the session that runs it. */
export interface PlayHost {
  /** The trainer to train, null when there is none. */
  trainer(): Trainer | null;
  /** Training threw: why it stopped, for the page. */
  failed(reason: Message): void;
  /**
   * Take a snapshot, judge it (divergence.ts: the host stops the loop if training diverged)
   * and post it; the loop has noted that one is on its way.
   */
  send(): void;
  /** Milliseconds a snapshot takes (slices leave room for one within a frame). */
  packMs(): number;
}

/** Samples and epochs per second over the last half second or so. */
export class RateMeter {
  private start = performance.now();
  private samples = 0;
  private epochs = 0;
  samplesPerSecond = 0;
  epochsPerSecond = 0;

  add(samples: number, epochs: number): void {
    this.samples += samples;
    this.epochs += epochs;
    const now = performance.now();
    const elapsed = now - this.start;
    if (elapsed >= 500) {
      this.samplesPerSecond = (this.samples * 1000) / elapsed;
      this.epochsPerSecond = (this.epochs * 1000) / elapsed;
      this.start = now;
      this.samples = this.epochs = 0;
    }
  }
  clear(): void {
    this.start = performance.now();
    this.samples = this.epochs = 0;
    this.samplesPerSecond = this.epochsPerSecond = 0;
  }
}

export class PlayLoop {
  running = false;
  readonly meter = new RateMeter();
  readonly pacer = new FramePacer();
  private stepsPerSecond = 0;
  /** Steps earned by the speed control and not yet taken. */
  private allowance = 0;
  private lastTick = 0;
  /** Smoothed milliseconds per batch, to size the next slice. */
  private msPerBatch = 0.05;
  /** Training went on since the last snapshot the page got. */
  private dirty = false;
  private sliceTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly tick = new MessageChannel();
  private tickPending = false;

  constructor(private readonly host: PlayHost) {
    // A MessageChannel message is a zero-delay task: the next slice runs right after any
    // message that arrived meanwhile (pause, a frame), without setTimeout's 4 ms clamp.
    this.tick.port1.onmessage = () => {
      this.tickPending = false;
      this.slice();
    };
  }

  /** The page showed a frame: the next snapshot goes out now (if training went on), and Play trains on. */
  frame(report: FrameReport): void {
    this.pacer.request(report);
    if (!this.running) return;
    if (this.dirty) this.host.send();
    if (this.running && this.sliceTimer !== null) this.schedule(0); // waiting for this frame
  }

  start(stepsPerSecond: number): void {
    this.running = true;
    this.stepsPerSecond = stepsPerSecond;
    this.allowance = 0;
    this.lastTick = performance.now();
    this.pacer.restart();
    this.meter.clear();
    this.schedule(0);
  }

  setSpeed(stepsPerSecond: number): void {
    this.stepsPerSecond = stepsPerSecond;
    this.allowance = Math.min(this.allowance, 1);
    if (this.running) this.schedule(0);
  }

  stop(): void {
    this.running = false;
    if (this.sliceTimer !== null) clearTimeout(this.sliceTimer);
    this.sliceTimer = null;
  }

  /** A snapshot is on its way to the page. */
  posted(): void {
    this.dirty = false;
    this.pacer.posted(performance.now());
  }

  /** One Step outside Play took `ms` for `batches` batches: the next slice is sized by it. */
  measured(ms: number, batches: number): void {
    this.msPerBatch = ms / Math.max(1, batches);
  }

  /** The next slice after delayMs; never two on their way at once. */
  private schedule(delayMs: number): void {
    if (this.sliceTimer !== null) clearTimeout(this.sliceTimer);
    this.sliceTimer = null;
    if (delayMs > 0) this.sliceTimer = setTimeout(() => this.slice(), delayMs);
    else if (!this.tickPending) {
      this.tickPending = true;
      this.tick.port2.postMessage(null);
    }
  }

  /**
   * One slice of Play: a few milliseconds of training (as long as the page's frames allow,
   * frame-pacer.ts), then the snapshot the page asked for, if it asked.
   */
  private slice(): void {
    if (this.sliceTimer !== null) clearTimeout(this.sliceTimer);
    this.sliceTimer = null;
    const t = this.host.trainer();
    if (!this.running || !t) return;
    const start = performance.now();
    if (this.pacer.spent(start)) {
      // This frame's training is done: wait for the page's next frame (frame() wakes Play).
      this.schedule(this.pacer.untilResume(start) + 1);
      return;
    }
    const unlimited = !Number.isFinite(this.stepsPerSecond);
    if (!unlimited) {
      this.allowance = Math.min(this.allowance + ((start - this.lastTick) / 1000) * this.stepsPerSecond, this.stepsPerSecond * 0.25 + 1);
    }
    this.lastTick = start;

    let diverged = false;
    let batches = 0;
    try {
      const state = t.state();
      const perEpoch = Math.max(1, state.batchesPerEpoch);
      const rowsPerBatch = (b: number) => Math.min(state.batchSize, state.trainSize - b * state.batchSize);
      const sliceMs = this.pacer.sliceMs(this.host.packMs());
      const budgetSteps = Math.max(1, Math.floor(sliceMs / Math.max(this.msPerBatch, 1e-4)));
      let steps = unlimited ? budgetSteps : Math.min(budgetSteps, Math.floor(this.allowance));
      let samples = 0, epochs = 0;
      let batchInEpoch = state.batchInEpoch;
      const deadline = start + sliceMs;
      while (steps > 0 && performance.now() < deadline) {
        if (batchInEpoch === 0 && steps >= perEpoch) {
          // Whole epochs in one call: far fewer crossings into the engine than one per batch.
          const n = Math.floor(steps / perEpoch);
          const done = t.trainEpochs(n);
          epochs += done;
          batches += done * perEpoch;
          samples += done * state.trainSize;
          steps -= done * perEpoch;
          if (done < n) {
            diverged = true;
            break;
          }
        } else {
          // stepBatch finishes the batch under way (a Step may have left one half done).
          samples += rowsPerBatch(batchInEpoch);
          t.stepBatch();
          batches += 1;
          steps -= 1;
          if (++batchInEpoch === perEpoch) {
            batchInEpoch = 0;
            epochs += 1;
          }
        }
      }
      if (!unlimited) this.allowance -= batches;
      const elapsed = performance.now() - start;
      if (batches > 0) this.msPerBatch = 0.7 * this.msPerBatch + 0.3 * (elapsed / batches);
      this.pacer.trained(elapsed);
      this.meter.add(samples, epochs);
    } catch (err) {
      this.stop();
      this.host.failed(msg('worker.trainingStopped', { message: messageOf(err) }));
      this.host.send();
      return;
    }

    if (batches > 0) this.dirty = true;
    // The snapshot judges the weights (divergence.ts): a diverged run stops there.
    if (diverged || (this.dirty && this.pacer.due(performance.now()))) this.host.send();
    if (!this.running) return;
    const wait = unlimited || this.allowance >= 1 ? 0 : Math.max(1, ((1 - this.allowance) / this.stepsPerSecond) * 1000);
    this.schedule(Math.min(wait, 250));
  }
}
