// The loss-landscape panel's state: its settings, the engine's latest surface and sweep, and the
// live following of training: while the panel is open, a new surface is asked for whenever the
// weights moved and none is under way, at a resolution that keeps the worker's frames coming
// (each surface's time, as the worker measured it, sets the next one's resolution). Every number
// drawn comes from the engine; this file only decides what to ask for, and when.
import { batch, computed, signal } from '@preact/signals';
import type { App } from '../../state/app';
import { messageOf } from '../../state/app';
import { msg, type Message } from '../../i18n';
import type { LandscapeView, LrSweep, SurfaceOptions } from '../../worker/landscape-protocol';
import type { Settings } from '../../settings';
import { parseWeightName, weightName, type WeightPick } from '../../lib/weight-names';

export type { WeightPick };

/** The slice as the settings give it (settings-landscape.ts: in the link), and the panel's own choice of data. */
export interface LandscapeSettings {
  mode: 'random' | 'weights';
  a: WeightPick;
  b: WeightPick;
  data: 'train' | 'test';
  seed: number;
  extent: number;
  log: boolean;
}

/** The engine's errors for weights the network does not have (another model since they were picked). */
export const MISSING_WEIGHT = new Set(['engine.landscape.no_layer', 'engine.landscape.outside_weight', 'engine.landscape.no_weight']);

/** The landscape's part of the page's settings; a weight name is of the form (settings.ts checked it). */
export function landscapeSettings(p: Settings, data: 'train' | 'test' = 'train'): LandscapeSettings {
  return { mode: p.landscapeAxes, a: parseWeightName(p.landscapeX)!, b: parseWeightName(p.landscapeY)!, data, seed: p.landscapeSeed, extent: p.landscapeExtent, log: p.landscapeLog };
}

/** What the engine is asked for: random directions from the seed, or the two weights. */
export function surfaceOptions(s: LandscapeSettings, resolution: number, random = s.mode === 'random'): SurfaceOptions {
  const base = { extent: s.extent, resolution, data: s.data };
  return random ? { ...base, directions: 'random', seed: s.seed } : { ...base, directions: [s.a, s.b] };
}

/** Resolutions: at most the finest, at least the coarsest, and what the time budget allows: the
 * worker computes one loss per grid point, so a surface takes about n^2 times one evaluation. */
const FINEST = 41;
const COARSEST = 7;
const FIRST = 21;
/** The worker's time for one surface: paused (a click's answer), playing (it stops training meanwhile). */
const STILL_BUDGET_MS = 250;
const LIVE_BUDGET_MS = 25;
/** While playing, a new surface at most this often, so that training keeps most of the worker. */
const LIVE_INTERVAL_MS = 250;

/** The range test the panel runs: rates from 1e-5 to 10, 10 batches each. */
export const SWEEP = { low: 1e-5, high: 10, count: 31, steps: 10 } as const;

const odd = (n: number) => (Math.floor(n) % 2 === 0 ? Math.floor(n) - 1 : Math.floor(n));

export class LandscapeModel {
  private readonly data = signal<'train' | 'test'>('train');
  /** Everything the slice is made of: the page's settings and the panel's choice of data. */
  readonly settings = computed<LandscapeSettings>(() => landscapeSettings(this.app.settings.value, this.data.value));
  /** The two weights are not in this network: the map shows random directions, and this says why. */
  readonly fallback = signal<Message | null>(null);
  readonly surface = signal<LandscapeView | null>(null);
  /** The directions of the surface shown (random after a fallback). */
  readonly axes = signal<SurfaceOptions['directions']>('random');
  readonly error = signal<Message | null>(null);
  readonly sweep = signal<LrSweep | null>(null);
  readonly sweepError = signal<Message | null>(null);
  readonly sweeping = signal(false);
  /** The rate picked on the sweep's curve (an index into its rates). */
  readonly chosen = signal<number>(-1);
  private open = false;
  private inFlight = false;
  /** The weights changed since the surface under way was asked for. */
  private stale = true;
  /** Milliseconds of one grid point, as the last surface took them (null before the first). */
  private pointMs: number | null = null;
  /** The most the engine said fits (its surface_too_long message). */
  private mostResolution = FINEST;

  constructor(private readonly app: App) {}

  private resolution(playing: boolean): number {
    if (this.pointMs === null) return FIRST;
    const fits = odd(Math.sqrt((playing ? LIVE_BUDGET_MS : STILL_BUDGET_MS) / this.pointMs));
    return Math.max(COARSEST, Math.min(FINEST, fits));
  }

  options(s = this.settings.peek(), resolution = FINEST): SurfaceOptions {
    return surfaceOptions(s, Math.min(resolution, this.mostResolution), s.mode === 'random' || this.fallback.peek() !== null);
  }

  setOpen(open: boolean): void {
    this.open = open;
    if (open) this.refresh();
  }

  async change(next: Partial<LandscapeSettings>): Promise<void> {
    const { seed, extent, log, data, mode, a, b } = next;
    if (data !== undefined) this.data.value = data;
    const changes: Partial<Settings> = {};
    if (mode !== undefined) changes.landscapeAxes = mode;
    if (a !== undefined) changes.landscapeX = weightName(a);
    if (b !== undefined) changes.landscapeY = weightName(b);
    if (seed !== undefined) changes.landscapeSeed = seed;
    if (extent !== undefined) changes.landscapeExtent = extent;
    if (log !== undefined) changes.landscapeLog = log;
    await this.app.setViewSettings(changes);
  }

  /** The slice changed (a setting, or another network): the weights are tried again. */
  changed(): void {
    this.mostResolution = FINEST;
    this.fallback.value = null;
    this.refresh();
  }

  /** The weights moved (a snapshot came): ask again once the surface under way is in. */
  refresh(): void {
    this.stale = true;
    if (!this.open || this.inFlight || this.app.status.peek().kind !== 'ready') return;
    void this.fetch();
  }

  private async fetch(): Promise<void> {
    this.inFlight = true;
    this.stale = false;
    const playing = this.app.playing.peek(), start = performance.now();
    try {
      const options = this.options(this.settings.peek(), this.resolution(playing));
      const view = await this.app.client.request('landscape', { options });
      this.pointMs = Math.max(view.ms, 0.1) / (view.resolution * view.resolution);
      batch(() => {
        this.surface.value = view;
        this.axes.value = options.directions ?? 'random';
        this.error.value = null;
      });
    } catch (err) {
      const m = messageOf(err);
      const most = Number(m.vars?.most);
      if (m.key === 'engine.landscape.surface_too_long' && most >= 3 && most < this.mostResolution) {
        this.mostResolution = odd(most);
        this.stale = true;
      } else if (MISSING_WEIGHT.has(m.key ?? '') && this.settings.peek().mode === 'weights' && !this.fallback.peek()) {
        this.fallback.value = msg('landscape.fallback', { reason: m });
        this.stale = true;
      } else this.error.value = m;
    }
    if (playing) await new Promise((done) => setTimeout(done, Math.max(0, start + LIVE_INTERVAL_MS - performance.now())));
    this.inFlight = false;
    if (this.stale) this.refresh();
  }

  /** Moves the weights to (x, y) of the slice on the map (undoable). */
  moveTo(x: number, y: number): Promise<void> {
    const options = this.options();
    return this.app.act(() => this.app.client.request('landscapeMove', { options, x, y })).then(() => this.refresh());
  }

  undo(): Promise<void> {
    return this.app.act(() => this.app.client.request('landscapeUndo', {})).then(() => this.refresh());
  }

  async runSweep(): Promise<void> {
    this.sweeping.value = true;
    try {
      const s = await this.app.client.request('lrSweep', { ...SWEEP });
      batch(() => {
        this.sweep.value = s;
        this.chosen.value = s.best;
        this.sweepError.value = null;
      });
    } catch (err) {
      this.sweepError.value = messageOf(err);
    } finally {
      this.sweeping.value = false;
    }
  }

  /** The chosen rate becomes the optimizer's learning rate (the setting, as if typed). */
  async useChosen(): Promise<void> {
    const s = this.sweep.peek(), i = this.chosen.peek();
    if (!s || i < 0) return;
    const refused = await this.app.setSetting('learningRate', s.rates[i]);
    this.sweepError.value = refused;
    if (!refused) this.refresh();
  }
}
