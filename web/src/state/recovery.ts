// When the engine's worker dies (state/engine-client.ts notices: a crash, a stop, no answer),
// the page says so, starts a new worker and gives its engine the last good state the page holds:
// the settings, the data as the user edited them, and the weights of the last snapshot it drew
// (while playing, of one at most CHECKPOINT_MS old). A model with layers beyond Dense
// (BatchNormalization's moving statistics, PReLU's alpha) has weights the snapshot leaves out:
// for it the page keeps every layer's weights by Keras's names (the worker's layerStates).
// The optimizer's state and the counters start afresh (they lived in the dead worker). A worker
// that keeps dying is not restarted for ever: after MAX_RESTARTS in RESTART_WINDOW_MS the page
// says to reload.
import { effect, signal, type Signal } from '@preact/signals';
import { msg, type Message } from '../i18n';
import { messageOf } from '../i18n/engine';
import type { LayerState, Snapshot } from '../worker/protocol';
import type { App } from './app';
import type { EngineClient } from './engine-client';

export const MAX_RESTARTS = 3;
/** While playing, the page's copy of the weights is renewed at most this often. */
export const CHECKPOINT_MS = 500;
export const RESTART_WINDOW_MS = 60_000;

export type EngineNotice =
  | { kind: 'restarting'; reason: Message }
  | { kind: 'restarted'; reason: Message }
  | { kind: 'gave-up'; reason: Message; why: Message };

export class Recovery {
  /** What the page shows about the engine's last death (components/EngineNotice.tsx). */
  readonly notice: Signal<EngineNotice | null> = signal(null);
  private deaths: number[] = [];
  /**
   * The weights of a recent snapshot, copied: a snapshot's arrays share a buffer that goes back
   * to the worker once drawn, so the page keeps its own copy to give a new engine.
   */
  private weights: Snapshot['weights'] | null = null;
  /** Every layer's weights, of a model with layers beyond Dense (null for a Dense-only one). */
  private layerStates: LayerState[] | null = null;
  private asking = false;
  private copiedAt = -Infinity;
  /** Run after a restart, e.g. Teach mode's step again (its copy died with the worker). */
  readonly afterRestart: (() => Promise<void>)[] = [];

  constructor(
    private readonly app: App,
    private readonly client: EngineClient,
  ) {
    client.onDead = (reason) => void this.recover(reason);
    effect(() => {
      const s = app.snapshot.value;
      if (s) this.keep(s);
    });
  }

  private keep(s: Snapshot): void {
    const now = performance.now();
    if (s.playing && now - this.copiedAt < CHECKPOINT_MS) return;
    this.copiedAt = now;
    this.weights = s.weights.map(({ W, b }) => ({ W: { rows: W.rows, cols: W.cols, data: Float64Array.from(W.data) }, b: Float64Array.from(b) }));
    // A layer that is not Dense has no W in the snapshot (0 columns): ask for all the layers' own weights.
    if (!s.weights.some(({ W }) => W.cols === 0)) {
      this.layerStates = null;
      return;
    }
    if (this.asking) return;
    this.asking = true;
    this.client
      .request('layerStates', {})
      .then((states) => (this.layerStates = states))
      .catch(() => undefined) // a dying worker: the last states kept are the good ones
      .finally(() => (this.asking = false));
  }

  dismiss(): void {
    if (this.notice.peek()?.kind === 'restarted') this.notice.value = null;
  }

  private async recover(reason: Message): Promise<void> {
    const now = performance.now();
    this.deaths = [...this.deaths.filter((t) => now - t < RESTART_WINDOW_MS), now];
    if (this.deaths.length > MAX_RESTARTS) return this.giveUp(reason);
    const weights = this.weights;
    const layerStates = this.layerStates;
    this.notice.value = { kind: 'restarting', reason };
    this.app.status.value = { kind: 'loading' };
    this.client.restart();
    // The engine again, with the page's settings and data: the same network from the same seed,
    // then the weights the page last drew.
    await this.app.start(this.app.dataset.peek() ?? undefined);
    const status = this.app.status.peek();
    if (status.kind !== 'ready') return this.giveUp(reason, status.kind === 'failed' ? status.message : msg('recovery.didNotLoad'));
    try {
      if (layerStates) this.app.onStreamedSnapshot(await this.client.request('setLayerStates', { layers: layerStates }));
      else if (weights) this.app.onStreamedSnapshot(await this.client.request('setWeights', { weights }));
    } catch (err) {
      return this.giveUp(reason, messageOf(err));
    }
    for (const then of this.afterRestart) await then().catch(() => undefined);
    this.notice.value = { kind: 'restarted', reason };
  }

  private giveUp(reason: Message, why: Message = msg('recovery.diedTimes', { count: MAX_RESTARTS })): void {
    this.notice.value = { kind: 'gave-up', reason, why };
    this.app.status.value = { kind: 'failed', message: msg('recovery.gaveUpStatus', { reason, why }) };
  }
}
