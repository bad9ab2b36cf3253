// The page's state and the actions on it. One App is created at start-up and handed to the
// components through a context; it holds the settings, the data as the user edited them, and
// the latest snapshot from the worker, and it turns every user action into worker requests.
import { batch, computed, signal, type Signal } from '@preact/signals';
import {
  articleHiddenLayers,
  defaultSettings,
  LAYER_SETTINGS,
  MAX_HIDDEN_LAYERS,
  optimizerDefaults,
  optimizerSpec,
  parseSetting,
  SETTINGS,
  isImageSetName,
  stepsPerSecond,
  type HiddenLayer,
  type SettingKey,
  type Settings,
} from '../settings';
import { buildSpec, lossFitsTargets, lossFor, naturalPairing, pairingWarning, sameArchitecture, targetInfo, type TargetInfo } from './model-for-data';
import { nearestRow, view1dFor, view2dFor, withoutRow, withRow, withValue } from '../lib/data-view';
import type { Dataset, ModelSpec, View1D, View2D } from '../lib/types';
import type { EngineClient } from './engine-client';
import { checkEngineCatalogue } from '../lib/catalogue';
import { generatorPreviews } from './previews';
import { SnapshotStream } from './snapshot-stream';
import type { Snapshot } from '../worker/protocol';
import { msg, plainMessage, type Message } from '../i18n';
import { MessageError, messageOf } from '../i18n/engine';
import { datasetsBase, proposedNetwork, standIn, type ImageLoad } from './image-data';
import type { ImageSetView } from '../worker/image-protocol';

export { messageOf };

export type Status = { kind: 'loading' } | { kind: 'ready' } | { kind: 'failed'; message: Message };

/** What App.adopt takes over: the settings, data and model the engine accepted. */
export interface Adopted {
  settings: Settings;
  hidden: HiddenLayer[];
  data: Dataset;
  spec: ModelSpec;
  view2d: View2D | null;
  view1d: View1D | null;
  result: { train: Dataset; test: Dataset; snapshot: Snapshot };
}

/** The article's example as the start state: its data, network, optimizer, batch 1, seed 42. */
function articleSettings(): Settings {
  return { ...defaultSettings(), dataset: 'article_bits', batchSize: 1, seed: 42, testRatio: 0 };
}

export class App {
  readonly settings: Signal<Settings> = signal(articleSettings());
  readonly hidden: Signal<HiddenLayer[]> = signal(articleHiddenLayers());
  /** Every row as the user sees and edits it (before the train/test split). */
  readonly dataset: Signal<Dataset | null> = signal(null);
  readonly split: Signal<{ train: Dataset; test: Dataset } | null> = signal(null);
  readonly view2d: Signal<View2D | null> = signal(null);
  readonly view1d: Signal<View1D | null> = signal(null);
  /** The spec the engine holds (the last one it accepted). */
  readonly spec: Signal<ModelSpec | null> = signal(null);
  /** The worker's snapshots as the page draws them (snapshot-stream.ts). */
  private readonly stream = new SnapshotStream((report, recycled) => this.client.frame(report, recycled));
  readonly snapshot = this.stream.snapshot;
  /** The snapshot for text, at most every READOUT_MS while playing. */
  readonly readout = this.stream.readout;
  /** Bumped whenever `history` changes; it is updated in place. */
  readonly historyVersion = this.stream.historyVersion;
  readonly history = this.stream.history;
  readonly playing = this.stream.playing;
  readonly status: Signal<Status> = signal({ kind: 'loading' });
  /** The engine refused a model change: its message, shown in the network panel. */
  readonly modelError: Signal<Message | null> = signal(null);
  /** The engine refused data (a CSV, an edit): its message, shown next to the input. */
  readonly dataError: Signal<Message | null> = signal(null);
  /** Any other refused action (a weight edit, a step), shown briefly in the toolbar. */
  readonly actionError: Signal<Message | null> = signal(null);
  readonly thumbnails: Signal<Record<string, Dataset>> = signal({});
  readonly targets = computed<TargetInfo | null>(() => (this.dataset.value ? targetInfo(this.dataset.value) : null));
  readonly pairingWarning = computed(() => pairingWarning(this.settings.value.outputActivation, this.settings.value.loss));
  /** True while the start state is untouched: the intro line tells the article's story. */
  readonly isArticleExample = signal(true);
  /** Controls a lesson link hides (setting keys; share/hide.ts): the components leave them out. */
  readonly hiddenControls: Signal<ReadonlySet<string>> = signal(new Set());
  /** The image set on screen (digits, fashion_mnist; state/image-data.ts), null for other data. */
  readonly images: Signal<ImageSetView | null> = signal(null);
  /** An image set's download under way. */
  readonly imageLoad: Signal<ImageLoad | null> = signal(null);
  /** The network the page proposed for the image set on screen (said in the data panel). */
  readonly proposal: Signal<boolean> = signal(false);

  private busy: Promise<unknown> = Promise.resolve();

  constructor(
    readonly client: EngineClient,
    private readonly wasmBase: string,
  ) {}

  // ---- start ------------------------------------------------------------------------------

  /** Loads the engine, then the data (`initialData`, e.g. a link's own rows, or generated). */
  async start(initialData?: Dataset): Promise<void> {
    try {
      const { catalogue } = await this.client.request('init', { wasmBase: this.wasmBase });
      checkEngineCatalogue(catalogue);
      const s = this.settings.value;
      // An image set (a link's data=digits, or the page after an engine restart) is fetched again.
      const refused = isImageSetName(s.dataset)
        ? await this.loadImageSet(s, true)
        : await this.loadData(initialData ?? (await this.client.request('generate', { name: s.dataset, count: s.count, noise: s.noise, seed: s.dataSeed })), { newView: true, forceModel: true });
      if (refused) throw new MessageError(refused);
      this.status.value = { kind: 'ready' };
    } catch (err) {
      this.status.value = { kind: 'failed', message: messageOf(err) };
      return;
    }
    void this.makeThumbnails();
  }

  /** Small previews of every generator for the dataset picker. */
  private async makeThumbnails(): Promise<void> {
    this.thumbnails.value = await generatorPreviews(this.client);
  }

  // ---- snapshots --------------------------------------------------------------------------

  /**
   * A snapshot streamed while playing (one per frame the page showed; state/frame-loop.ts): the
   * pictures redraw from it at once, the text at most every READOUT_MS.
   */
  readonly onStreamedSnapshot = (s: Snapshot): void => {
    this.applySnapshot(s);
  };

  private applySnapshot(s: Snapshot): void {
    this.stream.apply(s);
  }

  // ---- requests ---------------------------------------------------------------------------

  /** Runs actions one after another, so that a slow one cannot be overtaken by the next. */
  private serial<T>(action: () => Promise<T>): Promise<T> {
    const next = this.busy.then(action, action);
    this.busy = next.catch(() => undefined);
    return next;
  }

  private async withSnapshot(promise: Promise<Snapshot>): Promise<void> {
    try {
      this.applySnapshot(await promise);
      this.actionError.value = null;
    } catch (err) {
      this.actionError.value = messageOf(err);
    }
  }

  /**
   * Hands new data (and, when the data need another network, a new model) to the engine.
   * On refusal everything stays as it was and the message is returned.
   */
  private async loadData(
    data: Dataset,
    opts: { newView: boolean; forceModel?: boolean; settings?: Settings; hidden?: HiddenLayer[]; images?: ImageSetView },
  ): Promise<Message | null> {
    const current = this.settings.value;
    let s = opts.settings ?? current;
    const t = targetInfo(data);
    if (!lossFitsTargets(s.loss, t)) s = { ...s, ...naturalPairing(t.kind) };
    const hidden = opts.hidden ?? this.hidden.value;
    // An edit of an image set's data keeps it one (its stand-in has no pixels to send).
    const images = opts.images ?? (data === this.dataset.value ? this.images.value : null) ?? undefined;
    const spec = buildSpec(s, hidden, data);
    const modelChanged = opts.forceModel || !sameArchitecture(spec, this.spec.value) || s.precision !== current.precision;
    const view2d = opts.newView ? view2dFor(data) : (this.view2d.value ?? view2dFor(data));
    const view1d = opts.newView ? view1dFor(data) : (this.view1d.value ?? view1dFor(data));
    const wasPlaying = this.playing.value;
    try {
      const result = await this.client.request('configure', {
        data: { dataset: data, testRatio: s.testRatio, splitSeed: s.dataSeed, images: images !== undefined, scaling: s.dataset === 'custom' ? s.featureScaling : 'none' },
        model: modelChanged ? { spec, precision: s.precision, seed: s.seed } : undefined,
        batchSize: s.batchSize,
        view2d: data.features === 2 ? view2d : null,
        view1d: data.features === 1 && data.targets === 1 ? view1d : null,
      });
      batch(() => {
        this.settings.value = s;
        this.hidden.value = hidden;
        this.dataset.value = data;
        this.images.value = images ?? null;
        if (!images) this.proposal.value = false;
        this.split.value = { train: result.train, test: result.test };
        this.view2d.value = data.features === 2 ? view2d : null;
        this.view1d.value = data.features === 1 && data.targets === 1 ? view1d : null;
        if (modelChanged) this.spec.value = spec;
        this.modelError.value = null; // a refused change's message is stale once something else worked
        this.dataError.value = null;
        this.applySnapshot(result.snapshot);
      });
      if (wasPlaying) await this.resumePlay();
      return null;
    } catch (err) {
      return messageOf(err);
    }
  }

  /** A new trainer for the current data with these settings and layers; reverts on refusal. */
  private async rebuild(s: Settings, hidden: HiddenLayer[]): Promise<boolean> {
    const data = this.dataset.value;
    if (!data) return false;
    const spec = buildSpec(s, hidden, data);
    const wasPlaying = this.playing.value;
    try {
      const result = await this.client.request('configure', {
        model: { spec, precision: s.precision, seed: s.seed },
        batchSize: s.batchSize,
        view2d: this.view2d.value,
        view1d: this.view1d.value,
      });
      batch(() => {
        this.settings.value = s;
        this.hidden.value = hidden;
        this.spec.value = spec;
        this.modelError.value = null;
        this.applySnapshot(result.snapshot);
      });
      if (wasPlaying) await this.resumePlay();
      return true;
    } catch (err) {
      this.modelError.value = messageOf(err);
      return false;
    }
  }

  // ---- settings ---------------------------------------------------------------------------

  /** Validates and applies one setting; returns the validation or engine message, or null. */
  setSetting<K extends SettingKey>(key: K, raw: unknown): Promise<Message | null> {
    const parsed = parseSetting(SETTINGS[key], raw, key);
    if (!parsed.ok) return Promise.resolve(parsed.error);
    const value = parsed.value as Settings[K];
    return this.serial(async () => {
      const before = this.settings.value;
      if (before[key] === value) return null;
      let next: Settings = { ...before, [key]: value };
      // Switching between Play and Teach, or the language, leaves the network and data as they are.
      if (SETTINGS[key].apply !== 'mode' && SETTINGS[key].apply !== 'language') this.isArticleExample.value = false;
      switch (SETTINGS[key].apply) {
        case 'data':
          if (key === 'dataset' && value === 'custom') return null;
          return this.regenerate(next);
        case 'split': {
          const data = this.dataset.value;
          return data ? this.loadData(data, { newView: false, settings: next }) : null;
        }
        case 'rebuild': {
          if (key === 'outputActivation' && this.targets.value) {
            // Offer the loss that pairs with the new output, when the current one does not and
            // that loss fits the targets (else the engine says why the output does not fit).
            const paired = lossFor(String(value), this.targets.value);
            if (pairingWarning(String(value), next.loss) && lossFitsTargets(paired, this.targets.value)) next = { ...next, loss: paired };
          }
          return (await this.rebuild(next, this.hidden.value)) ? null : this.modelError.value;
        }
        case 'reset':
          this.settings.value = next;
          await this.withSnapshot(this.client.request('reset', { seed: next.seed }));
          return null;
        case 'optimizer': {
          if (key === 'optimizer') next = { ...next, ...optimizerDefaults(next.optimizer) };
          try {
            this.applySnapshot(await this.client.request('setOptimizer', { optimizer: optimizerSpec(next) }));
            this.settings.value = next;
            this.spec.value = this.spec.value && { ...this.spec.value, optimizer: optimizerSpec(next) };
            return null;
          } catch (err) {
            return messageOf(err);
          }
        }
        case 'batch':
          try {
            this.applySnapshot(await this.client.request('setBatchSize', { batchSize: next.batchSize }));
            this.settings.value = next;
            return null;
          } catch (err) {
            return messageOf(err);
          }
        case 'play':
          this.settings.value = next;
          if (this.playing.value) await this.client.request('setSpeed', { stepsPerSecond: stepsPerSecond(next.speed) });
          return null;
        case 'mode': // the Teaching state follows (teaching/state.ts)
        case 'language': // the page's text follows (main.tsx)
        case 'view':
          this.settings.value = next;
          return null;
      }
    });
  }

  private async regenerate(s: Settings): Promise<Message | null> {
    if (s.dataset === 'custom') return null;
    if (isImageSetName(s.dataset)) return this.loadImageSet(s, false);
    let data: Dataset;
    try {
      data = await this.client.request('generate', { name: s.dataset, count: s.count, noise: s.noise, seed: s.dataSeed });
    } catch (err) {
      return messageOf(err);
    }
    return this.loadData(data, { newView: true, settings: s });
  }

  /**
   * Fetches an image set in the worker (progress in `imageLoad`, which can cancel it), then
   * trains the network it calls for on it (proposedNetwork; a link's own network when `asLinked`).
   */
  private async loadImageSet(s: Settings, asLinked: boolean): Promise<Message | null> {
    const abort = new AbortController();
    const name = s.dataset;
    this.imageLoad.value = { name, done: 0, total: 0, cancel: () => abort.abort() };
    let view: ImageSetView;
    try {
      view = await this.client.request('loadImages', { name, full: s.fullImages, baseUrl: datasetsBase(this.wasmBase) }, {
        signal: abort.signal,
        onProgress: (done, total) => (this.imageLoad.value = { name, done, total, cancel: () => abort.abort() }),
      });
    } catch (err) {
      return messageOf(err);
    } finally {
      this.imageLoad.value = null;
    }
    const proposed = proposedNetwork(view, s);
    const linked = asLinked && this.hidden.value.length > 0;
    const error = await this.loadData(standIn(view), {
      newView: true,
      forceModel: true,
      images: view,
      settings: linked ? s : proposed.settings,
      hidden: linked ? this.hidden.value : proposed.hidden,
    });
    if (!error) this.proposal.value = !linked;
    return error;
  }

  // ---- layers -----------------------------------------------------------------------------

  /** Rebuilds with the layers `next` makes of the current ones when its turn comes (ten quick + clicks add ten); a message (or a plain text) refuses. */
  changeLayers(next: (hidden: HiddenLayer[]) => HiddenLayer[] | Message | string | null): Promise<Message | null> {
    return this.serial(async () => {
      const layers = next(this.hidden.value);
      if (typeof layers === 'string') return plainMessage(layers);
      if (layers === null || !Array.isArray(layers)) return layers;
      this.isArticleExample.value = false;
      return (await this.rebuild(this.settings.value, layers)) ? null : this.modelError.value;
    });
  }

  addLayer(): Promise<Message | null> {
    const fresh: HiddenLayer = { units: LAYER_SETTINGS.units.default, activation: LAYER_SETTINGS.activation.default };
    return this.changeLayers((h) => (h.length >= MAX_HIDDEN_LAYERS ? msg('validation.maxHiddenLayers', { max: MAX_HIDDEN_LAYERS }) : [...h, { units: (h[h.length - 1] ?? fresh).units, activation: (h[h.length - 1] ?? fresh).activation }]));
  }

  removeLayer(): Promise<Message | null> {
    return this.changeLayers((h) => (h.length === 0 ? null : h.slice(0, -1)));
  }

  /** One more (or fewer) neurons in hidden layer `index`, within the control's range. */
  changeUnits(index: number, delta: number): Promise<Message | null> {
    const { min, max } = LAYER_SETTINGS.units;
    const units = (l: HiddenLayer) => Math.min(max, Math.max(min, l.units + delta));
    return this.changeLayers((h) => (!h[index] || units(h[index]) === h[index].units ? null : h.map((l, i) => (i === index ? { ...l, units: units(l) } : l))));
  }

  setLayer<K extends Exclude<keyof HiddenLayer, 'after'>>(index: number, key: K, raw: unknown): Promise<Message | null> {
    const parsed = parseSetting(LAYER_SETTINGS[key], raw, key);
    if (!parsed.ok) return Promise.resolve(parsed.error);
    return this.changeLayers((h) => h.map((l, i) => (i === index ? { ...l, [key]: parsed.value } : l)));
  }

  // ---- data -------------------------------------------------------------------------------

  /** `targets`: how many of the last columns are targets (1: the last column). */
  importCsv(text: string, targets = 1): Promise<boolean> {
    return this.serial(async () => {
      let data: Dataset;
      try {
        data = await this.client.request('parseCsv', { text, targets });
      } catch (err) {
        this.dataError.value = messageOf(err);
        return false;
      }
      this.isArticleExample.value = false;
      const error = await this.loadData(data, { newView: true, settings: { ...this.settings.value, dataset: 'custom' } });
      this.dataError.value = error;
      return error === null;
    });
  }

  /** A table the engine read (worker/table-io.ts), its features scaled as chosen; the message of a refusal. */
  importTable(data: Dataset, scaling: Settings['featureScaling']): Promise<Message | null> {
    return this.serial(async () => {
      const error = await this.loadData(data, { newView: true, settings: { ...this.settings.value, dataset: 'custom', featureScaling: scaling } });
      if (error === null) this.isArticleExample.value = false;
      return error;
    });
  }

  exportCsv(): Promise<string | null> {
    const data = this.dataset.value;
    return data ? this.client.request('writeCsv', { dataset: data }) : Promise.resolve(null);
  }

  /** Changes one cell of the table (col counts features first, then targets). */
  editCell(row: number, col: number, raw: string): Promise<Message | null> {
    const value = Number(raw.trim());
    if (raw.trim() === '' || !Number.isFinite(value)) return Promise.resolve(msg('validation.cellNumber'));
    return this.editData((d) => withValue(d, row, col, value));
  }

  addPoint(x: number, y: number, label: number): Promise<Message | null> {
    return this.editData((d) => withRow(d, [x, y], [label]));
  }

  removeNearestPoint(x: number, y: number): Promise<Message | null> {
    return this.editData((d) => {
      if (d.rows <= 1) return null; // a dataset keeps at least one row
      const row = nearestRow(d, x, y);
      return row < 0 ? null : withoutRow(d, row);
    });
  }

  private editData(change: (d: Dataset) => Dataset | null): Promise<Message | null> {
    return this.serial(async () => {
      const data = this.dataset.value;
      const next = data && change(data);
      if (!next) return null;
      this.isArticleExample.value = false;
      return this.loadData(next, { newView: false, settings: { ...this.settings.value, dataset: 'custom' } });
    });
  }

  // ---- training ---------------------------------------------------------------------------

  step(unit: 'batch' | 'epoch'): Promise<void> {
    return this.serial(() => this.withSnapshot(this.client.request('step', { unit })));
  }

  togglePlay(): Promise<void> {
    return this.playing.value ? this.pause() : this.play();
  }

  play(): Promise<void> {
    return this.serial(() => this.resumePlay());
  }

  private async resumePlay(): Promise<void> {
    this.playing.value = true;
    await this.withSnapshot(this.client.request('play', { stepsPerSecond: stepsPerSecond(this.settings.value.speed) }));
    if (this.actionError.value) this.playing.value = false;
  }

  pause(): Promise<void> {
    this.playing.value = false;
    return this.serial(() => this.withSnapshot(this.client.request('pause', {})));
  }

  reset(): Promise<void> {
    return this.serial(() => this.withSnapshot(this.client.request('reset', { seed: this.settings.value.seed })));
  }

  restore(): Promise<void> {
    return this.serial(() => this.withSnapshot(this.client.request('restore', { optimizer: optimizerSpec(this.settings.value) })));
  }

  /** A panel's action that answers with a snapshot (the loss landscape's moves), in turn with the others. */
  act(request: () => Promise<Snapshot>): Promise<void> {
    return this.serial(() => this.withSnapshot(request()));
  }

  setWeight(layer: number, unit: number, input: number, value: number): Promise<void> {
    return this.serial(() => this.withSnapshot(this.client.request('setWeight', { layer, unit, input, value })));
  }

  setBias(layer: number, unit: number, value: number): Promise<void> {
    return this.serial(() => this.withSnapshot(this.client.request('setBias', { layer, unit, value })));
  }

  /**
   * Replaces model, data and settings at once (a loaded model file, share/model-load.ts). `load`
   * runs in turn with the other actions, talks to the worker and returns what the engine took;
   * if it throws, the page stays as it was and the caller gets the error.
   */
  adopt(load: () => Promise<Adopted>): Promise<void> {
    return this.serial(async () => {
      const r = await load();
      batch(() => {
        this.settings.value = r.settings;
        this.hidden.value = r.hidden;
        this.dataset.value = r.data;
        this.split.value = { train: r.result.train, test: r.result.test };
        this.view2d.value = r.view2d;
        this.view1d.value = r.view1d;
        this.spec.value = r.spec;
        this.modelError.value = null;
        this.dataError.value = null;
        this.isArticleExample.value = false;
        this.applySnapshot(r.result.snapshot);
      });
    });
  }

  /** For the debug hook: the model as the worker's engine holds it. */
  engineSpec(): Promise<ModelSpec> {
    return this.client.request('spec', {});
  }
}
