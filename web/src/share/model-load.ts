// Loading a model into the page: a NeuroStep model file (Save model), the architecture JSON of
// Keras's model.to_json() with an optional weights JSON, or a model spec. The engine reads and
// checks the model, and its message says what cannot be imported; this module finds data the
// model fits, turns the model into the page's settings, and says what those cannot show.
import { buildSpec, naturalPairing, targetInfo } from '../state/model-for-data';
import { view1dFor, view2dFor } from '../lib/data-view';
import { canonicalLoss, DENSE_DEFAULTS, optimizerFields } from '../lib/catalogue';
import type { Dataset, FullOptimizerSpec, LayerSpec, ModelSpec, Precision } from '../lib/types';
import {
  LAYER_SETTINGS,
  MAX_HIDDEN_LAYERS,
  optimizerDefaults,
  optimizerSpec,
  parseSetting,
  settingOfField,
  SETTINGS,
  type HiddenLayer,
  type SettingKey,
  type Settings,
} from '../settings';
import { messageOf, type App } from '../state/app';
import { formatCount, msg, plainMessage, type Message } from '../i18n';
import { fail, MessageError } from '../i18n/engine';
import { labelMessage, optionMessage } from '../i18n/settings-text';
import type { EngineClient } from '../state/engine-client';
import type { Requests } from '../worker/protocol';
import type { ModelInfo } from '../worker/protocol';
import { fingerprint, readRecord, recordDataset, type DataRecord } from './model-data';
import { bandsOf, denseLayers, isDense, type ExtraLayer } from '../lib/layer-kinds';
import { summaryLabel, TEXT as LAYER_TEXT } from '../lib/layer-kinds-text';

export interface ModelFiles {
  model: { name: string; text: string };
  /** Keras's get_weights() as JSON (see weightsByLayer). */
  weights?: { name: string; text: string } | null;
  /** Weights the worker read from a Keras or TF.js file (readModelFiles), per layer in the model file's layout. */
  fileWeights?: { name: string; layers: unknown[] } | null;
  /** What the worker's reading could not use, a sentence each. */
  notes?: string[];
}

/** What the page says once a model is loaded. */
export interface LoadReport {
  title: Message;
  notes: Message[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Loads the model into the engine with data it fits and the page's settings to match; on any
 * error nothing changes and the error (the engine's message where the engine refused) is thrown.
 */
export function loadModel(app: App, client: EngineClient, files: ModelFiles): Promise<LoadReport> {
  let report: LoadReport = { title: { text: '' }, notes: [] };
  return app
    .adopt(async () => {
      const plan = await planModel(client, files, app.settings.peek());
      const notes = [...plan.notes];
      const fitted = await fitData(app, client, plan);
      const engineSpec = await client.request('spec', {});
      const mapped = settingsFromSpec(engineSpec, app.settings.peek(), { precision: plan.info.precision, seed: plan.info.seed, batchSize: plan.info.batchSize });
      mapped.settings.dataset = fitted.dataset;
      Object.assign(mapped.settings, fitted.settings);
      notes.push(...mapped.notes);
      if (fitted.note) notes.push(fitted.note);
      // The page's own spec when its controls describe the model, so that a later data edit
      // keeps these weights; otherwise the model's, and the next change rebuilds from the controls.
      const built = buildSpec(mapped.settings, mapped.hidden, fitted.data);
      const same = sameModel(built, engineSpec);
      if (!same) notes.push(msg('modelLoad.controlsDiffer'));
      report = { title: msg('modelLoad.loaded', { file: files.model.name, model: describe(engineSpec) }), notes: [...plan.epochNote, ...notes] };
      return { settings: mapped.settings, hidden: mapped.hidden, data: fitted.data, spec: same ? built : withoutNames(engineSpec), view2d: fitted.view2d, view1d: fitted.view1d, result: fitted.result };
    })
    .then(() => ({ ...report, notes: [...report.notes, countersNote(app)] }));
}

/** What the counters show now that the model is loaded, in their own numbers. */
function countersNote(app: App): Message {
  const s = app.snapshot.peek();
  const steps = s?.iterations ?? 0, epochs = s?.epoch ?? 0;
  return steps > 0
    ? msg('modelLoad.countersGoOn', { count: steps, steps: formatCount(steps, 'en'), epochs: formatCount(epochs, 'en') })
    : msg('modelLoad.countersFromZero');
}

// ---- the model text ---------------------------------------------------------------------------

interface Plan {
  info: ModelInfo;
  /** The text for the engine, per candidate dataset (the loss may depend on the data). */
  textFor: (data: Dataset) => { text: string; loss: string };
  notes: Message[];
  epochNote: Message[];
  /** The data it was trained on, as its file records them (null: the file does not say). */
  data: DataRecord | null;
}

async function planModel(client: EngineClient, files: ModelFiles, settings: Settings): Promise<Plan> {
  const text = files.model.text;
  let doc: unknown = null;
  try {
    doc = JSON.parse(text);
  } catch {
    /* the engine says where the JSON breaks */
  }
  const info = await client.request('inspectModel', { text });
  const notes: Message[] = [];
  const epochNote: Message[] = [];
  const isKeras = isObject(doc) && 'class_name' in doc && !('format' in doc);
  const steps = isObject(doc) && isObject(doc.optimizer_state) ? doc.optimizer_state.iterations : undefined;
  if (typeof steps === 'number' && steps > 0)
    notes.push(msg('modelLoad.optimizerGoesOn', { optimizer: optionMessage('optimizer', info.spec.optimizer.name), steps: formatCount(steps, 'en') }));
  if (isObject(doc) && isObject(doc.training) && typeof doc.training.epochs_trained === 'number' && doc.training.epochs_trained > 0)
    epochNote.push(msg('modelLoad.epochsTrained', { count: doc.training.epochs_trained, epochs: formatCount(doc.training.epochs_trained, 'en') }));

  const weightsFile = files.weights ?? null;
  if (weightsFile && !isKeras)
    fail(isObject(doc) && 'format' in doc ? 'modelLoad.weightsWithModelFile' : 'modelLoad.weightsWithOther', { file: files.model.name });
  if (weightsFile && files.fileWeights) fail('modelLoad.ownWeights', { file: files.model.name, weights: weightsFile.name });
  const weights = files.fileWeights ? files.fileWeights.layers : weightsFile ? weightsByLayer(weightsFile.text, info.spec, weightsFile.name) : null;
  const weightsName = files.fileWeights?.name ?? weightsFile?.name ?? '';
  notes.push(...(files.notes ?? []).map((n) => plainMessage(n)));  // the worker's notes are English sentences
  // to_json() of a model that was never compiled has no loss or optimizer: the loss that suits
  // the data, and the page's current optimizer.
  const uncompiled = isKeras && !('compile_config' in (doc as Json));
  if (isKeras && !weights) notes.push(msg('modelLoad.architectureOnly'));
  if (!isKeras && !weights && !(isObject(doc) && 'weights' in doc)) notes.push(msg('modelLoad.noWeights'));

  const fileWith = (loss: string) => {
    const file: Json = { format: 'neurostep-model', version: 1, model: doc };
    if (uncompiled) file.compile = { loss, optimizer: kerasOptimizer(optimizerSpec(settings)) };
    if (weights) file.weights = weights;
    return JSON.stringify(file);
  };
  const textFor = (data: Dataset) => {
    const loss = uncompiled ? naturalPairing(targetInfo(data).kind).loss : info.spec.loss;
    if (!isKeras || (!weights && !uncompiled)) return { text, loss };
    return { text: fileWith(loss), loss };
  };
  // The engine checks the weights' shapes and values once here, so that a weights file that
  // does not fit is named as such (and not taken for data that do not fit the model).
  if (weights) {
    try {
      await client.request('inspectModel', { text: fileWith('mean_squared_error') });
    } catch (err) {
      fail('modelLoad.fileError', { file: weightsName, message: messageOf(err) });
    }
  }
  if (uncompiled) notes.push(msg('modelLoad.uncompiled', { optimizer: optionMessage('optimizer', settings.optimizer) }));
  return { info, textFor, notes, epochNote, data: readRecord(doc) };
}

/**
 * Keras's get_weights() as JSON: a list of arrays, for each layer its weights in Keras's order
 * (a Dense layer's kernel, inputs x units, then its bias if it has one; BatchNormalization's
 * gamma, beta, moving_mean, moving_variance; ...). Grouped per layer by name as the model file
 * holds them; the engine checks every shape and value.
 */
export function weightsByLayer(text: string, spec: ModelSpec, fileName?: string): Record<string, unknown>[] {
  const file: Message | string = fileName ?? msg('modelLoad.theWeightsFile');
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch (err) {
    fail('modelLoad.notJson', { file, message: messageOf(err) });
  }
  const names = spec.layers.map(weightNames);
  let width = spec.input_dim;
  const parts: Message[] = [];
  spec.layers.forEach((l, i) => {
    if (isDense(l)) {
      parts.push(msg(l.use_bias ? 'modelLoad.kernelAndBias' : 'modelLoad.kernel', { layer: i + 1, inputs: width, units: l.units }));
      width = l.units;
    } else if (names[i].length > 0) parts.push(msg('modelLoad.layerWeights', { layer: i + 1, names: names[i].join(', '), width }));
  });
  const expected: Message = { list: parts };
  const needed = names.reduce((n, w) => n + w.length, 0);
  if (!Array.isArray(list) || list.some((a) => !Array.isArray(a))) fail('modelLoad.notAList', { file, expected });
  if (list.length !== needed) fail('modelLoad.arrayCount', { file, count: list.length, needed, expected });
  let i = 0;
  return names.map((w) => Object.fromEntries(w.map((n) => [n, list[i++]])));
}

/** A layer's weights in get_weights() order, as the engine names them (layer_config.hpp's weight_names). */
function weightNames(l: ModelSpec['layers'][number]): string[] {
  const c = l as unknown as { kind?: string; use_bias?: boolean; scale?: boolean; center?: boolean };
  if (isDense(l)) return c.use_bias ? ['kernel', 'bias'] : ['kernel'];
  const norm = c.kind === 'BatchNormalization' || c.kind === 'LayerNormalization';
  const out = norm ? [...(c.scale !== false ? ['gamma'] : []), ...(c.center !== false ? ['beta'] : [])] : [];
  if (c.kind === 'BatchNormalization') out.push('moving_mean', 'moving_variance');
  if (c.kind === 'PReLU') out.push('alpha');
  return out;
}

/** Keras's compile() optimizer object; Keras, and the engine, look its class up without regard to case (keras_compile.hpp). */
function kerasOptimizer(o: FullOptimizerSpec): Json {
  const { name, ...config } = o;
  return { class_name: name, config };
}

// ---- the data ---------------------------------------------------------------------------------

interface Fitted {
  data: Dataset;
  dataset: Settings['dataset'];
  view2d: ReturnType<typeof view2dFor>;
  view1d: ReturnType<typeof view1dFor>;
  result: Requests['configure']['res'];
  note: Message | null;
  /** Settings that describe the data (points, noise, seeds, test share). */
  settings: Partial<Settings>;
}

/**
 * The current data if the model takes them, else the first built-in dataset it takes. The
 * engine decides what fits: each try is all or nothing.
 */
async function fitData(app: App, client: EngineClient, plan: Plan): Promise<Fitted> {
  const s = app.settings.peek();
  const inputs = plan.info.spec.input_dim;
  const current = app.dataset.peek();
  let firstError: Message | null = null;
  const attempt = async (data: Dataset, dataset: Settings['dataset'], split = { testRatio: s.testRatio, splitSeed: s.dataSeed }): Promise<Fitted | null> => {
    if (data.features !== inputs) return null;
    const { text } = plan.textFor(data);
    const view2d = data.features === 2 ? view2dFor(data) : null;
    const view1d = data.features === 1 && data.targets === 1 ? view1dFor(data) : null;
    try {
      const result = await client.request('configure', {
        data: { dataset: data, testRatio: split.testRatio, splitSeed: split.splitSeed },
        model: { spec: plan.info.spec, file: text, precision: plan.info.precision, seed: plan.info.seed },
        batchSize: plan.info.batchSize,
        view2d,
        view1d,
      });
      return { data, dataset, view2d, view1d, result, note: null, settings: {} };
    } catch (err) {
      firstError ??= messageOf(err);
      return null;
    }
  };
  // The data the file says it was trained on come first.
  let missing: Message | null = null;
  const rec = plan.data;
  if (rec) {
    const split = { testRatio: rec.testRatio, splitSeed: rec.splitSeed };
    const splitSettings = { testRatio: rec.testRatio, dataSeed: rec.splitSeed };
    if (rec.kind === 'generated') {
      const data = await client.request('generate', { name: rec.name, count: rec.count, noise: rec.noise, seed: rec.seed });
      const fitted = await attempt(data, rec.name, split);
      const label = SETTINGS.dataset.options.find((o) => o.value === rec.name)?.label ?? rec.name;
      const dataset = optionMessage('dataset', rec.name, label);
      const what =
        rec.name === 'article_bits'
          ? msg('modelLoad.trainedOnArticle', { dataset })
          : msg('modelLoad.trainedOnGenerated', { dataset, points: formatCount(rec.count, 'en'), noise: rec.noise, seed: rec.seed });
      if (fitted) return { ...fitted, note: what, settings: { ...splitSettings, count: rec.count, noise: rec.noise, dataSeed: rec.seed } };
    } else if (rec.kind === 'rows') {
      const fitted = await attempt(recordDataset(rec), 'custom', split);
      if (fitted) return { ...fitted, note: msg('modelLoad.trainedOnRows', { count: rec.rows, rows: formatCount(rec.rows, 'en') }), settings: splitSettings };
    } else if (current && fingerprint(current) === rec.fingerprint) {
      const fitted = await attempt(current, 'custom', split);
      if (fitted) return { ...fitted, note: msg('modelLoad.trainedOnThese'), settings: splitSettings };
    } else {
      missing = msg('modelLoad.trainedOnMissing', { count: rec.rows, rows: formatCount(rec.rows, 'en') });
    }
  }
  if (current) {
    const fitted = await attempt(current, s.dataset);
    if (fitted) return missing ? { ...fitted, note: missing } : fitted;
  }
  for (const option of SETTINGS.dataset.options) {
    if (option.value === 'custom' || option.value === s.dataset) continue;
    const data = await client.request('generate', { name: option.value, count: s.count, noise: s.noise, seed: s.dataSeed });
    const fitted = await attempt(data, option.value);
    if (fitted) {
      const other = msg('modelLoad.otherDataset', { count: inputs, dataset: optionMessage('dataset', option.value, option.label) });
      return { ...fitted, note: missing ? msg('modelLoad.twoNotes', { first: missing, second: other }) : other };
    }
  }
  const spec = plan.info.spec;
  const out = denseLayers(spec)[denseLayers(spec).length - 1].units;
  const targets = spec.loss === 'sparse_categorical_crossentropy' ? msg('modelLoad.targetsSparse') : msg('modelLoad.targets', { count: out });
  const detail = firstError ? msg('modelLoad.detailError', { message: firstError }) : current ? msg('modelLoad.detailCurrent', { count: current.features }) : '';
  throw new MessageError(
    msg('modelLoad.noDataFits', { inputs: msg('modelLoad.inputs', { count: inputs }), outputs: msg('modelLoad.outputs', { count: out }), detail, inputCount: inputs, targets }),
  );
}

// ---- the settings -----------------------------------------------------------------------------

const LAYER_KEYS = [
  ['kernel_initializer', 'kernelInitializer'],
  ['bias_initializer', 'biasInitializer'],
  ['use_bias', 'useBias'],
  ['l1', 'l1'],
  ['l2', 'l2'],
] as const satisfies readonly (readonly [keyof LayerSpec, SettingKey])[];


/**
 * The page's settings and hidden layers for a model. The page sets initializers and
 * regularisers once for all layers: the first layer's are shown, and differences are noted.
 */
export function settingsFromSpec(spec: ModelSpec, base: Settings, run: { precision: Precision; seed: number; batchSize: number }): { settings: Settings; hidden: HiddenLayer[]; notes: Message[] } {
  const notes: Message[] = [];
  // The controls describe Dense layers; the other kinds ride on the hidden layer they follow.
  const layers = denseLayers(spec);
  const bands = bandsOf(spec);
  const output = layers[layers.length - 1];
  const first = layers[0];
  const s: Record<string, string | number | boolean> = { ...base, ...optimizerDefaults(spec.optimizer.name) };
  s.outputActivation = output.activation ?? 'linear';
  s.loss = canonicalLoss(spec.loss);
  for (const [specKey, key] of LAYER_KEYS) {
    s[key] = first[specKey];
    if (layers.some((l) => l[specKey] !== first[specKey]))
      notes.push(msg('modelLoad.layersDiffer', { setting: labelMessage(key, SETTINGS[key].label), values: layers.map((l) => String(l[specKey])).join(', ') }));
  }
  s.optimizer = spec.optimizer.name;
  const o = spec.optimizer as unknown as Record<string, number | boolean | undefined>;
  for (const f of optimizerFields(spec.optimizer.name)) if (o[f.key] !== undefined) s[settingOfField(f.key)] = o[f.key]!;
  s.precision = run.precision;
  s.seed = run.seed;
  s.batchSize = run.batchSize;
  // Values past the controls' ranges stay in the engine; a link cannot carry them.
  for (const key of Object.keys(SETTINGS) as SettingKey[]) {
    const checked = parseSetting(SETTINGS[key], s[key], key);
    if (!checked.ok) notes.push(msg('modelLoad.outOfRange', { error: checked.error, value: String(s[key]) }));
  }
  const hidden: HiddenLayer[] = layers.slice(0, -1).map((l, k) => {
    const after = bands[k + 1].map((b) => withoutName(b.layer));
    return { units: l.units, activation: l.activation ?? DENSE_DEFAULTS.activation, ...(after.length > 0 ? { after } : {}) };
  });
  if (bands[0].length > 0) notes.push(plainMessage(LAYER_TEXT.extraBeforeFirst));
  if (bands[layers.length].length > 0) notes.push(plainMessage(LAYER_TEXT.extraAfterOutput));
  if (hidden.length > MAX_HIDDEN_LAYERS) notes.push(msg('modelLoad.tooManyLayers', { count: hidden.length, max: MAX_HIDDEN_LAYERS }));
  const wide = hidden.findIndex((l) => !parseSetting(LAYER_SETTINGS.units, l.units).ok);
  if (wide >= 0) notes.push(msg('modelLoad.wideLayer', { layer: wide + 1, units: hidden[wide].units, max: LAYER_SETTINGS.units.max }));
  return { settings: s as Settings, hidden, notes };
}

const LAYER_FIELDS = ['units', 'activation', 'use_bias', 'kernel_initializer', 'bias_initializer', 'l1', 'l2'] as const;

/** The same model whatever the key order, layer names aside. */
function sameModel(a: ModelSpec, b: ModelSpec): boolean {
  const layer = (l: LayerSpec) => (isDense(l) ? LAYER_FIELDS.map((k) => l[k] ?? null) : sortedEntries(withoutName(l as unknown as ExtraLayer)));
  const optimizer = (o: FullOptimizerSpec) => Object.entries(o).sort(([x], [y]) => (x < y ? -1 : 1));
  const key = (s: ModelSpec) => JSON.stringify([s.input_dim, s.loss, s.layers.map(layer), optimizer(s.optimizer)]);
  return key(a) === key(b);
}

const sortedEntries = (o: object) => Object.entries(o).sort(([x], [y]) => (x < y ? -1 : 1));

function withoutName(l: ExtraLayer): ExtraLayer {
  const { name: _name, ...rest } = l as ExtraLayer & { name?: string };
  return rest as ExtraLayer;
}

function withoutNames(spec: ModelSpec): ModelSpec {
  return { ...spec, layers: spec.layers.map(({ name: _name, ...l }) => l) };
}

function describe(spec: ModelSpec): Message {
  return msg('modelLoad.model', { count: spec.input_dim, layers: spec.layers.map((l) => (isDense(l) ? `${l.units} ${l.activation ?? DENSE_DEFAULTS.activation}` : summaryLabel(l as unknown as ExtraLayer))).join(' → ') });
}
