// The page's state and the actions on it. One App is created at start-up and handed to the
// components through a context; it holds the settings, the data as the user edited them, and
// the latest snapshot from the worker (app-state.ts), hands data and models to the engine
// (app-loading.ts), and turns every user action here into worker requests.
import { batch } from '@preact/signals';
import {
  LAYER_SETTINGS,
  MAX_HIDDEN_LAYERS,
  optimizerDefaults,
  optimizerSpec,
  parseSetting,
  SETTINGS,
  stepsPerSecond,
  type HiddenLayer,
  type SettingKey,
  type Settings,
} from '../settings';
import { lossFitsTargets, lossFor, pairingWarning } from './model-for-data';
import { nearestRow, withoutRow, withRow, withValue } from '../lib/data-view';
import type { Dataset, ModelSpec } from '../lib/types';
import type { TaskChoice } from '../engine/neurostep';
import { msg, plainMessage, type Message } from '../i18n';
import { messageOf } from '../i18n/engine';
import { AppLoading } from './app-loading';
import { landscapeAxisPick, type Axis, type WeightPick } from '../lib/weight-names';
import type { Adopted } from './app-state';
import type { Snapshot } from '../worker/protocol';

export { messageOf };
export type { Adopted, Status } from './app-state';

export class App extends AppLoading {
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

  /** Several of the page's own settings (apply 'view') at once, each checked: a panel's choice of many parts. */
  setViewSettings(changes: Partial<Settings>): Promise<Message | null> {
    const next: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(changes) as [SettingKey, unknown][]) {
      if (SETTINGS[key].apply !== 'view') throw new Error(`${key} is not a view setting`);
      const parsed = parseSetting(SETTINGS[key], raw, key);
      if (!parsed.ok) return Promise.resolve(parsed.error);
      next[key] = parsed.value;
    }
    return this.serial(async () => {
      this.settings.value = { ...this.settings.value, ...next };
      return null;
    });
  }

  /** The axis the next shift-click in the diagram sets: across (x), then up (y), in turn. */
  private nextAxis: Axis = 'x';

  /** A weight or bias picked in the diagram becomes an axis of the loss landscape (landscapeAxisPick), which opens. */
  useAsLandscapeAxis(pick: WeightPick, axis: Axis | null): Promise<Message | null> {
    const { changes, next } = landscapeAxisPick(this.settings.peek(), pick, axis, this.nextAxis);
    this.nextAxis = next;
    return this.setViewSettings({ landscape: true, ...changes });
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

  /**
   * A table the engine read (worker/table-io.ts), its features scaled as chosen, with the output
   * layer and loss of the task the engine picked for its target (which the import panel said);
   * the message of a refusal.
   */
  importTable(data: Dataset, scaling: Settings['featureScaling'], task: Pick<TaskChoice, 'outputActivation' | 'loss'>): Promise<Message | null> {
    return this.serial(async () => {
      const settings: Settings = { ...this.settings.value, dataset: 'custom', featureScaling: scaling, outputActivation: task.outputActivation, loss: task.loss as Settings['loss'] };
      const error = await this.loadData(data, { newView: true, settings, task: true });
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
        // Other data than the image set on screen: the image views go with it.
        if (r.data !== this.dataset.peek()) this.images.value = null;
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
