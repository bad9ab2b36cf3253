// What kind of problem a dataset poses (from its targets), which output layer and loss fit it,
// and the model spec the engine gets. No training maths here: only shapes and names.
import { catalogue } from '../lib/catalogue';
import type { Activation, Dataset, LayerSpec, ModelSpec } from '../lib/types';
import { optimizerSpec, type HiddenLayer, type Settings } from '../settings';
import { msg, type Message } from '../i18n';

export type TargetKind =
  | 'binary' // one column of 0/1 labels
  | 'classes' // one column of class indices 0..K-1, K > 2
  | 'onehot' // K columns, one 1 per row
  | 'multilabel' // K columns of values in [0, 1]
  | 'regression'; // anything else

export interface TargetInfo {
  kind: TargetKind;
  /** Classes for classification kinds; the target columns otherwise. */
  classes: number;
}

export function targetInfo(d: Dataset): TargetInfo {
  const { rows, targets, y } = d;
  let allBits = true, allIntegers = true, maxValue = 0, oneHot = true;
  for (let r = 0; r < rows; ++r) {
    let sum = 0;
    for (let k = 0; k < targets; ++k) {
      const v = y[r * targets + k];
      sum += v;
      if (v !== 0 && v !== 1) allBits = false;
      if (!(Number.isInteger(v) && v >= 0)) allIntegers = false;
      if (v > maxValue) maxValue = v;
    }
    if (sum !== 1) oneHot = false;
  }
  if (targets === 1) {
    if (allBits) return { kind: 'binary', classes: 2 };
    // Whole numbers below the engine's bound are class indices, as its pick_task reads them (task.hpp).
    if (allIntegers && maxValue < catalogue().limits.maxGuessedClasses) return { kind: 'classes', classes: maxValue + 1 };
    return { kind: 'regression', classes: 1 };
  }
  if (allBits && oneHot) return { kind: 'onehot', classes: targets };
  let inUnit = true;
  for (let i = 0; i < y.length; ++i) if (y[i] < 0 || y[i] > 1) inUnit = false;
  return inUnit ? { kind: 'multilabel', classes: targets } : { kind: 'regression', classes: targets };
}

export const isClassification = (t: TargetInfo) => t.kind !== 'regression';
const isCrossentropy = (loss: string) => loss.endsWith('crossentropy');

/** The output activation and loss that suit a kind of target. */
export function naturalPairing(kind: TargetKind): Pick<Settings, 'outputActivation' | 'loss'> {
  switch (kind) {
    case 'binary':
    case 'multilabel':
      return { outputActivation: 'sigmoid', loss: 'binary_crossentropy' };
    case 'classes':
      return { outputActivation: 'softmax', loss: 'sparse_categorical_crossentropy' };
    case 'onehot':
      return { outputActivation: 'softmax', loss: 'categorical_crossentropy' };
    case 'regression':
      return { outputActivation: 'linear', loss: 'mean_squared_error' };
  }
}

/**
 * Whether a loss can take these targets at all (otherwise the engine would refuse the data), by
 * what the catalogue says each loss takes: any numbers, probabilities, or one column of class
 * indices, and how many output units it needs.
 */
export function lossFitsTargets(loss: string, t: TargetInfo): boolean {
  const entry = catalogue().losses.find((l) => l.name === loss || l.aliases.includes(loss as never));
  if (!entry) return false;
  switch (t.kind) {
    case 'regression':
      return entry.targets === 'any';
    case 'binary': // one column of 0/1: class indices, or values in [0, 1] for one output unit
      return entry.targets === 'class_indices' || entry.minOutputUnits === 1;
    case 'classes':
      return entry.targets === 'class_indices';
    case 'onehot':
    case 'multilabel':
      return entry.targets !== 'class_indices';
  }
}

/** The loss that goes with an output activation. */
export function lossFor(activation: string, t: TargetInfo): Settings['loss'] {
  if (activation === 'sigmoid') return t.kind === 'classes' ? 'sparse_categorical_crossentropy' : 'binary_crossentropy';
  if (activation === 'softmax') return t.kind === 'onehot' ? 'categorical_crossentropy' : 'sparse_categorical_crossentropy';
  return 'mean_squared_error';
}

/** A warning when output activation and loss make an odd pair, null when they go together. */
export function pairingWarning(activation: string, loss: string): Message | null {
  const ce = isCrossentropy(loss);
  // The loss in words: "sparse categorical crossentropy" (pairing.lossName).
  const lossName: Message = { key: `pairing.lossName.${loss}`, text: loss.replace(/_/g, ' ') };
  if (loss === 'binary_crossentropy' && activation !== 'sigmoid')
    return activation === 'softmax' ? msg('pairing.softmaxWithBinary') : msg('pairing.binaryNeedsProbabilities', { activation });
  if (ce && loss !== 'binary_crossentropy' && activation !== 'softmax') return msg('pairing.needsSoftmax', { loss: lossName });
  if (!ce && (activation === 'sigmoid' || activation === 'softmax')) return msg('pairing.saturates', { activation, loss: lossName });
  if (!ce && activation === 'relu') return msg('pairing.reluOutput');
  return null;
}

/** Width of the output layer: one unit per class for sparse labels, else one per target column. */
export function outputUnits(loss: string, t: TargetInfo, d: Dataset): number {
  if (loss === 'sparse_categorical_crossentropy') return Math.max(2, t.kind === 'binary' ? 2 : t.classes);
  return d.targets;
}

export function layerSpec(units: number, activation: Activation, s: Settings): LayerSpec {
  return {
    units,
    activation,
    use_bias: s.useBias,
    kernel_initializer: s.kernelInitializer,
    bias_initializer: s.biasInitializer,
    l1: s.l1,
    l2: s.l2,
  };
}

export function buildSpec(s: Settings, hidden: HiddenLayer[], d: Dataset): ModelSpec {
  const t = targetInfo(d);
  return {
    input_dim: d.features,
    // Each hidden Dense layer, then the layers of other kinds that follow it (Dropout, ...).
    layers: [
      ...hidden.flatMap((h) => [layerSpec(h.units, h.activation, s), ...((h.after ?? []) as unknown as LayerSpec[])]),
      layerSpec(outputUnits(s.loss, t, d), s.outputActivation, s),
    ],
    loss: s.loss,
    optimizer: optimizerSpec(s),
  };
}

/** Whether two specs describe the same network (the optimizer aside). */
export function sameArchitecture(a: ModelSpec, b: ModelSpec | null): boolean {
  if (!b) return false;
  return JSON.stringify({ ...a, optimizer: null }) === JSON.stringify({ ...b, optimizer: null });
}
