// Divergence: the engine's `diverged` (a NaN or infinite loss or weight) stops training for
// good; a loss EXPLODED_FACTOR times above where it started stops it once. Meanwhile a clone of
// the last good state is kept (at most every CHECKPOINT_MS), and restore goes back to it.
import { msg, type Message } from '../i18n';
import { fail } from '../i18n/engine';
import type { FullModelSpec, Trainer, TrainerState } from '../engine/neurostep';
import type { Snapshot } from './protocol';

/** A new checkpoint at most this often (cloning a large model every slice would cost). */
const CHECKPOINT_MS = 200;
/**
 * Training counts as diverged, besides NaN or infinity, when the loss grows past this many times
 * its value at the start (or 0.1 when it started lower): sigmoid and softmax outputs with
 * cross-entropy rarely overflow, they only climb.
 */
const EXPLODED_FACTOR = 10;

/** What judging reads of where training stands (a TrainerState or a packed snapshot). */
type Standing = Pick<TrainerState, 'diverged' | 'epoch' | 'iterations'>;

export class DivergenceWatch {
  /** Why training stopped on its own, for the page to show. */
  stopReason: Message | null = null;
  /** Whether the current weights count as diverged: 'nan' cannot train on, 'exploded' can. */
  kind: Snapshot['diverged'] = 'no';
  private checkpoint: Trainer | null = null;
  private checkpointAt = 0;
  /** Training loss of the weights training started from (after configure, reset). */
  private startLoss = NaN;
  /** The loss explosion was reported once; Play again continues without stopping again. */
  private explosionReported = false;

  get canRestore(): boolean {
    return this.checkpoint !== null;
  }

  /** New weights or data: the loss they start from (NaN without data) is the yardstick. */
  startAfresh(t: Trainer, startLoss: number): void {
    this.stopReason = null;
    this.kind = 'no';
    this.explosionReported = false;
    this.startLoss = startLoss;
    this.takeCheckpoint(t, true);
  }

  /** Training goes on (Step, Play): an explosion already reported no longer stops it. */
  resume(): void {
    this.stopReason = null;
    if (this.kind === 'exploded') this.kind = 'no';
  }

  /**
   * After any training: a checkpoint while the weights are good, or the reason training
   * stopped. `trainLoss` is the engine's loss on the training data (NaN without data);
   * `learningRate` goes into the advice.
   */
  judge(t: Trainer, state: Standing, trainLoss: () => number, learningRate: number | undefined): Snapshot['diverged'] {
    const lr = learningRate;
    const advice = lr ? msg('worker.advice', { lower: formatLr(lr / 10), current: formatLr(lr) }) : msg('worker.adviceNoRate');
    if (state.diverged) {
      this.kind = 'nan';
      this.stopReason = msg('worker.divergedNaN', { epoch: state.epoch + 1, step: fmtCount(state.iterations), advice });
      return this.kind;
    }
    const loss = trainLoss();
    const limit = EXPLODED_FACTOR * Math.max(this.startLoss, 0.1);
    if (Number.isFinite(this.startLoss) && loss > limit) {
      if (this.explosionReported) return 'no';
      this.explosionReported = true;
      this.kind = 'exploded';
      this.stopReason = msg('worker.divergedExploded', { from: formatLoss(this.startLoss), to: formatLoss(loss), advice });
      return this.kind;
    }
    this.takeCheckpoint(t, false, state);
    return 'no';
  }

  /** A clone of the checkpoint with this optimizer; the watch starts over from it. */
  restore(optimizer: FullModelSpec['optimizer']): Trainer {
    if (!this.checkpoint) fail('worker.noCheckpoint');
    const restored = this.checkpoint.clone();
    try {
      restored.setOptimizer(optimizer);
    } catch (err) {
      restored.dispose();
      throw err;
    }
    this.stopReason = null;
    this.kind = 'no';
    this.explosionReported = false;
    return restored;
  }

  private takeCheckpoint(t: Trainer, force: boolean, state?: Standing): void {
    const now = performance.now();
    if (!force && now - this.checkpointAt < CHECKPOINT_MS) return;
    if ((state ?? t.state()).diverged) return;
    this.checkpoint?.dispose();
    this.checkpoint = t.clone();
    this.checkpointAt = now;
  }
}

function formatLoss(loss: number): string {
  return loss >= 100 ? loss.toExponential(1) : String(Number(loss.toPrecision(2)));
}

const fmtCount = (n: number) => n.toLocaleString('en-US');

function formatLr(lr: number): string {
  return lr >= 0.001 ? String(Number(lr.toPrecision(2))) : lr.toExponential(0);
}
