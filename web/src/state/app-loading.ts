// Handing data and models to the engine: start-up, new data (generated, an image set, edits)
// with the network they need, a rebuilt network, and snapshots back. Every hand-over runs in
// turn (serial) and, when the engine refuses, leaves the page as it was.
import { batch } from '@preact/signals';
import { isImageSetName } from '../lib/image-sets';
import { stepsPerSecond, type HiddenLayer, type Settings } from '../settings';
import { buildSpec, lossFitsTargets, naturalPairing, sameArchitecture, targetInfo } from './model-for-data';
import { view1dFor, view2dFor } from '../lib/data-view';
import type { Dataset } from '../lib/types';
import { checkEngineCatalogue } from '../lib/catalogue';
import { generatorPreviews } from './previews';
import type { Snapshot } from '../worker/protocol';
import type { Message } from '../i18n';
import { MessageError, messageOf } from '../i18n/engine';
import { datasetsBase, proposedNetwork, standIn } from './image-data';
import type { ImageSetView } from '../worker/image-protocol';
import { AppState } from './app-state';

export class AppLoading extends AppState {
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
  protected async makeThumbnails(): Promise<void> {
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

  protected applySnapshot(s: Snapshot): void {
    this.stream.apply(s);
  }

  // ---- requests ---------------------------------------------------------------------------

  /** Runs actions one after another, so that a slow one cannot be overtaken by the next. */
  protected serial<T>(action: () => Promise<T>): Promise<T> {
    const next = this.busy.then(action, action);
    this.busy = next.catch(() => undefined);
    return next;
  }

  protected async withSnapshot(promise: Promise<Snapshot>): Promise<void> {
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
  protected async loadData(
    data: Dataset,
    opts: { newView: boolean; forceModel?: boolean; settings?: Settings; hidden?: HiddenLayer[]; images?: ImageSetView; task?: boolean },
  ): Promise<Message | null> {
    const current = this.settings.value;
    let s = opts.settings ?? current;
    const t = targetInfo(data);
    // `task`: the settings carry the output and loss the engine picked for these data (an imported table's).
    if (!opts.task && !lossFitsTargets(s.loss, t)) s = { ...s, ...naturalPairing(t.kind) };
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
  protected async rebuild(s: Settings, hidden: HiddenLayer[]): Promise<boolean> {
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

  // ---- new data ---------------------------------------------------------------------------

  protected async regenerate(s: Settings): Promise<Message | null> {
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
  protected async loadImageSet(s: Settings, asLinked: boolean): Promise<Message | null> {
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

  // ---- playing ----------------------------------------------------------------------------

  protected async resumePlay(): Promise<void> {
    this.playing.value = true;
    await this.withSnapshot(this.client.request('play', { stepsPerSecond: stepsPerSecond(this.settings.value.speed) }));
    if (this.actionError.value) this.playing.value = false;
  }
}
