// What the page holds: the settings, the data as the user edited them, the engine's model and
// the latest snapshot from the worker, as signals the components read. The actions that change
// them are in app-loading.ts (handing data and models to the engine) and app.ts (the user's).
import { computed, signal, type Signal } from '@preact/signals';
import { articleHiddenLayers, defaultSettings, type HiddenLayer, type Settings } from '../settings';
import { pairingWarning, targetInfo, type TargetInfo } from './model-for-data';
import type { Dataset, ModelSpec, View1D, View2D } from '../lib/types';
import type { EngineClient } from './engine-client';
import { SnapshotStream } from './snapshot-stream';
import type { Snapshot } from '../worker/protocol';
import type { Message } from '../i18n';
import type { ImageLoad } from './image-data';
import type { ImageSetView } from '../worker/image-protocol';


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

export class AppState {
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
  protected readonly stream = new SnapshotStream((report, recycled) => this.client.frame(report, recycled));
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

  protected busy: Promise<unknown> = Promise.resolve();

  constructor(
    readonly client: EngineClient,
    protected readonly wasmBase: string,
  ) {}
}
