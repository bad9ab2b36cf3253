// What Teach mode's diagram writes at each step: the quantity the step's layer's edges show
// (w·a forward, ∂L/∂w backward, Δw in an update) and the value beside each neuron, with the
// symbols of the formulas. Every number is the engine's, read from the step's view.
import { at, showSig } from '../lib/number-format';
import { DIGIT_WIDTH } from './teach-layout';
import type { TeachView } from '../worker/teach-protocol';

export type Quantity = { name: string; value: (l: number, j: number, i: number) => number } | null;

/** What the active layer's edges show at this step. */
export function edgeQuantity(v: TeachView, s: number): { layer: number; q: Quantity; dir: 'forward' | 'backward' | 'none' } {
  const { kind, layer } = v.phase;
  if (layer === null) return { layer: -1, q: null, dir: kind === 'loss' ? 'forward' : 'none' };
  const L = v.layers[layer];
  // Forward: each weight's share of its neuron's sum, w a (0 for an input of 0).
  if (kind === 'forward') return { layer, q: { name: 'w·a', value: (l, j, i) => at(v.layers[l].W, j, i) * at(v.layers[l].aPrev!, i, s) }, dir: 'forward' };
  if (kind === 'backward') return { layer, q: { name: '∂L/∂w', value: (l, j, i) => at(v.layers[l].dW!, j, i) }, dir: 'backward' };
  return { layer, q: L.deltaW ? { name: 'Δw', value: (l, j, i) => at(v.layers[l].deltaW!, j, i) } : null, dir: 'none' };
}

/**
 * The value written beside each neuron of column c at this step, if any, with the caption that
 * says what it is (the same symbols as the formulas and the notation table).
 */
export function neuronValue(v: TeachView, c: number, s: number): { caption: string; value: (u: number) => number } | null {
  const { kind, layer } = v.phase;
  const L = v.layers.length;
  if (c === 0) return kind === 'start' || (kind === 'forward' && layer === 0) ? { caption: 'x', value: (u) => at(v.batch.x, u, s) } : null;
  const l = c - 1;
  const ly = v.layers[l];
  const a = c === L ? 'ŷ' : `a${sup(c)}`;
  if (kind === 'forward' && (layer === l || layer === l + 1) && ly.a) return { caption: a, value: (u) => at(ly.a!, u, s) };
  if (kind === 'loss' && c === L && ly.a) return { caption: 'ŷ', value: (u) => at(ly.a!, u, s) };
  if (kind === 'backward' && (layer === l || layer === l + 1) && ly.dZ) return { caption: `δ${sup(c)}`, value: (u) => at(ly.dZ!, u, s) };
  if (kind === 'update' && layer === l && ly.useBias) return { caption: `b${sup(c)} new`, value: (u) => at(ly.b, u) };
  return null;
}

/** A layer number as a superscript: a⁽²⁾. */
const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
export const sup = (c: number) => `⁽${String(c).split('').map((d) => SUP[Number(d)]).join('')}⁾`;

/** The most significant digits (4 to 2) at which every value fits in `room` pixels, or null. */
export function digitsThatFit(values: number[], room: number): number | null {
  for (const d of [4, 3, 2]) if (values.every((x) => showSig(x, d).length * DIGIT_WIDTH <= room)) return d;
  return null;
}

