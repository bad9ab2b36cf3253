// Reading a model's text for the page: the engine reads and checks the NeuroStep file, the Keras
// architecture JSON (with its weights JSON) or a model spec, and the page learns the spec, the
// weights by layer and the run settings the file carries.
import { naturalPairing, targetInfo } from '../state/model-for-data';
import type { Dataset, FullOptimizerSpec, ModelSpec } from '../lib/types';
import { optimizerSpec, type Settings } from '../settings';
import { messageOf } from '../state/app';
import { formatCount, msg, plainMessage, type Message } from '../i18n';
import { fail } from '../i18n/engine';
import { optionMessage } from '../i18n/settings-text';
import type { EngineClient } from '../state/engine-client';
import type { ModelInfo } from '../worker/protocol';
import { readRecord, type DataRecord } from './model-data';
import { isDense } from '../lib/layer-kinds';

export interface ModelFiles {
  model: { name: string; text: string };
  /** Keras's get_weights() as JSON (see weightsByLayer). */
  weights?: { name: string; text: string } | null;
  /** Weights the worker read from a Keras or TF.js file (readModelFiles), per layer in the model file's layout. */
  fileWeights?: { name: string; layers: unknown[] } | null;
  /** What the worker's reading could not use, a sentence each. */
  notes?: string[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface Plan {
  info: ModelInfo;
  /** The text for the engine, per candidate dataset (the loss may depend on the data). */
  textFor: (data: Dataset) => { text: string; loss: string };
  notes: Message[];
  epochNote: Message[];
  /** The data it was trained on, as its file records them (null: the file does not say). */
  data: DataRecord | null;
}

export async function planModel(client: EngineClient, files: ModelFiles, settings: Settings): Promise<Plan> {
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
