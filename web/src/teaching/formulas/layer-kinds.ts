// The layers beyond Dense in TeX (cpp/core/layers/): each kind's rule for the phase on screen,
// then the same rule for one value of the batch (feature 1 of sample 1) with the numbers the
// engine computed (trainer.teachingStep's values and params; nothing is computed here). The
// derivations are beside each backward rule in the C++ sources; these are their results.
import type { AnyLayerView } from '../../engine/layers';
import type { Mat } from '../../engine/neurostep';
import { at, idx, N, P, path } from '../../lib/number-format';
import { activationDefinition, derivativeDefinition, FN } from './activation';

export interface KindFormulas {
  /** The rule for every value (display TeX, one formula per entry). */
  rule: string[];
  /** The rule for feature 1 of sample 1, with the engine's numbers (empty: no such value). */
  worked: string[];
}

type Phase = 'forward' | 'backward' | 'update';
type Config = Record<string, unknown>;

/** The TeX of a layer of another kind than Dense in `phase`, or null when the phase has none. */
export function kindFormulas(layer: AnyLayerView, l: number, phase: Phase): KindFormulas | null {
  const v = new Values(layer, l);
  const c = layer.config as unknown as Config;
  switch (layer.className) {
    case 'Dropout':
      return dropout(v, Number(c.rate), phase);
    case 'BatchNormalization':
      return normalisation(v, phase, 'batch');
    case 'LayerNormalization':
      return normalisation(v, phase, 'sample');
    case 'PReLU':
      return prelu(v, phase);
    case 'Flatten':
      return phase === 'forward' ? { rule: ['a = \\operatorname{flatten}(a^{\\text{prev}})'], worked: [] } : null;
    case 'Activation':
    case 'ReLU':
    case 'LeakyReLU':
    case 'ELU':
    case 'Softmax':
      return activation(v, layer.className, c, phase);
    default:
      return null;
  }
}

/** The engine's values of one layer, each number carrying its exact value and its path. */
class Values {
  constructor(
    private readonly layer: AnyLayerView,
    private readonly l: number,
  ) {}

  has(key: string): boolean {
    return Boolean(this.layer.values[key]);
  }

  /** values[key] at (row, col), as TeX with its source. */
  n(key: string, row = 0, col = 0, paren = false): string {
    const m = this.layer.values[key];
    const k = idx(m, row, col);
    return (paren ? P : N)(at(m, row, col), path(`layers.${this.l}.values.${key}`, k));
  }

  /** A per-sample statistic (LayerNormalization's mean, one per sample) of sample s. */
  perSample(key: string, s = 0, paren = false): string {
    const m = this.layer.values[key];
    return m.rows === 1 ? this.n(key, 0, s, paren) : this.n(key, s, 0, paren);
  }

  /** Parameter `name` (gamma, beta, alpha, ...) of unit j, or null without it. */
  param(name: string, j = 0, paren = false): string | null {
    const k = this.layer.params.findIndex((p) => p.name === name);
    if (k < 0) return null;
    const m: Mat = this.layer.params[k].value;
    return (paren ? P : N)(at(m, j, 0), path(`layers.${this.l}.params.${k}.value`, idx(m, j, 0)));
  }
}

function dropout(v: Values, rate: number, phase: Phase): KindFormulas | null {
  const keep = `1 - ${N(rate)}`;
  if (phase === 'forward')
    return {
      rule: ['a_{j,s} = \\dfrac{m_{j,s}\\; a^{\\text{prev}}_{j,s}}{1 - \\text{rate}},\\qquad m_{j,s} \\in \\{0, 1\\},\\ P(m_{j,s} = 1) = 1 - \\text{rate}'],
      worked: v.has('mask') ? [`a_{1,1} = \\dfrac{${v.n('mask')} \\cdot ${v.n('a_prev', 0, 0, true)}}{${keep}} = ${v.n('a')}`] : [],
    };
  if (phase === 'backward')
    return {
      rule: ['\\dfrac{\\partial L}{\\partial a^{\\text{prev}}_{j,s}} = \\dfrac{m_{j,s}}{1 - \\text{rate}}\\; \\dfrac{\\partial L}{\\partial a_{j,s}}'],
      worked: v.has('dA_prev') && v.has('mask') ? [`\\dfrac{\\partial L}{\\partial a^{\\text{prev}}_{1,1}} = \\dfrac{${v.n('mask')}}{${keep}} \\cdot ${v.n('dA', 0, 0, true)} = ${v.n('dA_prev')}`] : [],
    };
  return null;
}

/**
 * BatchNormalization (statistics of each feature over the batch: `over` = 'batch') and
 * LayerNormalization (of each sample over its features: 'sample'): the same rules on the
 * other axis. B is the number of values a statistic is taken over.
 */
function normalisation(v: Values, phase: Phase, over: 'batch' | 'sample'): KindFormulas | null {
  const batch = over === 'batch';
  const mu = batch ? '\\mu_j' : '\\mu_s', var2 = batch ? '\\sigma^2_j' : '\\sigma^2_s';
  const sumOver = batch ? '\\sum_{s=1}^{B}' : '\\sum_{j=1}^{n}', count = batch ? 'B' : 'n';
  const mean1 = batch ? v.n('batch_mean') : v.perSample('mean');
  const meanP = batch ? v.n('batch_mean', 0, 0, true) : v.perSample('mean', 0, true);
  const var1 = batch ? v.n('batch_variance') : v.perSample('variance');
  const inv1 = batch ? v.n('inv_std') : v.perSample('inv_std');
  const gamma = v.param('gamma'), beta = v.param('beta', 0, true);
  if (phase === 'forward') {
    const rule = [
      `${mu} = \\frac{1}{${count}} ${sumOver} a^{\\text{prev}}_{j,s},\\qquad ${var2} = \\frac{1}{${count}} ${sumOver} \\bigl(a^{\\text{prev}}_{j,s} - ${mu}\\bigr)^2`,
      `\\hat{x}_{j,s} = \\dfrac{a^{\\text{prev}}_{j,s} - ${mu}}{\\sqrt{${var2} + \\varepsilon}},\\qquad a_{j,s} = \\gamma_j\\, \\hat{x}_{j,s} + \\beta_j`,
    ];
    if (batch)
      rule.push(
        '\\mu^{\\text{moving}}_j \\leftarrow \\text{momentum}\\cdot\\mu^{\\text{moving}}_j + (1 - \\text{momentum})\\,\\mu_j,\\qquad \\sigma^{2,\\text{moving}}_j \\leftarrow \\text{momentum}\\cdot\\sigma^{2,\\text{moving}}_j + (1 - \\text{momentum})\\,\\sigma^2_j',
      );
    return {
      rule,
      worked: [
        `\\mu_1 = ${mean1},\\quad \\sigma^2_1 = ${var1},\\quad \\dfrac{1}{\\sqrt{\\sigma^2_1 + \\varepsilon}} = ${inv1}`,
        `\\hat{x}_{1,1} = \\bigl(${v.n('a_prev')} - ${meanP}\\bigr) \\cdot ${inv1} = ${v.n('x_hat')}`,
        `a_{1,1} = ${gamma ?? '1'} \\cdot ${v.n('x_hat', 0, 0, true)} + ${beta ?? '0'} = ${v.n('a')}`,
      ],
    };
  }
  if (phase === 'backward') {
    const rule = [
      `\\dfrac{\\partial L}{\\partial \\gamma_j} = \\sum_{s} \\dfrac{\\partial L}{\\partial a_{j,s}}\\, \\hat{x}_{j,s},\\qquad \\dfrac{\\partial L}{\\partial \\beta_j} = \\sum_{s} \\dfrac{\\partial L}{\\partial a_{j,s}},\\qquad \\dfrac{\\partial L}{\\partial \\hat{x}_{j,s}} = \\gamma_j\\, \\dfrac{\\partial L}{\\partial a_{j,s}}`,
      `\\dfrac{\\partial L}{\\partial a^{\\text{prev}}_{j,s}} = \\dfrac{1}{\\sqrt{${var2} + \\varepsilon}} \\Bigl(\\dfrac{\\partial L}{\\partial \\hat{x}_{j,s}} - \\operatorname{mean}_{${batch ? 's' : 'j'}} \\dfrac{\\partial L}{\\partial \\hat{x}} - \\hat{x}_{j,s}\\, \\operatorname{mean}_{${batch ? 's' : 'j'}}\\Bigl(\\dfrac{\\partial L}{\\partial \\hat{x}}\\, \\hat{x}\\Bigr)\\Bigr)`,
    ];
    const worked: string[] = [];
    if (v.has('dgamma')) worked.push(`\\dfrac{\\partial L}{\\partial \\gamma_1} = ${v.n('dgamma')},\\qquad \\dfrac{\\partial L}{\\partial \\beta_1} = ${v.n('dbeta')}`);
    if (v.has('dx_hat')) worked.push(`\\dfrac{\\partial L}{\\partial \\hat{x}_{1,1}} = ${gamma ?? '1'} \\cdot ${v.n('dA', 0, 0, true)} = ${v.n('dx_hat')}`);
    if (v.has('dA_prev')) worked.push(`\\dfrac{\\partial L}{\\partial a^{\\text{prev}}_{1,1}} = ${v.n('dA_prev')}`);
    return { rule, worked };
  }
  return update(v, [
    ['\\gamma', 'delta_gamma', 'gamma'],
    ['\\beta', 'delta_beta', 'beta'],
  ]);
}

function prelu(v: Values, phase: Phase): KindFormulas | null {
  if (phase === 'forward')
    return {
      rule: ['a_{j,s} = \\begin{cases} z_{j,s} & z_{j,s} > 0 \\\\ \\alpha_j\\, z_{j,s} & z_{j,s} \\le 0 \\end{cases},\\qquad z = a^{\\text{prev}}'],
      worked: [`a_{1,1} = \\operatorname{prelu}\\bigl(${v.n('a_prev')};\\ \\alpha_1 = ${v.param('alpha') ?? '0'}\\bigr) = ${v.n('a')}`],
    };
  if (phase === 'backward')
    return {
      rule: [
        '\\dfrac{\\partial L}{\\partial \\alpha_j} = \\sum_{s} \\min(0,\\ z_{j,s})\\, \\dfrac{\\partial L}{\\partial a_{j,s}},\\qquad \\dfrac{\\partial L}{\\partial z_{j,s}} = \\begin{cases} 1 & z_{j,s} > 0 \\\\ \\alpha_j & z_{j,s} \\le 0 \\end{cases} \\cdot \\dfrac{\\partial L}{\\partial a_{j,s}}',
      ],
      worked: v.has('dalpha') ? [`\\dfrac{\\partial L}{\\partial \\alpha_1} = ${v.n('dalpha')},\\qquad \\dfrac{\\partial L}{\\partial a^{\\text{prev}}_{1,1}} = ${v.n('dA_prev')}`] : [],
    };
  return update(v, [['\\alpha', 'delta_alpha', 'alpha']]);
}

function activation(v: Values, className: string, c: Config, phase: Phase): KindFormulas | null {
  const f = className === 'Activation' ? String(c.activation) : className === 'ReLU' ? 'relu' : className === 'LeakyReLU' ? 'leaky_relu' : className === 'ELU' ? 'elu' : 'softmax';
  const name = FN[f as keyof typeof FN];
  const definition = className === 'ReLU' ? reluDefinition(c) : className === 'LeakyReLU' ? leakyDefinition(c) : className === 'ELU' ? eluDefinition(c) : activationDefinition(f as never);
  if (phase === 'forward')
    return {
      rule: [`a = ${name}(a^{\\text{prev}}),\\qquad ${definition}`],
      worked: [`a_{1,1} = ${name}(${v.n('a_prev')}) = ${v.n('a')}`],
    };
  if (phase !== 'backward') return null;
  const softmax = f === 'softmax' || f === 'log_softmax';
  const rule = softmax
    ? [f === 'softmax' ? '\\dfrac{\\partial L}{\\partial z_{j,s}} = a_{j,s} \\Bigl(\\dfrac{\\partial L}{\\partial a_{j,s}} - \\sum_{k} a_{k,s}\\, \\dfrac{\\partial L}{\\partial a_{k,s}}\\Bigr)' : '\\dfrac{\\partial L}{\\partial z_{j,s}} = \\dfrac{\\partial L}{\\partial a_{j,s}} - \\operatorname{softmax}(z)_{j,s} \\sum_{k} \\dfrac{\\partial L}{\\partial a_{k,s}}']
    : [`\\dfrac{\\partial L}{\\partial a^{\\text{prev}}_{j,s}} = f'(z_{j,s})\\, \\dfrac{\\partial L}{\\partial a_{j,s}}${className === 'Activation' ? `,\\qquad ${derivativeDefinition(f as never)}` : ''}`];
  const worked = v.has('dA_prev') ? [softmax ? `\\dfrac{\\partial L}{\\partial z_{1,1}} = ${v.n('dA_prev')}` : `\\dfrac{\\partial L}{\\partial a^{\\text{prev}}_{1,1}} = f'(${v.n('a_prev')}) \\cdot ${v.n('dA', 0, 0, true)} = ${v.n('dA_prev')}`] : [];
  return { rule, worked };
}

const reluDefinition = (c: Config) => {
  const slope = Number(c.negative_slope ?? 0), threshold = Number(c.threshold ?? 0);
  const max = c.max_value === null || c.max_value === undefined ? null : Number(c.max_value);
  const below = slope === 0 ? '0' : `${N(slope)}\\,(z - ${N(threshold)})`;
  return `f(z) = \\begin{cases} ${max === null ? 'z' : `\\min(z,\\ ${N(max)})`} & z \\ge ${N(threshold)} \\\\ ${below} & z < ${N(threshold)} \\end{cases}`;
};
const leakyDefinition = (c: Config) => `f(z) = \\begin{cases} z & z > 0 \\\\ ${N(Number(c.negative_slope ?? 0.3))}\\,z & z \\le 0 \\end{cases}`;
const eluDefinition = (c: Config) => `f(z) = \\begin{cases} z & z > 0 \\\\ ${N(Number(c.alpha ?? 1))}\\,(e^{z} - 1) & z \\le 0 \\end{cases}`;

/** The update of trained weights: w_new = w_old + Delta w, Delta w from the optimizer. */
function update(v: Values, weights: [string, string, string][]): KindFormulas | null {
  const present = weights.filter(([, delta]) => v.has(delta));
  if (present.length === 0) return null;
  return {
    rule: present.map(([sym]) => `${sym}_j \\leftarrow ${sym}_j + \\Delta ${sym}_j,\\qquad \\Delta ${sym}_j \\overset{\\text{SGD}}{=} -\\alpha\\, \\dfrac{\\partial L}{\\partial ${sym}_j}`),
    worked: present.map(([sym, delta, name]) => `\\Delta ${sym}_1 = ${v.n(delta)},\\qquad ${sym}_1 = ${v.param(name) ?? ''}`),
  };
}

/** A Dense layer of such a model (its step's matrices: aPrev, z, a, dA, dZ, dW, ...). */
export function denseFormulas(layer: Record<string, unknown>, l: number, phase: Phase): KindFormulas | null {
  const m = (key: string) => layer[key] as Mat | undefined;
  const n = (key: string, row = 0, col = 0, paren = false) => {
    const v = m(key)!;
    return (paren ? P : N)(at(v, row, col), path(`layers.${l}.${key}`, idx(v, row, col)));
  };
  const f = FN[String(layer.activation ?? 'linear') as keyof typeof FN];
  // f'(z) as the engine computed it (NaN for softmax, whose Jacobian is not diagonal).
  const slope = () => (m('fPrime') && Number.isFinite(at(m('fPrime')!, 0, 0)) ? n('fPrime', 0, 0, true) : `f'(${n('z')})`);
  if (phase === 'forward')
    return {
      rule: [`z_{j,s} = \\sum_i W_{j,i}\\, a^{\\text{prev}}_{i,s} + b_j,\\qquad a_{j,s} = ${f}(z_{j,s})`],
      worked: m('z') && m('a') ? [`z_{1,1} = ${n('z')},\\qquad a_{1,1} = ${f}(${n('z')}) = ${n('a')}`] : [],
    };
  if (phase === 'backward')
    return {
      rule: [
        "\\dfrac{\\partial L}{\\partial z_{j,s}} = \\dfrac{\\partial L}{\\partial a_{j,s}}\\, f'(z_{j,s}),\\qquad \\dfrac{\\partial L}{\\partial W_{j,i}} = \\sum_s \\dfrac{\\partial L}{\\partial z_{j,s}}\\, a^{\\text{prev}}_{i,s},\\qquad \\dfrac{\\partial L}{\\partial a^{\\text{prev}}_{i,s}} = \\sum_j W_{j,i}\\, \\dfrac{\\partial L}{\\partial z_{j,s}}",
      ],
      worked: m('dZ') && m('dA') ? [`\\dfrac{\\partial L}{\\partial z_{1,1}} = ${n('dA', 0, 0, true)} \\cdot ${slope()} = ${n('dZ')}${m('dW') ? `,\\qquad \\dfrac{\\partial L}{\\partial W_{1,1}} = ${n('dW')}` : ''}`] : [],
    };
  if (!m('deltaW')) return null;
  return {
    rule: ["W_{j,i} \\leftarrow W_{j,i} + \\Delta W_{j,i},\\qquad \\Delta W_{j,i} \\overset{\\text{SGD}}{=} -\\alpha\\, \\dfrac{\\partial L}{\\partial W_{j,i}}"],
    worked: [`\\Delta W_{1,1} = ${n('deltaW')}`],
  };
}
