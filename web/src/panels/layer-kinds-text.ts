// Every page string about the layers beyond Dense (Dropout, BatchNormalization, Activation, ...),
// in one place so that they can move to the i18n catalogues together. Whole sentences or whole
// labels; numbers are arguments, never pieces of a sentence glued together.
import type { ExtraLayer } from '../lib/layer-kinds';
import { classNameOf } from '../lib/layer-kinds';

const num = (x: unknown) => (typeof x === 'number' ? String(x) : String(x ?? ''));

/** The short label of a band in the diagram, e.g. "Dropout 0.5" (Keras's class name and its main argument). */
export function bandLabel(l: ExtraLayer): string {
  const c = l as unknown as Record<string, unknown>;
  switch (classNameOf(l)) {
    case 'Dropout':
      return `Dropout ${num(c.rate)}`;
    case 'BatchNormalization':
      return 'BatchNorm';
    case 'LayerNormalization':
      return 'LayerNorm';
    case 'Activation':
      return `${num(c.activation)}`;
    case 'LeakyReLU':
      return `LeakyReLU ${num(c.negative_slope)}`;
    case 'ELU':
      return `ELU ${num(c.alpha)}`;
    default:
      return classNameOf(l);
  }
}

/** The band's tooltip: the layer's class and every argument the engine holds. */
export function bandTitle(l: ExtraLayer, position: number): string {
  const { kind: _kind, name, ...args } = l as unknown as Record<string, unknown>;
  const list = Object.entries(args).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');
  const label = name ? `Layer ${position} ("${String(name)}"): ${classNameOf(l)}(${list})` : `Layer ${position}: ${classNameOf(l)}(${list})`;
  return label;
}

/** How a loaded model's layer reads in the model summary ("8 inputs → 12 gelu → Dropout 0.3 → ..."). */
export const summaryLabel = bandLabel;

export const TEXT = {
  extraBeforeFirst: 'Its first layer is not Dense; the page’s controls start from a Dense layer, so the network is shown as the model has it, and changing the network rebuilds it from the controls.',
  extraAfterOutput: 'It has layers after its last Dense layer; the page’s controls end with the Dense output layer, so the network is shown as the model has it, and changing the network rebuilds it from the controls.',
  teachStart: 'The step starts from the batch: its features x go into the first layer, its targets y wait for the loss. Next sends x through layer 1.',
  teachLoss: 'The loss compares the output with the targets; its gradient dL/da of the output starts the backward pass.',
  teachMixedModel: 'This model has layers beyond Dense: each step shows the layer it runs on and the numbers the engine computed there.',
  teachLayerIntro: 'Below are the numbers the engine computed on this layer in this step, by the names of its derivation.',
  teachLayerForward: 'Forward pass: what the layer received and what it gave the next layer.',
  teachLayerBackward: 'Backward pass: the gradient from above, and the gradient it passes down.',
  teachLayerUpdate: 'Update: how the optimizer changed this layer’s trained weights.',
  teachLayerNoUpdate: 'This layer has no trained weights: the update leaves it as it is.',
  dropoutForward: 'Dropout in training: each value is kept (mask 1) or dropped (mask 0) at random, and the kept ones are scaled up so that the mean stays the same: a = mask ⊙ a_prev / (1 − rate).',
  dropoutBackward: 'Dropout backward: the same mask and scale, dA_prev = mask ⊙ dA / (1 − rate).',
  batchNormForward: 'BatchNormalization in training: each feature (a row of the tables below) is centred on its mean over the batch, divided by √(variance + ε), then scaled by γ and shifted by β; the moving mean and variance move towards the batch’s by (1 − momentum).',
  batchNormBackward: 'BatchNormalization backward: dγ = Σ dA ⊙ x̂, dβ = Σ dA, and dA_prev = (γ / σ)(dA − mean(dA) − x̂ · mean(dA ⊙ x̂)).',
  layerNormForward: 'LayerNormalization: each sample (row) is centred on its own mean and divided by √(variance + ε), then scaled by γ and shifted by β.',
  activationForward: 'An activation layer applies f to each value: a = f(a_prev).',
  activationBackward: 'Backward through f: dA_prev = f′(a_prev) ⊙ dA.',
} as const;

/** The heading of a Teach-mode step on a layer that is not Dense. */
export function teachLayerHeading(position: number, className: string, name: string): string {
  return name ? `Layer ${position}: ${className} ("${name}")` : `Layer ${position}: ${className}`;
}

/** The caption of one matrix of the engine's in a Teach-mode step: its name and shape. */
export function teachValueCaption(key: string, rows: number, cols: number): string {
  return cols === 1 ? `${key} (${rows} × 1, shown as a row)` : `${key} (${rows} × ${cols})`;
}

/** The batch's loss in a Teach-mode step. */
export function teachLossValue(loss: number): string {
  return `The loss of this batch is ${String(loss)}.`;
}

/** The network builder's words for the layers it inserts (settings.ts, state/extra-layers.ts, ExtraLayersEditor.tsx). */
export const EXTRA_TEXT = {
  rateLabel: 'Dropout rate',
  rateHelp: 'The share of values Dropout sets to 0 in each training step (none at inference); the kept ones are scaled by 1/(1 − rate).',
  momentumLabel: 'Momentum',
  momentumHelp: 'How slowly BatchNormalization’s moving mean and variance follow each batch’s: moving = momentum · moving + (1 − momentum) · batch.',
  heading: 'Between layers',
  insertLabel: 'Insert a layer',
  insertPlaceholder: 'Insert a layer…',
  insertHelp: 'Puts a Dropout or BatchNormalization layer after a hidden layer, before the next Dense layer.',
  chipName: (kind: string) => (kind === 'Dropout' ? 'Dropout rate' : kind === 'BatchNormalization' ? 'BatchNorm momentum' : kind),
  chipWhere: (hidden: number) => `after layer ${hidden}`,
  insertOption: (kind: string, hidden: number) => (kind === 'Dropout' ? `Dropout after hidden layer ${hidden}` : `BatchNormalization after hidden layer ${hidden}`),
  chipTitle: (kind: string, hidden: number) => (kind === 'Dropout' ? `Dropout after hidden layer ${hidden}` : kind === 'BatchNormalization' ? `BatchNormalization after hidden layer ${hidden}` : `${kind} after hidden layer ${hidden}`),
  removeLabel: (kind: string, hidden: number) => `Remove the ${kind} layer after hidden layer ${hidden}`,
  argLabel: (kind: string, hidden: number) => (kind === 'Dropout' ? `Dropout rate after hidden layer ${hidden}` : `BatchNormalization momentum after hidden layer ${hidden}`),
  urlTooMany: (items: number, hidden: number) => `x= lists layers after ${items} hidden layers, but the network has ${hidden}; the extra ones are ignored`,
  urlUnknownKind: (token: string, hidden: number) => `x= (hidden layer ${hidden}): “${token}” is not a layer this page knows; ignored`,
  urlBadValue: (token: string, hidden: number, error: string) => `x= (hidden layer ${hidden}): “${token}”: ${error}; that layer is left out`,
} as const;

/** The activation explorer's words (ActivationExplorer.tsx). */
export const EXPLORER_TEXT = {
  title: 'Activation explorer',
  activation: 'Activation',
  from: 'z from',
  to: 'to',
  badRange: 'The range must be two numbers, the first smaller than the second.',
  fLegend: 'f(z)',
  dfLegend: 'f′(z)',
  hoverHint: 'Hover the plot to read f(z) and f′(z) at a point.',
  plotLabel: (name: string) => `The activation ${name}, f(z) and its derivative f′(z), as the engine computes them.`,
  values: (z: string, f: string, df: string) => `At z = ${z}: f(z) = ${f} and f′(z) = ${df}.`,
} as const;
