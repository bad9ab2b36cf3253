// Teaching mode's state on the page: which mode the page is in, the step on screen, what the
// student has selected or points at, and the requests that move through the step. The worker
// does the stepping (worker/teaching-session.ts); this only asks and keeps the answer.
import { messageOf } from '../i18n/engine';
import type { Message } from '../i18n';
import { batch, computed, effect, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { App } from '../state/app';
import type { EngineClient } from '../state/engine-client';
import type { TeachGradientCheck, TeachSource, TeachTerms, TeachView } from '../worker/teach-protocol';
import { isDense } from '../lib/layer-kinds';
import { LONG_SUM } from './long-sum';

export type Mode = 'play' | 'teach';

/**
 * Something in the network: a neuron (column c of the diagram: 0 the inputs, l + 1 layer l's
 * units) or a weight W[unit][input] of layer l (input -1: the bias).
 */
export type Target = { kind: 'neuron'; col: number; unit: number } | { kind: 'weight'; layer: number; unit: number; input: number };

export const sameTarget = (a: Target | null, b: Target | null): boolean => JSON.stringify(a) === JSON.stringify(b);

export class Teaching {
  /** The mode is a setting (settings.ts), so that the page's address carries it. */
  readonly mode: ReadonlySignal<Mode>;
  readonly view: Signal<TeachView | null> = signal(null);
  readonly error: Signal<Message | null> = signal(null);
  /** A request is under way (the step bar shows it and ignores clicks meanwhile). */
  readonly busy = signal(false);
  /** Clicked: its numbers go into the formulas and the inspector shows it. */
  readonly selected: Signal<Target | null> = signal(null);
  /** Pointed at, in the diagram or a table: highlighted everywhere. */
  readonly hover: Signal<Target | null> = signal(null);
  readonly tab: Signal<'step' | 'check'> = signal('step');
  /** Which sample of the batch the formulas show (0 for a single sample). */
  readonly sample = signal(0);
  readonly check: Signal<TeachGradientCheck | null> = signal(null);
  /** A forward step's long sum (an image's pixels): the engine's terms for the sample shown, which rank it. */
  readonly terms: Signal<TeachTerms | null> = signal(null);
  /** The input (an image's pixel) pointed at, tapped or reached by keys in the image: its term is lit. */
  readonly pixel: Signal<number | null> = signal(null);
  readonly checking = signal(false);
  /** Forward passes of the check under way (done of total), from the worker's progress. */
  readonly checkProgress: Signal<{ done: number; total: number } | null> = signal(null);
  /** The last check was cancelled: the panel says so (the check before it, if any, stays). */
  readonly checkCancelled = signal(false);
  private checkAbort: AbortController | null = null;
  /** The Play network's step count after the student kept a step, for the confirmation (null: none kept since). */
  readonly kept: Signal<number | null> = signal(null);
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly client: EngineClient,
    private readonly app: App,
  ) {
    this.mode = computed(() => app.settings.value.mode);
    // The step on screen is a setting too, so that a link opens on it (teachStep).
    effect(() => {
      const index = this.view.value?.index;
      if (index !== undefined && index !== app.settings.peek().teachStep) void app.setSetting('teachStep', index);
    });
    // Another sample of the batch: its terms (a new step brings its own, in go and start).
    effect(() => {
      const view = this.view.value;
      const sample = this.sample.value;
      if (!view || !needsTerms(view) || fits(this.terms.peek(), view, sample)) return;
      void this.run(async () => {
        this.terms.value = await this.termsFor(view, sample);
      });
    });
  }

  /**
   * Switches to Teach (a step on the row Play would train on next) or back to Play. Also called
   * at start when the page's link says mode=teach: the mode is then already Teach, with no step.
   */
  async setMode(mode: Mode): Promise<void> {
    if (mode === 'teach') {
      if (this.mode.peek() === 'teach' && this.view.peek()) return;
      if (this.app.playing.peek()) await this.app.pause();
      await this.app.setSetting('mode', 'teach');
      this.kept.value = null;
      await this.start(this.view.peek()?.source ?? null);
    } else {
      if (this.mode.peek() === 'play') return;
      await this.app.setSetting('mode', 'play');
      await this.app.setSetting('teachStep', 0);
      batch(() => {
        this.view.value = null;
        this.terms.value = null;
        this.pixel.value = null;
        this.check.value = null;
        this.selected.value = null;
        this.hover.value = null;
      });
      await this.run(() => this.client.request('teachStop', {}));
    }
  }

  /** A fresh step on these rows (null: the row Step would train on next). */
  start(source: TeachSource | null): Promise<void> {
    this.kept.value = null;
    return this.run(async () => {
      const view = await this.client.request('teachStart', { source });
      const terms = await this.termsFor(view, 0);
      batch(() => {
        this.view.value = view;
        this.terms.value = terms;
        this.pixel.value = null;
        this.check.value = null;
        this.selected.value = null;
        this.sample.value = 0;
        this.tab.value = 'step';
      });
    });
  }

  /** Opens the step of a link (teachStep), or the last one when the network has fewer. */
  async open(step: number): Promise<void> {
    await this.setMode('teach');
    const v = this.view.peek();
    if (v && step > 0) await this.go(Math.min(step, v.total));
  }

  go(index: number): Promise<void> {
    const v = this.view.peek();
    if (!v || index < 0 || index > v.total) return Promise.resolve();
    return this.run(async () => {
      const view = await this.client.request('teachGo', { index });
      const terms = await this.termsFor(view, Math.min(this.sample.peek(), view.rows.length - 1));
      batch(() => {
        this.view.value = view;
        this.terms.value = terms;
      });
    });
  }

  next(): Promise<void> {
    const v = this.view.peek();
    return v ? this.go(v.index + 1) : Promise.resolve();
  }

  back(): Promise<void> {
    const v = this.view.peek();
    return v ? this.go(v.index - 1) : Promise.resolve();
  }

  gradientCheck(): Promise<void> {
    this.tab.value = 'check';
    this.checking.value = true;
    this.checkCancelled.value = false;
    this.checkProgress.value = null;
    const abort = (this.checkAbort = new AbortController());
    return this.run(async () => {
      try {
        const onProgress = (done: number, total: number) => (this.checkProgress.value = { done, total });
        this.check.value = await this.client.request('teachCheck', {}, { onProgress, signal: abort.signal });
      } catch (err) {
        if (!abort.signal.aborted) throw err;
        this.checkCancelled.value = true;
      } finally {
        this.checking.value = false;
        this.checkProgress.value = null;
        this.checkAbort = null;
      }
    });
  }

  /** Stops the check under way; the teaching step and any earlier result stay as they were. */
  cancelCheck(): void {
    this.checkAbort?.abort();
  }

  /** The Play network takes the finished step; a new one starts on the same rows. */
  apply(): Promise<void> {
    return this.run(async () => {
      const snapshot = await this.client.request('teachApply', {});
      // The worker answers with the Play network's new snapshot; the App takes it as it takes
      // any snapshot the worker sends (the acknowledgement is harmless when not playing).
      this.app.onStreamedSnapshot(snapshot);
      this.kept.value = snapshot.iterations;
      // The next step: on the rows Play trains next now (the next batch stays the next batch).
      const source = this.view.peek()?.source.kind === 'batch' ? ({ kind: 'batch' } as const) : null;
      const view = await this.client.request('teachStart', { source });
      const terms = await this.termsFor(view, 0);
      batch(() => {
        this.view.value = view;
        this.terms.value = terms;
        this.check.value = null;
      });
    });
  }

  select(t: Target | null): void {
    this.selected.value = sameTarget(this.selected.peek(), t) ? null : t;
  }

  /** The engine's terms of the step's long sum for `sample` (null: the step has none). */
  private async termsFor(view: TeachView, sample: number): Promise<TeachTerms | null> {
    if (!needsTerms(view)) return null;
    return this.client.request('teachTerms', { layer: view.phase.layer!, sample });
  }

  /** One request at a time, in order; a refusal is shown and changes nothing. */
  private run<T>(action: () => Promise<T>): Promise<void> {
    const next = this.queue.then(async () => {
      this.busy.value = true;
      try {
        await action();
        this.error.value = null;
      } catch (err) {
        this.error.value = messageOf(err);
      } finally {
        this.busy.value = false;
      }
    });
    this.queue = next;
    return next;
  }
}

/** A forward step of a Dense network whose layer sums more than LONG_SUM terms: they are ranked by the engine's terms. */
function needsTerms(view: TeachView): boolean {
  const l = view.phase.kind === 'forward' ? view.phase.layer : null;
  return l !== null && view.spec.layers.every(isDense) && view.layers[l].inputs > LONG_SUM;
}

const fits = (terms: TeachTerms | null, view: TeachView, sample: number) =>
  terms !== null && terms.index === view.index && terms.layer === view.phase.layer && terms.sample === Math.min(sample, view.rows.length - 1);

export const TeachingContext = createContext<Teaching | null>(null);
export function useTeaching(): Teaching {
  const t = useContext(TeachingContext);
  if (!t) throw new Error('useTeaching outside TeachingContext');
  return t;
}

/** A copy with every typed array as a plain array, for the debug hook (tests read it as JSON). */
export function toPlain(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map(toPlain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  return value;
}
