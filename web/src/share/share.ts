// Sharing, saving and taking the network further: the page's state in the address (read at
// start, written on every change), the controls a lesson hides, model files in and out, Export to
// Keras, and the notice that says what a link or a loaded model could not carry.
import { computed, effect, signal, type Signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Phase } from '../engine/neurostep';
import type { App } from '../state/app';
import type { EngineClient } from '../state/engine-client';
import type { ExportedFiles, KerasExport, KerasExportRequest } from '../worker/protocol';
import { resolveHidden } from './hide';
import { dataRecord, withData } from './model-data';
import { loadModel, type ModelFiles } from './model-load';
import { SETTINGS } from '../settings';
import { decodeHash, encodeHash, isStartState, shownValue } from './url-state';
import { msg, type Message } from '../i18n';

export interface Notice {
  tone: 'warn' | 'info';
  title: Message;
  items: Message[];
  testid: string;
}

export class Share {
  /** Said once, dismissable: what a link could not carry, or what a loaded model brought. */
  readonly notice: Signal<Notice | null> = signal(null);
  /** The names in the link's hide= (kept as given, so that the next link hides the same). */
  private readonly hide = signal<string[]>([]);
  /** The address as this page last wrote it; any other hash was typed or pasted by the user. */
  private written: string | null = null;
  /** The current link, and the rows of your data it had to leave out (null: none left out). */
  readonly link = computed(() => {
    const app = this.app;
    return encodeHash({ settings: app.settings.value, hidden: app.hidden.value, dataset: app.dataset.value, hide: this.hide.value });
  });

  constructor(
    private readonly app: App,
    private readonly client: EngineClient,
  ) {}

  /** Reads the address, starts the page with what is valid in it, then keeps it up to date. */
  async start(): Promise<void> {
    const app = this.app;
    const start = { settings: app.settings.peek(), hidden: app.hidden.peek() };
    const decoded = decodeHash(location.hash, start);
    if (decoded.given) {
      app.settings.value = decoded.settings;
      app.hidden.value = decoded.hidden;
      this.hide.value = decoded.hide;
      app.hiddenControls.value = resolveHidden(decoded.hide).keys;
      app.isArticleExample.value = isStartState(decoded, start);
    }
    const problems = [...decoded.problems];
    await app.start(decoded.dataset ?? undefined);
    const status = app.status.peek();
    // The page pairs the loss and output with the data's targets: a link's loss or output that
    // does not fit them is replaced, and the notice says so.
    for (const key of ['loss', 'outputActivation'] as const) {
      const used = app.settings.peek()[key];
      if (status.kind === 'ready' && decoded.fromLink.includes(key) && used !== decoded.settings[key])
        problems.push(msg('url.lossDoesNotFit', { name: SETTINGS[key].url, value: decoded.settings[key], used: shownValue(SETTINGS[key], used, key) }));
    }
    if (status.kind === 'failed' && decoded.given) {
      // The engine refused the link's combination: open with the start state and say why.
      problems.push(msg('url.engineRefused', { message: status.message }));
      app.settings.value = start.settings;
      app.hidden.value = start.hidden;
      app.isArticleExample.value = true;
      app.status.value = { kind: 'loading' };
      await app.start();
    }
    if (problems.length > 0)
      this.notice.value = { tone: 'warn', title: msg('url.noticeTitle'), items: problems, testid: 'url-notice' };
    this.keepAddress();
  }

  private keepAddress(): void {
    effect(() => {
      if (this.app.status.value.kind !== 'ready') return;
      const hash = this.link.value.hash;
      if (location.hash.slice(1) === hash) return;
      this.written = hash;
      history.replaceState(history.state, '', `#${hash}`);
    });
    // A hash typed or pasted into the address bar: open it as a link.
    window.addEventListener('hashchange', () => {
      if (location.hash.slice(1) !== this.written) location.reload();
    });
  }

  /** The address of the page as it is now. */
  href(): string {
    return `${location.href.split('#')[0]}#${this.link.peek().hash}`;
  }

  /** The phases of a batch of the network on the page, in the engine's order. */
  phases(): Promise<Phase[]> {
    return this.client.request('teachPhases', {});
  }

  /** The names this page's link hides (as the link gave them). */
  hiddenNames(): readonly string[] {
    return this.hide.peek();
  }

  /**
   * A lesson's link: this page as it is, with `hide` taken off it and opening in `mode` (on
   * Teach step `step`). The page itself does not change.
   */
  lessonHref(hide: readonly string[], mode: 'play' | 'teach', step: number): string {
    const app = this.app;
    const settings = { ...app.settings.peek(), mode, teachStep: mode === 'teach' ? step : 0 };
    const { hash } = encodeHash({ settings, hidden: app.hidden.peek(), dataset: app.dataset.peek(), hide: [...hide] });
    return `${location.href.split('#')[0]}#${hash}`;
  }

  // ---- files ------------------------------------------------------------------------------

  /** The model file of the trainer (trainer.toJson()), with the data it was trained on (model-data.ts). */
  async modelFile(): Promise<string> {
    const { text: file, optimizerStateLeftOut } = await this.client.request('saveModel', {});
    if (optimizerStateLeftOut)
      this.notice.value = { tone: 'warn', title: msg('share.stateLeftOutTitle'), items: [msg('share.stateLeftOut')], testid: 'state-notice' };
    const data = this.app.dataset.peek();
    return data ? withData(file, dataRecord(this.app.settings.peek(), data)) : file;
  }

  /** Loads a model; on success says what it brought, on failure throws the reason. */
  async loadModel(files: ModelFiles): Promise<void> {
    const report = await loadModel(this.app, this.client, files);
    this.notice.value = { tone: 'info', title: report.title, items: report.notes, testid: 'model-notice' };
  }

  /**
   * Model files of any kind NeuroStep reads (a .keras archive, .h5 files, a TF.js model.json with
   * its shards, JSON texts), read in the worker and loaded as loadModel loads a text; on failure
   * throws the reason, naming the file, layer and weight.
   */
  async loadModelFiles(files: { name: string; bytes: Uint8Array }[], weights: { name: string; text: string } | null): Promise<void> {
    // One JSON text that is not a TF.js model.json (a saved model, to_json(), a spec): as before.
    const text = files.length === 1 ? plainText(files[0].bytes) : null;
    if (text !== null && !isTfjsModelJson(text)) return this.loadModel({ model: { name: files[0].name, text }, weights });
    const read = await this.client.request('readModelFiles', { files });
    await this.loadModel({
      model: { name: read.name, text: read.text },
      weights,
      fileWeights: read.weights ? { name: read.files.join(', '), layers: read.weights } : null,
      notes: read.notes,
    });
  }

  exportKeras(request: KerasExportRequest): Promise<KerasExport> {
    return this.client.request('exportKeras', request);
  }

  exportPyTorch(request: KerasExportRequest): Promise<KerasExport> {
    return this.client.request('exportPyTorch', request);
  }

  /** The model as files another framework loads: a .keras archive, or a TF.js model.json and its shard. */
  exportModelFiles(format: 'keras' | 'tfjs'): Promise<ExportedFiles> {
    return this.client.request('exportModelFiles', { format });
  }
}

/** The bytes as UTF-8 text, or null when they are not text (an .h5, a .keras zip, a .bin shard). */
function plainText(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** A TensorFlow.js model.json (layers- or graph-model), whose weights are in other files. */
function isTfjsModelJson(text: string): boolean {
  try {
    const doc: unknown = JSON.parse(text);
    return typeof doc === 'object' && doc !== null && 'modelTopology' in doc;
  } catch {
    return false;
  }
}

export const ShareContext = createContext<Share | null>(null);

export function useShare(): Share {
  const share = useContext(ShareContext);
  if (!share) throw new Error('useShare outside ShareContext');
  return share;
}

/** Saves text as a file through the browser's download. */
export function download(name: string, text: string | Uint8Array, type: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text as BlobPart], { type }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Copies text: the clipboard API, or a selected text area where it is not allowed. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}
