// Play: trains in time slices of about SLICE_MS and posts a snapshot between slices, only when
// the page has taken the last one and a frame's time has passed (see protocol.ts). The loop
// owns the pacing (speed control, slice size, acks); what training means for divergence and
// what a snapshot holds are its host's (session.ts).
import { msg, type Message } from '../i18n';
import { messageOf } from '../i18n/engine';
import type { Trainer, TrainerState } from '../engine/neurostep';
import type { Snapshot } from './protocol';

/** Milliseconds of training per slice: short enough that pause and ack are handled at once. */
const SLICE_MS = 6;
/** Snapshots are at least this far apart: one per frame of a 60 Hz screen. */
const SNAPSHOT_MS = 15;
/**
 * Slices the worker may train past a snapshot the page has not yet taken. On a machine with
 * few cores the page needs the other core to draw, so Play then trains one slice per frame;
 * with more cores it may run further ahead.
 */
const SLICES_AHEAD = (globalThis.navigator?.hardwareConcurrency ?? 2) > 2 ? 4 : 1;
/** The longest Play waits for the page to take a snapshot before it trains on regardless. */
const PARK_MS = 16;

/** What the loop asks of the session that runs it. */
export interface PlayHost {
  /** The trainer to train, null when there is none. */
  trainer(): Trainer | null;
  /** After a slice: checkpoint or divergence (divergence.ts); 'no' means train on. */
  judge(state: TrainerState): Snapshot['diverged'];
  /** Training threw: why it stopped, for the page. */
  failed(reason: Message): void;
  /** Take a snapshot and post it (the loop has noted that one is on its way). */
  send(state?: TrainerState): void;
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
  private stepsPerSecond = 0;
  /** Steps earned by the speed control and not yet taken. */
  private allowance = 0;
  private lastTick = 0;
  /** Smoothed milliseconds per batch, to size the next slice. */
  private msPerBatch = 0.05;
  private awaitingAck = false;
  /** Training went on since the last snapshot the page got. */
  private dirty = false;
  private postedAt = 0;
  /** Slices trained since the last snapshot was posted. */
  private slicesSincePost = 0;
  /** Play is waiting for the page to take a snapshot before the next slice. */
  private parked = false;
  private sliceTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly tick = new MessageChannel();

  constructor(private readonly host: PlayHost) {
    // A MessageChannel message is a zero-delay task: the next slice runs right after any
    // message that arrived meanwhile (pause, ack), without setTimeout's 4 ms clamp.
    this.tick.port1.onmessage = () => this.slice();
  }

  /** The page has drawn the last snapshot: send the next as soon as a frame's time has passed. */
  ack(): void {
    this.awaitingAck = false;
    if (this.running && this.dirty && performance.now() - this.postedAt >= SNAPSHOT_MS) this.host.send();
    if (this.parked && this.running) this.schedule(0);
  }

  start(stepsPerSecond: number): void {
    this.running = true;
    this.stepsPerSecond = stepsPerSecond;
    this.allowance = 0;
    this.lastTick = performance.now();
    this.awaitingAck = false;
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
    this.parked = false;
    if (this.sliceTimer !== null) clearTimeout(this.sliceTimer);
    this.sliceTimer = null;
  }

  /** A snapshot is on its way to the page: wait for its ack before the next. */
  posted(): void {
    this.awaitingAck = true;
    this.dirty = false;
    this.postedAt = performance.now();
    this.slicesSincePost = 0;
  }

  /** One Step outside Play took `ms` for `batches` batches: the next slice is sized by it. */
  measured(ms: number, batches: number): void {
    this.msPerBatch = ms / Math.max(1, batches);
  }

  private schedule(delayMs: number): void {
    if (this.sliceTimer !== null) clearTimeout(this.sliceTimer);
    this.sliceTimer = null;
    if (delayMs <= 0) this.tick.port2.postMessage(null);
    else this.sliceTimer = setTimeout(() => this.slice(), delayMs);
  }

  /** One slice of Play: about SLICE_MS of training, then a snapshot if the page is ready. */
  private slice(): void {
    this.sliceTimer = null;
    this.parked = false;
    const t = this.host.trainer();
    if (!this.running || !t) return;
    const start = performance.now();
    const unlimited = !Number.isFinite(this.stepsPerSecond);
    if (!unlimited) {
      this.allowance = Math.min(this.allowance + ((start - this.lastTick) / 1000) * this.stepsPerSecond, this.stepsPerSecond * 0.25 + 1);
    }
    this.lastTick = start;

    let diverged = false;
    try {
      const state = t.state();
      const perEpoch = Math.max(1, state.batchesPerEpoch);
      const rowsPerBatch = (b: number) => Math.min(state.batchSize, state.trainSize - b * state.batchSize);
      const budgetSteps = Math.max(1, Math.floor(SLICE_MS / Math.max(this.msPerBatch, 1e-4)));
      let steps = unlimited ? budgetSteps : Math.min(budgetSteps, Math.floor(this.allowance));
      let samples = 0, epochs = 0, batches = 0;
      let batchInEpoch = state.batchInEpoch;
      const deadline = start + SLICE_MS;
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
      this.meter.add(samples, epochs);
    } catch (err) {
      this.stop();
      this.host.failed(msg('worker.trainingStopped', { message: messageOf(err) }));
      this.host.send();
      return;
    }

    this.dirty = true;
    const after = t.state(); // read once: each state() call costs a crossing into the engine
    if (this.host.judge(after) !== 'no' || diverged) {
      this.stop();
      this.host.send();
      return;
    }
    this.slicesSincePost += 1;
    if (!this.awaitingAck && performance.now() - this.postedAt >= SNAPSHOT_MS) this.host.send(after);
    if (this.awaitingAck && this.slicesSincePost >= SLICES_AHEAD) {
      // Wait for the ack (it schedules the next slice), but not longer than a frame: a page
      // that draws slowly must not stop training.
      this.parked = true;
      this.schedule(PARK_MS);
      return;
    }
    const wait = unlimited || this.allowance >= 1 ? 0 : Math.max(1, ((1 - this.allowance) / this.stepsPerSecond) * 1000);
    this.schedule(Math.min(wait, 250));
  }
}
