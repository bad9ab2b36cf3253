// The formula of each step as TeX: first in symbols, then with the engine's numbers plugged in
// for one neuron (or one weight), then the result. Every number that comes from the engine is
// written with N(value, path) so that it carries its exact value and its source in the view
// (e.g. layers.0.z.data.3); numbers formed here only to show the arithmetic (a product, 1 - beta)
// carry their value alone. The maths is the core's: activation.hpp, loss.hpp, dense_layer.hpp,
// optimizer.hpp; these functions only write it down.
import type { Activation, Mat } from '../engine/neurostep';
import { at, idx, N, P, path } from './format';
import type { TeachLayer, TeachView } from './types';
import { t } from '../i18n';

/** Words inside a formula (\\text{...}), in the page's language; TeX's special characters escaped. */
const words = (key: string, vars?: Record<string, string | number>) => `\\text{${t(key, vars).replace(/[\\{}$&#^_%~]/g, (c) => `\\${c}`)}}`;

export interface FormulaBlock {
  label: string;
  /** Display-mode TeX, one formula per entry. */
  tex: string[];
  /** A sentence under the formulas. */
  note?: string;
}

export interface StepText {
  title: string;
  /** One plain sentence: what happens in this step. */
  lead: string;
  blocks: FormulaBlock[];
}

/** Which neuron, input and sample the numbers are shown for. */
export interface Focus {
  /** Unit of the step's layer (output unit for the loss). */
  j: number;
  /** Input of the step's layer (a unit of the layer below). */
  i: number;
  /** Sample (column) of the batch. */
  s: number;
}

// ---- notation ---------------------------------------------------------------------------------

const sup = (l: number) => `^{[${l}]}`;
/** The activations of diagram column c (0: the inputs x). */
const aOf = (c: number) => (c === 0 ? 'x' : `a${sup(c)}`);
/** a^{[2]}_3 as TeX: the superscript and the subscript on one symbol. */
const comp = (sym: 'a' | 'z' | 'b' | 'x', c: number, k: number) => (sym === 'x' || c === 0 ? `x_{${k + 1}}` : `${sym}${sup(c)}_{${k + 1}}`);
/** W^{[l+1]}_{j+1, i+1}: the weight from input i to neuron j of layer l (0-based). */
const W = (l: number, j: number, i: number) => `W${sup(l + 1)}_{${j + 1},${i + 1}}`;
/** A partial derivative as ∂L/∂z: as readable as the fraction, half as tall. */
const dfrac = (num: string, den: string) => `\\partial ${num}/\\partial ${den}`;
const dL = (den: string) => dfrac('L', den);
const delta = (l: number, j: number) => `\\delta${sup(l + 1)}_{${j + 1}}`;

/** TeX names of the activations, as functions. */
const FN: Record<Activation, string> = {
  linear: '\\operatorname{linear}',
  relu: '\\operatorname{relu}',
  leaky_relu: '\\operatorname{leaky\\_relu}',
  elu: '\\operatorname{elu}',
  sigmoid: '\\sigma',
  tanh: '\\tanh',
  softplus: '\\operatorname{softplus}',
  softmax: '\\operatorname{softmax}',
};

/** f(z) by definition (activation.hpp). */
export function activationDefinition(f: Activation): string {
  switch (f) {
    case 'linear':
      return 'f(z) = z';
    case 'relu':
      return '\\operatorname{relu}(z) = \\max(0,\\ z)';
    case 'leaky_relu':
      return '\\operatorname{leaky\\_relu}(z) = \\begin{cases} z & z > 0 \\\\ 0.2\\,z & z \\le 0 \\end{cases}';
    case 'elu':
      return '\\operatorname{elu}(z) = \\begin{cases} z & z > 0 \\\\ e^{z} - 1 & z \\le 0 \\end{cases}';
    case 'sigmoid':
      return '\\sigma(z) = \\dfrac{1}{1 + e^{-z}}';
    case 'tanh':
      return '\\tanh(z) = \\dfrac{e^{z} - e^{-z}}{e^{z} + e^{-z}}';
    case 'softplus':
      return '\\operatorname{softplus}(z) = \\ln\\left(1 + e^{z}\\right)';
    case 'softmax':
      return '\\operatorname{softmax}(z)_j = \\dfrac{e^{z_j}}{\\sum_k e^{z_k}}';
  }
}

/** f'(z) by definition (activation.hpp, activation_backward). */
export function derivativeDefinition(f: Activation): string {
  switch (f) {
    case 'linear':
      return "f'(z) = 1";
    case 'relu':
      return "\\operatorname{relu}'(z) = \\begin{cases} 1 & z > 0 \\\\ 0 & z \\le 0 \\end{cases}";
    case 'leaky_relu':
      return "\\operatorname{leaky\\_relu}'(z) = \\begin{cases} 1 & z > 0 \\\\ 0.2 & z \\le 0 \\end{cases}";
    case 'elu':
      return "\\operatorname{elu}'(z) = \\begin{cases} 1 & z > 0 \\\\ e^{z} = a + 1 & z \\le 0 \\end{cases}";
    case 'sigmoid':
      return "\\sigma'(z) = \\sigma(z)\\,\\bigl(1 - \\sigma(z)\\bigr) = a\\,(1 - a)";
    case 'tanh':
      return "\\tanh'(z) = 1 - \\tanh^2(z) = 1 - a^2";
    case 'softplus':
      return "\\operatorname{softplus}'(z) = \\dfrac{1}{1 + e^{-z}} = \\sigma(z)";
    case 'softmax':
      return '\\dfrac{\\partial a_k}{\\partial z_j} = a_k\\,(\\delta_{kj} - a_j)';
  }
}

/** f'(z) for one unit, from z and a = f(z) (softmax has no elementwise derivative: NaN). */
export function derivativeAt(f: Activation, z: number, a: number): number {
  switch (f) {
    case 'linear':
      return 1;
    case 'relu':
      return z > 0 ? 1 : 0;
    case 'leaky_relu':
      return z > 0 ? 1 : 0.2;
    case 'elu':
      return z > 0 ? 1 : a + 1;
    case 'sigmoid':
      return a * (1 - a);
    case 'tanh':
      return 1 - a * a;
    case 'softplus':
      return 1 / (1 + Math.exp(-z));
    case 'softmax':
      return NaN;
  }
}

/** Whether the loss hands dL/dz straight to the output layer (loss.hpp, loss_uses_logits). */
export const combinedOutput = (v: TeachView) => v.loss?.dzFromLogits ?? false;

// ---- helpers ------------------------------------------------------------------------------------

/**
 * A formula over several lines: lhs = rows[0], then each further row under the "=" (rows
 * that go on a sum start with "+" and are indented).
 */
function aligned(lhs: string, rows: string[]): string {
  const line = (r: string, k: number) => (k === 0 ? `&= ${r}` : r.startsWith('+') ? `\\\\ &\\quad ${r}` : `\\\\ &${r}`);
  return `\\begin{aligned} ${lhs} ${rows.map(line).join(' ')} \\end{aligned}`;
}

/** Terms joined by +, `perLine` to a line, the first line starting with "="; more than `max` end in "+ ... (n more)". */
function termLines(terms: string[], perLine = 4, max = 16): string[] {
  const shown = terms.slice(0, max);
  const lines: string[] = [];
  for (let k = 0; k < shown.length; k += perLine) {
    const chunk = shown.slice(k, k + perLine).join(' + ');
    lines.push(k === 0 ? `= ${chunk}` : `+ ${chunk}`);
  }
  if (terms.length > max) lines[lines.length - 1] += ` + \\cdots\\ ${words('teach.tex.more', { count: terms.length - max })}`;
  return lines;
}

function rowVector(m: Mat, col: number, base: string, max = 10): string {
  const n = m.rows;
  const items = [];
  for (let k = 0; k < Math.min(n, max); ++k) items.push(N(at(m, k, col), path(base, idx(m, k, col))));
  if (n > max) items.push('\\cdots');
  return `\\begin{bmatrix} ${items.join(' & ')} \\end{bmatrix}`;
}

/** Row j of a Mat as a TeX row vector with its sources. */
function matrixRow(m: Mat, j: number, base: string, max = 10): string {
  const items = [];
  for (let c = 0; c < Math.min(m.cols, max); ++c) items.push(N(at(m, j, c), path(base, idx(m, j, c))));
  if (m.cols > max) items.push('\\cdots');
  return `\\begin{bmatrix} ${items.join(' & ')} \\end{bmatrix}`;
}

const transposed = (vec: string) => `${vec}^{\\mathsf T}`;

const isOutputLayer = (v: TeachView, l: number) => l === v.layers.length - 1;

/** A block's label, with "(sample s of the batch's B)" when the batch has more than one row. */
function numbersLabel(v: TeachView, s: number, key: string, vars: Record<string, number> = {}): string {
  return v.rows.length > 1 ? t(`${key}Sample`, { ...vars, sample: s + 1, count: v.rows.length }) : t(key, vars);
}

// ---- the steps ----------------------------------------------------------------------------------

export function stepText(v: TeachView, focus: Focus): StepText {
  switch (v.phase.kind) {
    case 'start':
      return startText(v, focus);
    case 'forward':
      return forwardText(v, v.phase.layer!, focus);
    case 'loss':
      return lossText(v, focus);
    case 'backward':
      return backwardText(v, v.phase.layer!, focus);
    case 'update':
      return updateText(v, v.phase.layer!, focus);
  }
}

function startText(v: TeachView, { s }: Focus): StepText {
  const x = v.batch.x, y = v.batch.y;
  const B = v.rows.length;
  return {
    title: B === 1 ? t('teach.start.titleRow', { row: v.rows[0] + 1 }) : t('teach.start.titleBatch', { count: B }),
    lead: B === 1 ? t('teach.start.leadRow', { row: v.rows[0] + 1 }) : t('teach.start.leadBatch', { count: B }),
    blocks: [
      {
        label: t('teach.block.symbols'),
        tex: [`a^{[0]} = x, \\qquad ${words('teach.tex.target')}\\ y`],
      },
      {
        label: numbersLabel(v, s, 'teach.block.numbers'),
        tex: [`x = ${transposed(rowVector(x, s, 'batch.x', 12))}`, `y = ${rowVector(y, s, 'batch.y', 10)}`],
        note: t('teach.start.note'),
      },
    ],
  };
}

function forwardText(v: TeachView, l: number, { j, s }: Focus): StepText {
  const L = v.layers.length;
  const layer = v.layers[l];
  const f = layer.activation;
  const base = `layers.${l}`;
  const aPrev = layer.aPrev!, z = layer.z!, a = layer.a!;
  const n = layer.inputs;
  const terms = [];
  for (let i = 0; i < n; ++i) terms.push(`${P(at(layer.W, j, i), path(`${base}.W`, idx(layer.W, j, i)))} \\cdot ${P(at(aPrev, i, s), path(`${base}.aPrev`, idx(aPrev, i, s)))}`);
  const symbolic = `\\sum_{i} W${sup(l + 1)}_{${j + 1},i}\\, ${l === 0 ? 'x_i' : `a${sup(l)}_i`}${layer.useBias ? ` + ${comp('b', l + 1, j)}` : ''}`;
  const lines = termLines(terms);
  if (layer.useBias) lines[lines.length - 1] += ` + ${P(at(layer.b, j), path(`${base}.b`, j))}`;
  const zj = comp('z', l + 1, j), aj = comp('a', l + 1, j);
  const zv = at(z, j, s), av = at(a, j, s);
  const zN = N(zv, path(`${base}.z`, idx(z, j, s)));
  const aN = N(av, path(`${base}.a`, idx(a, j, s)));
  let activationLine: string;
  switch (f) {
    case 'linear':
      activationLine = `${aj} = ${zj} = ${aN}`;
      break;
    case 'relu':
      activationLine = `${aj} = \\operatorname{relu}(${zj}) = \\max(0,\\ ${N(zv)}) = ${aN}`;
      break;
    case 'sigmoid':
      activationLine = `${aj} = \\sigma(${zj}) = \\dfrac{1}{1 + e^{-${P(zv)}}} = ${aN}`;
      break;
    case 'tanh':
      activationLine = `${aj} = \\tanh(${zj}) = \\tanh(${N(zv)}) = ${aN}`;
      break;
    case 'softmax': {
      const exps = [];
      for (let k = 0; k < Math.min(layer.units, 4); ++k) exps.push(`e^{${N(at(z, k, s))}}`);
      if (layer.units > 4) exps.push('\\cdots');
      activationLine = `${aj} = \\dfrac{e^{${zj}}}{\\sum_k e^{z${sup(l + 1)}_k}} = \\dfrac{e^{${N(zv)}}}{${exps.join(' + ')}} = ${aN}`;
      break;
    }
    default:
      activationLine = `${aj} = ${FN[f]}(${zj}) = ${FN[f]}(${N(zv)}) = ${aN}`;
  }
  const isOutput = l === L - 1;
  // One whole sentence per case: inputs (features or a layer's outputs) x bias x activation.
  const leadKey = `teach.forward.lead.${l === 0 ? 'features' : 'outputs'}.${layer.useBias ? 'bias' : 'noBias'}.${f === 'linear' ? 'linear' : 'activation'}`;
  return {
    title: isOutput ? t('teach.forward.titleOutput') : t('teach.forward.titleHidden', { layer: l + 1 }),
    lead: t(leadKey, { count: layer.units, inputs: n, layer: l, activation: labelOf(f) }),
    blocks: [
      {
        label: t('teach.block.symbols'),
        tex: [
          `z${sup(l + 1)} = W${sup(l + 1)}\\, ${aOf(l)}${layer.useBias ? ` + b${sup(l + 1)}` : ''}, \\qquad a${sup(l + 1)} = f\\bigl(z${sup(l + 1)}\\bigr)${isOutput ? ' = \\hat y' : ''}`,
          activationDefinition(f),
        ],
      },
      {
        label: numbersLabel(v, s, 'teach.block.numbersNeuron', { unit: j + 1 }),
        tex: [aligned(zj, [symbolic, ...lines, `= ${zN}`]), activationLine],
      },
      {
        label: t('teach.block.result'),
        tex: [`a${sup(l + 1)} = ${transposed(rowVector(a, s, `${base}.a`))}`],
        note: isOutput ? t('teach.forward.noteOutput') : t('teach.forward.noteHidden', { count: layer.units, next: l + 2 }),
      },
    ],
  };
}

const ACT_LABEL: Record<Activation, string> = {
  linear: 'linear',
  relu: 'ReLU',
  leaky_relu: 'leaky ReLU',
  elu: 'ELU',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  softplus: 'softplus',
  softmax: 'softmax',
};
export const labelOf = (f: Activation) => ACT_LABEL[f];

function lossText(v: TeachView, { j, s }: Focus): StepText {
  const loss = v.loss!;
  const L = v.layers.length;
  const out = v.layers[L - 1];
  const yhat = out.a!, y = v.batch.y;
  const K = out.units, B = v.rows.length;
  const k = Math.min(j, K - 1);
  const yv = (kk: number) => N(at(y, kk, s), path('batch.y', idx(y, kk, s)));
  const pv = (kk: number) => N(at(yhat, kk, s), path(`layers.${L - 1}.a`, idx(yhat, kk, s)));
  const lossN = N(loss.perSample[s], `loss.perSample.${s}`);
  const blocks: FormulaBlock[] = [];
  let symbols: string, numbers: string;
  // mse and mae are Keras's short names of the same losses.
  const lossKey = loss.loss === 'mse' ? 'mean_squared_error' : loss.loss === 'mae' ? 'mean_absolute_error' : loss.loss;
  const name = t(`teach.loss.name.${lossKey}`), lead = t(`teach.loss.lead.${lossKey}`);
  const meanK = K > 1 ? `\\frac{1}{${K}}\\sum_{k}` : '';
  switch (loss.loss) {
    case 'binary_crossentropy': {
      symbols = `L = -${meanK}\\Bigl[\\, y \\ln \\hat y + (1 - y) \\ln (1 - \\hat y) \\,\\Bigr]`;
      const terms = [];
      for (let kk = 0; kk < Math.min(K, 3); ++kk) terms.push(`\\Bigl[${yv(kk)} \\ln ${N(at(yhat, kk, s))} + (1 - ${N(at(y, kk, s))}) \\ln (1 - ${N(at(yhat, kk, s))})\\Bigr]`);
      numbers = `L = -${K > 1 ? `\\tfrac{1}{${K}}\\bigl(` : ''}${terms.join(' + ')}${K > 3 ? ' + \\cdots' : ''}${K > 1 ? '\\bigr)' : ''} = ${lossN}`;
      break;
    }
    case 'mean_squared_error':
    case 'mse': {
      symbols = `L = \\frac{1}{K}\\sum_{k} (\\hat y_k - y_k)^2`;
      const terms = [];
      for (let kk = 0; kk < Math.min(K, 4); ++kk) terms.push(`(${pv(kk)} - ${yv(kk)})^2`);
      numbers = `L = ${K > 1 ? `\\tfrac{1}{${K}}\\bigl(` : ''}${terms.join(' + ')}${K > 4 ? ' + \\cdots' : ''}${K > 1 ? '\\bigr)' : ''} = ${lossN}`;
      break;
    }
    case 'mean_absolute_error':
    case 'mae': {
      symbols = `L = \\frac{1}{K}\\sum_{k} \\lvert \\hat y_k - y_k \\rvert`;
      const terms = [];
      for (let kk = 0; kk < Math.min(K, 4); ++kk) terms.push(`\\lvert ${pv(kk)} - ${yv(kk)} \\rvert`);
      numbers = `L = ${K > 1 ? `\\tfrac{1}{${K}}\\bigl(` : ''}${terms.join(' + ')}${K > 4 ? ' + \\cdots' : ''}${K > 1 ? '\\bigr)' : ''} = ${lossN}`;
      break;
    }
    case 'categorical_crossentropy': {
      symbols = `L = -\\sum_{k} y_k \\ln \\hat y_k`;
      const terms = [];
      for (let kk = 0; kk < K; ++kk) if (at(y, kk, s) !== 0) terms.push(`${yv(kk)} \\ln ${pv(kk)}`);
      numbers = `L = -\\bigl(${terms.slice(0, 4).join(' + ')}${terms.length > 4 ? ' + \\cdots' : ''}\\bigr) = ${lossN}`;
      break;
    }
    case 'sparse_categorical_crossentropy': {
      const c = at(y, 0, s);
      symbols = `L = -\\ln \\hat y_{c}, \\quad c = ${words('teach.tex.targetClass')}`;
      numbers = `c = ${yv(0)}\\ ${words('teach.tex.outputNumber', { output: c + 1 })}, \\quad L = -\\ln \\hat y_{${c + 1}} = -\\ln ${N(at(yhat, c, s), path(`layers.${L - 1}.a`, idx(yhat, c, s)))} = ${lossN}`;
      break;
    }
  }
  const penalty = v.layers.some((ly) => ly.l1 > 0 || ly.l2 > 0);
  const symbolTex = [symbols];
  if (B > 1 || penalty) {
    symbolTex.push(`L_{\\text{batch}} = \\frac{1}{B} \\sum_{s=1}^{B} L^{(s)}${penalty ? ' + \\sum_{\\ell} \\Bigl(l_1 \\sum \\lvert W^{[\\ell]} \\rvert + l_2 \\sum \\bigl(W^{[\\ell]}\\bigr)^2\\Bigr)' : ''}`);
  }
  blocks.push({ label: t('teach.block.symbols'), tex: symbolTex });
  const numberTex = [numbers];
  if (B > 1 || penalty) {
    const dataMean = loss.perSample.reduce((sum, x) => sum + x, 0) / B;
    numberTex.push(`L_{\\text{batch}} = ${N(dataMean)}${penalty ? ` + ${N(loss.batchLoss - dataMean)}` : ''} = ${N(loss.batchLoss, 'loss.batchLoss')}`);
  }
  blocks.push({ label: numbersLabel(v, s, 'teach.block.numbers'), tex: numberTex, note: loss.dzFromLogits && loss.loss === 'binary_crossentropy' ? t('teach.loss.logitsNote') : undefined });

  // The gradient the loss hands back.
  const outSym = `\\hat y_{${k + 1}}`;
  const dA = loss.dA;
  const dAN = N(at(dA, k, s), path('loss.dA', idx(dA, k, s)));
  const scale = loss.loss.startsWith('categorical') || loss.loss.startsWith('sparse') ? B : K * B;
  const scaleTex = scale === 1 ? '' : `\\frac{1}{${scale === B ? 'B' : 'KB'}}`;
  const scaleNum = scale === 1 ? '' : `\\frac{1}{${scale}}`;
  // Sparse labels hold the class index; the output's target is then 1 for that class, else 0.
  const yk = loss.loss === 'sparse_categorical_crossentropy' ? (at(y, 0, s) === k ? 1 : 0) : at(y, k, s);
  const pk = at(yhat, k, s);
  const grad: string[] = [];
  switch (loss.loss) {
    case 'binary_crossentropy':
      grad.push(`${dL(outSym)} = ${scaleTex}\\,\\frac{\\hat y - y}{\\hat y\\,(1 - \\hat y)} = ${scaleNum}\\frac{${N(pk)} - ${N(yk)}}{${N(pk)}\\,(1 - ${N(pk)})} = ${dAN}`);
      break;
    case 'mean_squared_error':
    case 'mse':
      grad.push(`${dL(outSym)} = ${scale === 1 ? '2' : '\\frac{2}{KB}'}\\,(\\hat y - y) = ${scale === 1 ? '2' : `\\frac{2}{${scale}}`}\\,(${N(pk)} - ${N(yk)}) = ${dAN}`);
      break;
    case 'mean_absolute_error':
    case 'mae':
      grad.push(`${dL(outSym)} = ${scaleTex}\\operatorname{sign}(\\hat y - y) = ${scaleNum}\\operatorname{sign}(${N(pk)} - ${N(yk)}) = ${dAN}`);
      break;
    default:
      grad.push(`${dL(outSym)} = \\frac{1}{B\\,S}\\Bigl(\\sum_k y_k - \\frac{y_{${k + 1}}}{q_{${k + 1}}}\\Bigr),\\quad q = \\hat y / S,\\ S = \\sum_k \\hat y_k \\;\\Rightarrow\\; ${dAN}`);
  }
  let gradNote = t('teach.loss.gradientNote');
  if (loss.dzFromLogits && loss.dZ) {
    const dZN = N(at(loss.dZ, k, s), path('loss.dZ', idx(loss.dZ, k, s)));
    const zk = `z${sup(L)}_{${k + 1}}`;
    if (loss.loss === 'binary_crossentropy') {
      grad.push(`${dL(zk)} = ${dL('\\hat y')}\\,\\sigma'(z) = \\frac{\\hat y - y}{\\hat y(1 - \\hat y)}\\cdot \\hat y(1 - \\hat y) = ${scaleTex}(\\hat y - y) = ${scaleNum}(${N(pk)} - ${N(yk)}) = ${dZN}`);
      gradNote = t('teach.loss.sigmoidNote');
    } else {
      grad.push(`${dL(zk)} = ${scaleTex}(\\hat y - y) = ${scaleNum}(${N(pk)} - ${N(yk)}) = ${dZN}`);
      gradNote = t('teach.loss.softmaxNote');
    }
  }
  blocks.push({ label: K > 1 ? t('teach.block.gradientOutput', { output: k + 1 }) : t('teach.block.gradient'), tex: grad, note: gradNote });
  return {
    title: t('teach.loss.title', { name }),
    lead,
    blocks,
  };
}

function backwardText(v: TeachView, l: number, { j, i, s }: Focus): StepText {
  const L = v.layers.length;
  const layer = v.layers[l];
  const f = layer.activation;
  const base = `layers.${l}`;
  const isOutput = l === L - 1;
  const combined = isOutput && combinedOutput(v);
  const B = v.rows.length;
  const dA = layer.dA!, dZ = layer.dZ!, z = layer.z!, a = layer.a!, aPrev = layer.aPrev!;
  const dW = layer.dW!, db = layer.db!, dAPrev = layer.dAPrev!;
  const h = l + 1;
  const zSym = `z${sup(h)}`, aSym = `a${sup(h)}`, prev = aOf(l);

  // Symbols
  const symbols: string[] = [];
  symbols.push(
    isOutput
      ? `${dL(aSym)} = ${dL('\\hat y')} \\quad ${words('teach.tex.fromLoss')}`
      : `${dL(aSym)} = \\bigl(W${sup(h + 1)}\\bigr)^{\\mathsf T} \\delta${sup(h + 1)} \\quad ${words('teach.tex.fromLayer', { layer: h + 1 })}`,
  );
  if (combined) symbols.push(`\\delta${sup(h)} = ${dL(zSym)} = ${v.loss!.loss === 'binary_crossentropy' && layer.units > 1 ? '\\frac{1}{KB}' : '\\frac{1}{B}'}(\\hat y - y) \\quad ${words('teach.tex.fromLossCombined', { activation: labelOf(f) })}`);
  else if (f === 'softmax') symbols.push(`\\delta${sup(h)}_j = ${dL(`${zSym}_j`)} = a_j \\Bigl(${dL('a_j')} - \\sum_k ${dL('a_k')}\\, a_k\\Bigr)`);
  else symbols.push(`\\delta${sup(h)} = ${dL(zSym)} = ${dL(aSym)} \\odot f'\\bigl(${zSym}\\bigr), \\qquad ${derivativeDefinition(f)}`);
  const reg = `${layer.l1 > 0 ? ` + l_1 \\operatorname{sign}\\bigl(W${sup(h)}\\bigr)` : ''}${layer.l2 > 0 ? ` + 2\\, l_2\\, W${sup(h)}` : ''}`;
  symbols.push(`${dL(`W${sup(h)}`)} = \\delta${sup(h)} \\bigl(${prev}\\bigr)^{\\mathsf T}${reg}${layer.useBias ? `, \\qquad ${dL(`b${sup(h)}`)} = \\delta${sup(h)}` : ''}`);
  symbols.push(`${dL(prev)} = \\bigl(W${sup(h)}\\bigr)^{\\mathsf T} \\delta${sup(h)}`);

  // Numbers for neuron j
  const numbers: string[] = [];
  const dAN = N(at(dA, j, s), path(`${base}.dA`, idx(dA, j, s)));
  const dZN = N(at(dZ, j, s), path(`${base}.dZ`, idx(dZ, j, s)));
  if (!isOutput) {
    const above = v.layers[l + 1];
    const terms = [];
    for (let k = 0; k < above.units; ++k) terms.push(`${P(at(above.W, k, j), path(`layers.${l + 1}.W`, idx(above.W, k, j)))} \\cdot ${P(at(above.dZ!, k, s), path(`layers.${l + 1}.dZ`, idx(above.dZ!, k, s)))}`);
    numbers.push(aligned(dL(comp('a', h, j)), [`\\sum_k W${sup(h + 1)}_{k,${j + 1}}\\, \\delta${sup(h + 1)}_k`, ...termLines(terms), `= ${dAN}`]));
  } else {
    numbers.push(`${dL(comp('a', h, j))} = ${dAN} \\quad ${words(combined ? 'teach.tex.fromLossNotNeeded' : 'teach.tex.fromLoss')}`);
  }
  const zv = at(z, j, s), av = at(a, j, s);
  if (combined) {
    const yv = at(v.batch.y, v.loss!.loss === 'sparse_categorical_crossentropy' ? 0 : j, s);
    const target = v.loss!.loss === 'sparse_categorical_crossentropy' ? (yv === j ? 1 : 0) : yv;
    const scale = v.loss!.loss === 'binary_crossentropy' ? layer.units * B : B;
    numbers.push(`${delta(l, j)} = ${scale === 1 ? '' : `\\frac{1}{${scale}}`}(\\hat y_{${j + 1}} - y_{${j + 1}}) = ${scale === 1 ? '' : `\\frac{1}{${scale}}`}(${N(av)} - ${N(target)}) = ${dZN}`);
  } else if (f === 'softmax') {
    numbers.push(`${delta(l, j)} = ${N(av)}\\,\\bigl(${N(at(dA, j, s))} - \\textstyle\\sum_k ${dL('a_k')} a_k\\bigr) = ${dZN}`);
  } else {
    const d = derivativeAt(f, zv, av);
    const why = f === 'relu' || f === 'leaky_relu' ? `\\quad ${words('teach.tex.because')}\\ ${comp('z', h, j)} = ${N(zv, path(`${base}.z`, idx(z, j, s)))} ${zv > 0 ? '> 0' : '\\le 0'}` : '';
    numbers.push(`${delta(l, j)} = ${dL(comp('a', h, j))} \\cdot f'\\bigl(${comp('z', h, j)}\\bigr) = ${P(at(dA, j, s))} \\cdot ${P(d)} = ${dZN}`);
    if (why) numbers.push(`f'\\bigl(${comp('z', h, j)}\\bigr) = ${N(d)}${why}`);
  }
  // In braces, so that a sample's superscript can follow: {a^{[1]}_2}^{(s)}.
  const prevComp = l === 0 ? `{x_{${i + 1}}}` : `{a${sup(l)}_{${i + 1}}}`;
  const dWN = N(at(dW, j, i), path(`${base}.dW`, idx(dW, j, i)));
  // dL/dW_ji = sum over the batch of delta_j a_i, plus the regularisation terms.
  const dWrows: string[] = [];
  if (B === 1) {
    dWrows.push(`${delta(l, j)}\\, ${prevComp}`, `= ${P(at(dZ, j, 0), path(`${base}.dZ`, idx(dZ, j, 0)))} \\cdot ${P(at(aPrev, i, 0), path(`${base}.aPrev`, idx(aPrev, i, 0)))}`);
  } else {
    const terms = [];
    for (let t = 0; t < Math.min(B, 3); ++t) terms.push(`${P(at(dZ, j, t), path(`${base}.dZ`, idx(dZ, j, t)))} \\cdot ${P(at(aPrev, i, t), path(`${base}.aPrev`, idx(aPrev, i, t)))}`);
    dWrows.push(`\\sum_{s} \\delta^{(s)}_{${j + 1}}\\, ${prevComp}^{(s)}`, `= ${terms.join(' + ')}${B > 3 ? ` + \\cdots\\ ${words('teach.tex.samples', { count: B })}` : ''}`);
  }
  const w = at(layer.W, j, i);
  const penalty: string[] = [];
  if (layer.l1 > 0) penalty.push(`${N(layer.l1)} \\operatorname{sign}(${N(w)})`);
  if (layer.l2 > 0) penalty.push(`2 \\cdot ${N(layer.l2)} \\cdot ${P(w)}`);
  if (penalty.length) dWrows.push(`+ ${penalty.join(' + ')}`);
  dWrows.push(`= ${dWN}`);
  // One line when it is short (one sample, no regularisation), lines under the "=" otherwise.
  numbers.push(dWrows.length === 3 ? `${dL(W(l, j, i))} = ${dWrows.join(' ')}` : aligned(dL(W(l, j, i)), dWrows));
  if (layer.useBias) numbers.push(`${dL(comp('b', h, j))} = ${B === 1 ? delta(l, j) : `\\sum_s \\delta^{(s)}_{${j + 1}}`} = ${N(at(db, j), path(`${base}.db`, j))}`);
  const down = [];
  for (let k = 0; k < layer.units; ++k) down.push(`${P(at(layer.W, k, i), path(`${base}.W`, idx(layer.W, k, i)))} \\cdot ${P(at(dZ, k, s), path(`${base}.dZ`, idx(dZ, k, s)))}`);
  const downLines = termLines(down);
  numbers.push(aligned(dL(prevComp), [`\\sum_j W${sup(h)}_{j,${i + 1}}\\, \\delta${sup(h)}_j`, ...downLines, `= ${N(at(dAPrev, i, s), path(`${base}.dAPrev`, idx(dAPrev, i, s)))}`]));

  return {
    title: isOutput ? t('teach.backward.titleOutput') : t('teach.backward.titleHidden', { layer: l + 1 }),
    lead: isOutput ? t('teach.backward.leadOutput') : t('teach.backward.leadHidden', { from: h + 1 }),
    blocks: [
      { label: t('teach.block.symbols'), tex: symbols },
      {
        label: numbersLabel(v, s, 'teach.block.numbersWeight', { unit: j + 1, input: i + 1 }),
        tex: numbers,
        note: l === 0 ? t('teach.backward.noteFirst') : t('teach.backward.noteLayer', { layer: l }),
      },
      {
        label: t('teach.block.result'),
        tex: [`${dL(zSym)} = ${transposed(rowVector(dZ, s, `${base}.dZ`))}`],
        note: t('teach.backward.resultNote'),
      },
    ],
  };
}

/** Hyperparameter paths in the view's spec. */
const HP = (k: string) => `spec.optimizer.${k}`;

function updateText(v: TeachView, l: number, { j, i }: Focus): StepText {
  const layer = v.layers[l];
  const before = v.before!;
  const base = `layers.${l}`;
  const opt = v.spec.optimizer;
  const h = l + 1;
  const wSym = W(l, j, i);
  const g = at(layer.dW!, j, i);
  const gN = (x = g) => P(x, path(`${base}.dW`, idx(layer.dW!, j, i)));
  const wOld = N(at(before.W, j, i), path('before.W', idx(before.W, j, i)));
  const wNew = N(at(layer.W, j, i), path(`${base}.W`, idx(layer.W, j, i)));
  const eta = N(opt.learning_rate, HP('learning_rate'));
  const slot = (name: string, which: 'old' | 'new', param: 'W' | 'b' = 'W', k = idx(layer.W, j, i)) => {
    const src = which === 'old' ? before.slots[name][param] : layer.slots[name][param];
    return N(src.data[k], path(`${which === 'old' ? 'before' : base}.slots.${name}.${param}`, k));
  };
  const symbols: string[] = [];
  const numbers: string[] = [];
  let name: string;
  let lead: string;
  let adamNote: string | undefined;
  let numbersNote: string | undefined;
  const bias = layer.useBias;
  const gb = bias ? at(layer.db!, j) : 0;
  const bOld = N(at(before.b, j), path('before.b', j));
  const bNew = N(at(layer.b, j), path(`${base}.b`, j));
  const gbN = P(gb, path(`${base}.db`, j));
  const step = layer.stepScalars!.t;
  switch (opt.name) {
    case 'sgd': {
      const mom = opt.momentum ?? 0;
      name = 'SGD';
      if (mom > 0) {
        lead = t('teach.update.lead.momentum');
        symbols.push(`m \\leftarrow \\mu\\, m - \\eta\\, ${dL('w')}`);
        symbols.push(opt.nesterov ? `w \\leftarrow w + \\mu\\, m - \\eta\\, ${dL('w')} \\quad \\text{(Nesterov)}` : 'w \\leftarrow w + m');
        numbers.push(`m \\leftarrow ${N(mom, HP('momentum'))} \\cdot ${slot('momentum', 'old')} - ${eta} \\cdot ${gN()} = ${slot('momentum', 'new')}`);
        numbers.push(
          opt.nesterov
            ? `${wSym} \\leftarrow ${wOld} + ${N(mom)} \\cdot ${P(slotValue(layer, 'momentum', j, i))} - ${eta} \\cdot ${gN()} = ${wNew}`
            : `${wSym} \\leftarrow ${wOld} + ${P(slotValue(layer, 'momentum', j, i))} = ${wNew}`,
        );
      } else {
        lead = t('teach.update.lead.sgd');
        symbols.push(`w_{\\text{new}} = w_{\\text{old}} - \\eta\\, ${dL('w')}`);
        numbers.push(`${wSym} \\leftarrow ${wOld} - ${eta} \\cdot ${gN()} = ${wNew}`);
        if (bias) numbers.push(`b${sup(h)}_{${j + 1}} \\leftarrow ${bOld} - ${N(opt.learning_rate)} \\cdot ${gbN} = ${bNew}`);
      }
      break;
    }
    case 'adam': {
      name = 'Adam';
      adamNote = t('teach.update.adamNote');
      const b1 = opt.beta_1 ?? 0.9, b2 = opt.beta_2 ?? 0.999, eps = opt.epsilon ?? 1e-7;
      const ams = opt.amsgrad ?? false;
      lead = t('teach.update.lead.adam');
      const alpha = layer.stepScalars!.alpha;
      const alphaN = N(alpha, `${base}.stepScalars.alpha`);
      symbols.push(`t = ${N(step, `${base}.stepScalars.t`)}, \\qquad \\alpha = \\eta\\, \\frac{\\sqrt{1 - \\beta_2^{\\,t}}}{1 - \\beta_1^{\\,t}}`);
      symbols.push(`m \\leftarrow m + (1 - \\beta_1)(g - m), \\qquad v \\leftarrow v + (1 - \\beta_2)(g^2 - v), \\qquad g = ${dL('w')}`);
      if (ams) symbols.push('\\hat v \\leftarrow \\max(\\hat v, v)');
      symbols.push(`w \\leftarrow w - \\alpha\\, \\frac{m}{\\sqrt{${ams ? '\\hat v' : 'v'}} + \\varepsilon}`);
      const k = idx(layer.W, j, i);
      const mOld = before.slots.m.W.data[k], vOld = before.slots.v.W.data[k];
      const mNew = layer.slots.m.W.data[k], vNew = (ams ? layer.slots.v_hat : layer.slots.v).W.data[k];
      numbers.push(`\\alpha = ${eta} \\cdot \\frac{\\sqrt{1 - ${N(b2, HP('beta_2'))}^{${step}}}}{1 - ${N(b1, HP('beta_1'))}^{${step}}} = ${alphaN}`);
      numbers.push(`m \\leftarrow ${slot('m', 'old')} + ${N(1 - b1)} \\cdot \\bigl(${gN()} - ${P(mOld)}\\bigr) = ${slot('m', 'new')}`);
      numbers.push(`v \\leftarrow ${slot('v', 'old')} + ${N(1 - b2)} \\cdot \\bigl(${P(g)}^2 - ${P(vOld)}\\bigr) = ${slot('v', 'new')}`);
      if (ams) numbers.push(`\\hat v \\leftarrow \\max\\bigl(${slot('v_hat', 'old')},\\ ${N(layer.slots.v.W.data[k])}\\bigr) = ${slot('v_hat', 'new')}`);
      numbers.push(`${wSym} \\leftarrow ${wOld} - ${N(alpha)} \\cdot \\frac{${N(mNew)}}{\\sqrt{${N(vNew)}} + ${N(eps, HP('epsilon'))}} = ${wNew}`);
      if (step === 1)
        numbersNote = t('teach.update.adamFirstStep', { rate: opt.learning_rate });
      if (bias) {
        const kb = j;
        const mb = layer.slots.m.b.data[kb], vb = (ams ? layer.slots.v_hat : layer.slots.v).b.data[kb];
        numbers.push(`b${sup(h)}_{${j + 1}} \\leftarrow ${bOld} - ${N(alpha)} \\cdot \\frac{${N(mb, path(`${base}.slots.m.b`, kb))}}{\\sqrt{${N(vb, path(`${base}.slots.${ams ? 'v_hat' : 'v'}.b`, kb))}} + ${N(eps)}} = ${bNew}`);
      }
      break;
    }
    case 'rmsprop': {
      name = 'RMSprop';
      const rho = opt.rho ?? 0.9, eps = opt.epsilon ?? 1e-7, mom = opt.momentum ?? 0;
      lead = t('teach.update.lead.rmsprop');
      symbols.push(`v \\leftarrow \\rho\\, v + (1 - \\rho)\\, g^2, \\qquad g = ${dL('w')}`);
      const k = idx(layer.W, j, i);
      const vNew = layer.slots.velocity.W.data[k];
      numbers.push(`v \\leftarrow ${N(rho, HP('rho'))} \\cdot ${slot('velocity', 'old')} + ${N(1 - rho)} \\cdot ${gN()}^2 = ${slot('velocity', 'new')}`);
      if (mom > 0) {
        symbols.push(`\\mu_w \\leftarrow \\mu\\, \\mu_w + \\eta\\, \\frac{g}{\\sqrt{v + \\varepsilon}}, \\qquad w \\leftarrow w - \\mu_w`);
        numbers.push(`\\mu_w \\leftarrow ${N(mom, HP('momentum'))} \\cdot ${slot('momentum', 'old')} + ${eta} \\cdot \\frac{${N(g)}}{\\sqrt{${N(vNew)} + ${N(eps, HP('epsilon'))}}} = ${slot('momentum', 'new')}`);
        numbers.push(`${wSym} \\leftarrow ${wOld} - ${P(layer.slots.momentum.W.data[k])} = ${wNew}`);
      } else {
        symbols.push(`w \\leftarrow w - \\eta\\, \\frac{g}{\\sqrt{v + \\varepsilon}}`);
        numbers.push(`${wSym} \\leftarrow ${wOld} - ${eta} \\cdot \\frac{${N(g)}}{\\sqrt{${N(vNew)} + ${N(eps, HP('epsilon'))}}} = ${wNew}`);
        if (bias) numbers.push(`b${sup(h)}_{${j + 1}} \\leftarrow ${bOld} - ${N(opt.learning_rate)} \\cdot \\frac{${N(gb)}}{\\sqrt{${N(layer.slots.velocity.b.data[j], path(`${base}.slots.velocity.b`, j))} + ${N(eps)}}} = ${bNew}`);
      }
      break;
    }
    case 'adagrad': {
      name = 'Adagrad';
      const eps = opt.epsilon ?? 1e-7;
      lead = t('teach.update.lead.adagrad');
      symbols.push(`A \\leftarrow A + g^2, \\qquad w \\leftarrow w - \\eta\\, \\frac{g}{\\sqrt{A + \\varepsilon}}, \\qquad g = ${dL('w')}`);
      const k = idx(layer.W, j, i);
      numbers.push(`A \\leftarrow ${slot('accumulator', 'old')} + ${gN()}^2 = ${slot('accumulator', 'new')}`);
      numbers.push(`${wSym} \\leftarrow ${wOld} - ${eta} \\cdot \\frac{${N(g)}}{\\sqrt{${N(layer.slots.accumulator.W.data[k])} + ${N(eps, HP('epsilon'))}}} = ${wNew}`);
      if (bias) numbers.push(`b${sup(h)}_{${j + 1}} \\leftarrow ${bOld} - ${N(opt.learning_rate)} \\cdot \\frac{${N(gb)}}{\\sqrt{${N(layer.slots.accumulator.b.data[j], path(`${base}.slots.accumulator.b`, j))} + ${N(eps)}}} = ${bNew}`);
      break;
    }
  }
  const dw = at(layer.deltaW!, j, i);
  numbers.push(`\\Delta ${wSym} = w_{\\text{new}} - w_{\\text{old}} = ${N(dw, path(`${base}.deltaW`, idx(layer.deltaW!, j, i)))}`);
  return {
    title: isOutputLayer(v, l) ? t('teach.update.titleOutput', { optimizer: name! }) : t('teach.update.titleHidden', { layer: l + 1, optimizer: name! }),
    lead: lead!,
    blocks: [
      { label: t('teach.block.symbols'), tex: symbols, note: adamNote },
      { label: t(bias ? 'teach.block.numbersUpdateBias' : 'teach.block.numbersUpdate', { input: i + 1, unit: j + 1 }), tex: numbers, note: numbersNote },
      {
        label: t('teach.block.result'),
        tex: [`W${sup(h)}_{${j + 1},:} = ${matrixRow(layer.W, j, `${base}.W`)}${bias ? `, \\quad b${sup(h)}_{${j + 1}} = ${N(at(layer.b, j), path(`${base}.b`, j))}` : ''}`],
        note:
          l === v.layers.length - 1
            ? t('teach.update.noteLast')
            : t('teach.update.noteNext', { unit: j + 1, next: h + 1 }),
      },
    ],
  };
}

function slotValue(layer: TeachLayer, name: string, j: number, i: number): number {
  return layer.slots[name].W.data[idx(layer.W, j, i)];
}
