// The worker's side of showing every frame (state/frame-loop.ts is the page's): when Play
// posts a snapshot, how long a slice runs and how much it trains between the page's frames.
//
// The page asks for the next snapshot in each animation frame in which it has shown the last
// one ('frame' in protocol.ts). Play trains in short slices and, after the slice under way,
// packs and posts one snapshot: it arrives before the page's next frame, while training goes
// on. Nothing waits for an acknowledgement, and since the page asks once per frame (and a
// hidden tab's keep-alive once per KEEPALIVE_MS), snapshots never queue up.
import type { FrameReport } from './protocol';

/** Without requests (a hidden tab draws no frames) a snapshot still goes out this often. */
const KEEPALIVE_MS = 250;
/** Training per frame never drops below this, however slow the page's frames. */
const MIN_BUDGET_MS = 4;
/** Above this, the budget is no limit at all. */
const UNLIMITED_MS = 1000;
/** A slice is at most this long, and at least MIN_SLICE_MS. */
const MAX_SLICE_MS = 4;
const MIN_SLICE_MS = 1;
/** Time left in a frame for the message to the page and its paint. */
const MARGIN_MS = 2;
/** Frames over which the share of late ones is taken. */
const WINDOW = 15;
/** Late frames in a window that make Play train less. */
const LATE_SHARE = 0.3;
/** After training less did not help, Play does not try again for this long. */
const COOLDOWN_MS = 10_000;

/**
 * When to post, how long a slice may run and how much training a frame allows.
 *
 * The page asks for a snapshot in each frame, and Play posts it after the slice under way, so a
 * slice plus a snapshot must fit in a frame: slices are as long as the display's interval
 * leaves after the snapshot's own time (1 to 4 ms). And when training takes the page's CPU (the
 * worker and the page on one core), the page's frames come late: then the training allowed per
 * frame shrinks (to four fifths of what was trained, down to MIN_BUDGET_MS), and grows back by
 * a tenth for each frame on time. If a window of frames later they come late as often as
 * before, training was not the cause (the machine is busy with something else): the budget
 * goes back to no limit, and Play does not try again for COOLDOWN_MS.
 */
export class FramePacer {
  /** The page has shown the last snapshot and waits for the next. */
  private wanted = true;
  private postedAt = 0;
  /** Milliseconds of training allowed between two of the page's frames. */
  budgetMs = Infinity;
  /** Milliseconds trained since the page's last frame. */
  private trainedMs = 0;
  private requestedAt = 0;
  private displayMs = 1000 / 60;
  private readonly late: boolean[] = [];
  /** Frames since the budget started shrinking, and the share of late frames then. */
  private shrinking = 0;
  private lateBefore = 0;
  private cooldownUntil = 0;

  /** The page showed a frame and asks for the next snapshot. */
  request(report: FrameReport): void {
    const now = performance.now();
    this.wanted = true;
    this.requestedAt = now;
    if (report.displayMs > 0) this.displayMs = report.displayMs;
    this.late.push(report.late);
    if (this.late.length > WINDOW) this.late.shift();
    const lateShare = this.late.filter(Boolean).length / this.late.length;
    if (!Number.isFinite(this.budgetMs)) {
      if (report.late && now >= this.cooldownUntil && this.late.length === WINDOW && lateShare >= LATE_SHARE) {
        this.budgetMs = Math.max(MIN_BUDGET_MS, 0.8 * this.trainedMs);
        this.shrinking = 0;
        this.lateBefore = lateShare;
      }
    } else if (++this.shrinking === WINDOW && lateShare > 0.5 * this.lateBefore) {
      // Training less did not bring the frames back: something else takes the CPU.
      this.budgetMs = Infinity;
      this.cooldownUntil = now + COOLDOWN_MS;
    } else if (report.late) {
      this.budgetMs = Math.max(MIN_BUDGET_MS, 0.8 * Math.min(this.budgetMs, this.trainedMs));
    } else {
      const grown = this.budgetMs * 1.1 + 0.5;
      this.budgetMs = grown > UNLIMITED_MS ? Infinity : grown;
    }
    this.trainedMs = 0;
  }

  /** Play starts: the page is waiting for its first picture, and the budget starts unlimited. */
  restart(): void {
    this.wanted = true;
    this.budgetMs = Infinity;
    this.trainedMs = 0;
    this.late.length = 0;
    this.cooldownUntil = 0;
  }

  trained(ms: number): void {
    this.trainedMs += ms;
  }

  /** How long the next slice may train, given what a snapshot takes (packMs). */
  sliceMs(packMs: number): number {
    const fit = Math.min(MAX_SLICE_MS, Math.max(MIN_SLICE_MS, this.displayMs - packMs - MARGIN_MS));
    return Math.min(fit, Math.max(0.5, this.budgetMs - this.trainedMs));
  }

  /**
   * Whether this frame's training time is used up: Play then waits for the page's next frame,
   * or for the keep-alive time when no frames come (a hidden tab), and trains on.
   */
  spent(now: number): boolean {
    if (this.trainedMs < this.budgetMs) return false;
    if (now - this.requestedAt < KEEPALIVE_MS) return true;
    this.trainedMs = 0;
    this.requestedAt = now;
    return false;
  }

  /** Whether a snapshot of new training should go out now. */
  due(now: number): boolean {
    return this.wanted || now - this.postedAt >= KEEPALIVE_MS;
  }

  posted(now: number): void {
    this.wanted = false;
    this.postedAt = now;
  }

  /** Milliseconds until Play, waiting for a frame that does not come, trains on regardless. */
  untilResume(now: number): number {
    return Math.max(0, KEEPALIVE_MS - (now - this.requestedAt));
  }
}
