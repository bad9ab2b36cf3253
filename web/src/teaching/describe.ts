// The numbers that belong to one neuron or weight at the current step, for the diagram's
// tooltip and the inspector: each with its source path and whether this step produced it.
import { at, idx } from '../lib/number-format';
import type { Target } from './state';
import type { TeachView } from '../worker/teach-protocol';

import { t as tr } from '../i18n';
export interface Fact {
  label: string;
  value: number;
  src?: string;
  /** Computed by the step on screen. */
  now: boolean;
}

export interface Description {
  title: string;
  facts: Fact[];
  /** What is still to come ("dL/dz after the backward pass"). */
  pending: string[];
}

export function unitTitle(v: TeachView, col: number, unit: number, featureNames: string[]): string {
  const L = v.layers.length;
  if (col === 0) return tr('teach.describe.input', { name: featureNames[unit] ?? `x${unit + 1}` });
  if (col === L) return L === 1 || v.layers[L - 1].units > 1 ? tr('teach.describe.outputNeuronNumber', { unit: unit + 1 }) : tr('teach.describe.outputNeuron');
  return tr('teach.describe.neuron', { layer: col, unit: unit + 1 });
}

export function describe(v: TeachView, t: Target, s: number, featureNames: string[]): Description {
  const phase = v.phase;
  const facts: Fact[] = [];
  const pending: string[] = [];
  if (t.kind === 'neuron') {
    const title = unitTitle(v, t.col, t.unit, featureNames);
    if (t.col === 0) {
      facts.push({ label: tr('teach.describe.xInput'), value: at(v.batch.x, t.unit, s), src: `batch.x.data.${idx(v.batch.x, t.unit, s)}`, now: phase.kind === 'start' });
      const first = v.layers[0];
      if (first.dAPrev) facts.push({ label: '∂L/∂x', value: at(first.dAPrev, t.unit, s), src: `layers.0.dAPrev.data.${idx(first.dAPrev, t.unit, s)}`, now: phase.kind === 'backward' && phase.layer === 0 });
      return { title, facts, pending };
    }
    const l = t.col - 1;
    const layer = v.layers[l];
    const base = `layers.${l}`;
    const j = t.unit;
    const fwd = phase.kind === 'forward' && phase.layer === l;
    const bwd = phase.kind === 'backward' && phase.layer === l;
    const upd = phase.kind === 'update' && phase.layer === l;
    if (layer.useBias) facts.push({ label: upd ? tr('teach.describe.bNew') : 'b', value: at(layer.b, j), src: `${base}.b.data.${j}`, now: upd });
    if (layer.z && layer.a) {
      facts.push({ label: 'z = Σ w·a + b', value: at(layer.z, j, s), src: `${base}.z.data.${idx(layer.z, j, s)}`, now: fwd });
      facts.push({ label: `a = ${layer.activation}(z)`, value: at(layer.a, j, s), src: `${base}.a.data.${idx(layer.a, j, s)}`, now: fwd });
    } else pending.push(tr('teach.describe.pendingForward'));
    if (layer.dA && layer.dZ && layer.z && layer.a) {
      facts.push({ label: '∂L/∂a', value: at(layer.dA, j, s), src: `${base}.dA.data.${idx(layer.dA, j, s)}`, now: bwd });
      const d = layer.fPrime ? at(layer.fPrime, j, s) : NaN; // the engine's f'(z); NaN for softmax
      if (Number.isFinite(d)) facts.push({ label: "f'(z)", value: d, src: `${base}.fPrime.data.${idx(layer.fPrime!, j, s)}`, now: bwd });
      facts.push({ label: 'δ = ∂L/∂z', value: at(layer.dZ, j, s), src: `${base}.dZ.data.${idx(layer.dZ, j, s)}`, now: bwd });
    } else pending.push(tr('teach.describe.pendingBackward'));
    if (layer.deltaB && layer.useBias) facts.push({ label: 'Δb', value: at(layer.deltaB, j), src: `${base}.deltaB.data.${j}`, now: upd });
    return { title, facts, pending };
  }
  const { layer: l, unit: j, input: i } = t;
  const layer = v.layers[l];
  const base = `layers.${l}`;
  const k = idx(layer.W, j, i);
  const fwd = phase.kind === 'forward' && phase.layer === l;
  const bwd = phase.kind === 'backward' && phase.layer === l;
  const upd = phase.kind === 'update' && phase.layer === l;
  const from = l === 0 ? (featureNames[i] ?? `x${i + 1}`) : tr('teach.describe.fromNeuron', { layer: l, unit: i + 1 });
  const to = l === v.layers.length - 1 ? tr('teach.describe.toOutput', { unit: j + 1 }) : tr('teach.describe.toNeuron', { layer: l + 1, unit: j + 1 });
  const title = tr('teach.describe.weight', { from, to });
  if (upd && v.before) facts.push({ label: tr('teach.describe.wOld'), value: at(v.before.W, j, i), src: `before.W.data.${k}`, now: false });
  facts.push({ label: upd ? tr('teach.describe.wNew') : 'w', value: at(layer.W, j, i), src: `${base}.W.data.${k}`, now: upd });
  if (layer.aPrev) {
    const a = at(layer.aPrev, i, s);
    facts.push({ label: tr('teach.describe.inputCarried'), value: a, src: `${base}.aPrev.data.${idx(layer.aPrev, i, s)}`, now: fwd });
    // The forward pass used the weight before its update.
    if (!layer.deltaW) facts.push({ label: tr('teach.describe.shareOfZ'), value: at(layer.W, j, i) * a, now: fwd });
  } else pending.push(tr('teach.describe.pendingInput'));
  if (layer.dW) {
    facts.push({ label: '∂L/∂w = δ · a', value: at(layer.dW, j, i), src: `${base}.dW.data.${k}`, now: bwd });
  } else pending.push(tr('teach.describe.pendingGradient'));
  if (layer.deltaW) {
    facts.push({ label: 'Δw', value: at(layer.deltaW, j, i), src: `${base}.deltaW.data.${k}`, now: upd });
    for (const [name, slot] of Object.entries(layer.slots)) facts.push({ label: tr('teach.describe.optimizerSlot', { name: slotName(name) }), value: slot.W.data[k], src: `${base}.slots.${name}.W.data.${k}`, now: upd });
  } else pending.push(tr('teach.describe.pendingUpdate'));
  return { title, facts, pending };
}

/** An optimizer slot's name as the tables show it (momentum -> 动量; m, v stay). */
export const slotName = (name: string): string => tr(`teach.table.slots.${name}`, { defaultValue: name });
