// The page's heartbeat on the worker: a ping every PING_MS, which the worker answers at once
// from its message loop (between slices, long work included). No answer for SILENT_MS means the
// worker is dead (closed, crashed, killed for its memory) or stuck in a call that never
// returns; either way the page stops waiting and restarts the engine.

/** How often the page pings the worker. */
export const PING_MS = 1000;
/**
 * Silence longer than this is a dead or stuck worker. One engine call is bounded to about a
 * second by the work limits (cpp/core/work_limits.hpp), so this leaves a wide margin.
 */
export const SILENT_MS = 10_000;

export class Watchdog {
  /** When the oldest ping not yet answered was sent (null: none outstanding). Timers of a
   * hidden tab may fire only once a minute, so silence is measured from a ping, not a tick. */
  private waitingSince: number | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly ping: () => void,
    private readonly onSilent: (silentMs: number) => void,
    private readonly pingMs = PING_MS,
    private readonly silentMs = SILENT_MS,
  ) {}

  start(): void {
    this.stop();
    this.waitingSince = null;
    this.timer = setInterval(() => this.tick(), this.pingMs);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** Any message from the worker counts as an answer. */
  heard(): void {
    this.waitingSince = null;
  }

  private tick(): void {
    const now = performance.now();
    if (this.waitingSince === null) {
      this.waitingSince = now;
      this.ping();
    } else if (now - this.waitingSince > this.silentMs) {
      this.stop();
      this.onSilent(now - this.waitingSince);
    }
  }
}
