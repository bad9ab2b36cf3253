// When the engine's worker dies (state/engine-client.ts notices: a crash, a stop, no answer),
// the page says so, starts a new worker and gives its engine the last good state the page holds:
// the settings, the data as the user edited them, and the weights of the last snapshot it drew.
// The optimizer's state and the counters start afresh (they lived in the dead worker). A worker
// that keeps dying is not restarted for ever: after MAX_RESTARTS in RESTART_WINDOW_MS the page
// says to reload.
import { signal, type Signal } from '@preact/signals';
import type { App } from './app';
import type { EngineClient } from './engine-client';

export const MAX_RESTARTS = 3;
export const RESTART_WINDOW_MS = 60_000;

export type EngineNotice =
  | { kind: 'restarting'; reason: string }
  | { kind: 'restarted'; reason: string }
  | { kind: 'gave-up'; reason: string };

export class Recovery {
  /** What the page shows about the engine's last death (components/EngineNotice.tsx). */
  readonly notice: Signal<EngineNotice | null> = signal(null);
  private deaths: number[] = [];
  /** Run after a restart, e.g. Teach mode's step again (its copy died with the worker). */
  readonly afterRestart: (() => Promise<void>)[] = [];

  constructor(
    private readonly app: App,
    private readonly client: EngineClient,
  ) {
    client.onDead = (reason) => void this.recover(reason);
  }

  dismiss(): void {
    if (this.notice.peek()?.kind === 'restarted') this.notice.value = null;
  }

  private async recover(reason: string): Promise<void> {
    const now = performance.now();
    this.deaths = [...this.deaths.filter((t) => now - t < RESTART_WINDOW_MS), now];
    if (this.deaths.length > MAX_RESTARTS) return this.giveUp(reason);
    const weights = this.app.snapshot.peek()?.weights ?? null;
    this.notice.value = { kind: 'restarting', reason };
    this.app.status.value = { kind: 'loading' };
    this.client.restart();
    // The engine again, with the page's settings and data: the same network from the same seed,
    // then the weights the page last drew.
    await this.app.start(this.app.dataset.peek() ?? undefined);
    if (this.app.status.peek().kind !== 'ready') return this.giveUp(reason);
    try {
      if (weights) this.app.onStreamedSnapshot(await this.client.request('setWeights', { weights }));
    } catch {
      return this.giveUp(reason);
    }
    for (const then of this.afterRestart) await then().catch(() => undefined);
    this.notice.value = { kind: 'restarted', reason };
  }

  private giveUp(reason: string): void {
    this.notice.value = { kind: 'gave-up', reason };
    this.app.status.value = { kind: 'failed', message: `the engine stopped (${reason}) and could not be started again` };
  }
}
