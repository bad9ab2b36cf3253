// One trained weight as the loss landscape picks it (a Dense layer's kernel entry or bias, by the
// engine's layer index), and its name in the link: w<layer>:<unit>:<input> or b<layer>:<unit>,
// counted from 1 as the page shows them (settings-landscape.ts checks the form).

export interface WeightPick {
  /** The engine's layer index (from 0). */
  layer: number;
  param: 'kernel' | 'bias';
  /** The neuron (the kernel's row), from 0. */
  unit: number;
  /** The input (the kernel's column), from 0; 0 for a bias. */
  input: number;
}

export function weightName(w: WeightPick): string {
  return w.param === 'bias' ? `b${w.layer + 1}:${w.unit + 1}` : `w${w.layer + 1}:${w.unit + 1}:${w.input + 1}`;
}

/** The pick a name stands for; null when it is not of the form. */
export function parseWeightName(text: string): WeightPick | null {
  const m = /^([wb])(\d+):(\d+)(?::(\d+))?$/.exec(text);
  if (!m || (m[1] === 'w') !== (m[4] !== undefined)) return null;
  const [layer, unit, input] = [m[2], m[3], m[4] ?? '1'].map((n) => Number(n) - 1);
  if (layer < 0 || unit < 0 || input < 0) return null;
  return { layer, param: m[1] === 'w' ? 'kernel' : 'bias', unit, input };
}

export const sameWeight = (a: WeightPick, b: WeightPick): boolean => weightName(a) === weightName(b);

export type Axis = 'x' | 'y';

/** The two axes after a pick on one of them: the weight it replaces moves to the other axis if the pick was there. */
export function axesAfterPick(axes: { x: WeightPick; y: WeightPick }, pick: WeightPick, on: Axis): { x: WeightPick; y: WeightPick } {
  const { x, y } = axes;
  if (on === 'x') return { x: pick, y: sameWeight(y, pick) ? x : y };
  return { x: sameWeight(x, pick) ? y : x, y: pick };
}

/**
 * The landscape's axes after a pick in the diagram: on the axis named (the weight editor's
 * buttons), or by shift-click (axis null) on x from random directions, then on y, then x again,
 * so that two shift-clicks pick both. `next` is the axis the following shift-click sets.
 */
export function landscapeAxisPick(
  s: { landscapeAxes: string; landscapeX: string; landscapeY: string }, pick: WeightPick, axis: Axis | null, nextAxis: Axis,
): { changes: { landscapeAxes: 'weights'; landscapeX: string; landscapeY: string }; next: Axis } {
  const on: Axis = axis ?? (s.landscapeAxes === 'random' ? 'x' : nextAxis);
  // Both names are of the form (the settings table checked them).
  const axes = axesAfterPick({ x: parseWeightName(s.landscapeX)!, y: parseWeightName(s.landscapeY)! }, pick, on);
  return { changes: { landscapeAxes: 'weights', landscapeX: weightName(axes.x), landscapeY: weightName(axes.y) }, next: on === 'x' ? 'y' : 'x' };
}
