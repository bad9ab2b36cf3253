// The network diagram's geometry: where each column of neurons and each edge goes for a given
// size. Shared by Play's diagram (NetworkDiagram.tsx) and Teach mode's (TeachDiagram.tsx).
import type { ModelSpec } from '../lib/types';
import { bandsOf, denseLayers } from '../lib/layer-kinds';

/** Neurons drawn per layer; wider layers show their first ones and a "+k more" mark. */
export const MAX_DRAWN_UNITS = 16;

export interface Layout {
  columns: { x: number; units: number; drawn: number; ys: number[] }[];
  node: number;
  width: number;
  height: number;
}

/** `padLeft`, `padRight`: room left of the inputs and right of the outputs (for their names, or Teach mode's values). */
export function computeLayout(widths: number[], width: number, height: number, padLeft = 44, padRight = 44): Layout {
  const padX = padRight, padTop = 12, padBottom = 28;
  const span = Math.max(1, widths.length - 1);
  const most = Math.max(...widths.map((w) => Math.min(w, MAX_DRAWN_UNITS)));
  const pitch = Math.min(46, (height - padTop - padBottom) / Math.max(1, most));
  const node = Math.max(8, Math.min(30, pitch * 0.72));
  const columns = widths.map((units, c) => {
    const drawn = Math.min(units, MAX_DRAWN_UNITS);
    const total = (drawn - 1) * pitch;
    const top = padTop + (height - padTop - padBottom - total) / 2;
    return { x: padLeft + (c * (width - padLeft - padX)) / span, units, drawn, ys: Array.from({ length: drawn }, (_, i) => top + i * pitch) };
  });
  return { columns, node, width, height };
}

/** The curve of weight W[unit][input] of layer l, from the input's neuron to the unit's. */
export function edgePath(layout: Layout, l: number, unit: number, input: number): string {
  const prev = layout.columns[l], col = layout.columns[l + 1];
  const x0 = prev.x + layout.node / 2, x1 = col.x - layout.node / 2, mid = (x0 + x1) / 2;
  const y0 = prev.ys[input], y1 = col.ys[unit];
  return `M${x0},${y0} C${mid},${y0} ${mid},${y1} ${x1},${y1}`;
}

/** The width of each column: the inputs, then each Dense layer (the other kinds keep the width and are drawn as bands). */
export const layerWidths = (spec: ModelSpec): number[] => [spec.input_dim, ...denseLayers(spec).map((l) => l.units)];

/** A band's width and the gap between bands (LayerBands.tsx). */
export const BAND_WIDTH = 15, BAND_GAP = 3;

/** Room right of the output neurons for the layers after the last Dense layer (their bands come before the output names). */
export function tailRoom(spec: ModelSpec): number {
  const tail = bandsOf(spec).at(-1)?.length ?? 0;
  return spec.layers.length > 0 && tail > 0 && bandsOf(spec).length > 1 ? tail * (BAND_WIDTH + BAND_GAP) + 4 : 0;
}

// Width grows with the square root of |w|, so that large weights stay apart from each other.
export const edgeWidth = (w: number) => Math.min(6, 0.5 + 2 * Math.sqrt(Math.abs(w)));
export const edgeOpacity = (w: number) => Math.min(0.95, 0.3 + 0.5 * Math.abs(w));

/** Width of a character of a node label (11.5 px sans, generously): labels are shortened to their room. */
const LABEL_CHAR = 7.4;

/** The names beside the output neurons: the targets' when there is one per unit (else class numbers). */
export function outputNames(units: number, targetNames: string[]): string[] {
  return units === 1 || targetNames.length === units ? Array.from({ length: units }, (_, u) => targetNames[u] ?? 'output') : [];
}

/** Room left of the inputs and right of the outputs for their names: as wide as the longest, up to a quarter of the width each. */
export function labelPads(inputs: string[], outputs: string[], width: number): [number, number] {
  const need = (names: string[]) => Math.max(0, ...names.map((n) => n.length)) * LABEL_CHAR + 24;
  const cap = Math.max(44, width * 0.25);
  return [Math.min(cap, Math.max(44, need(inputs))), Math.min(cap, Math.max(44, need(outputs)))];
}

/** A column name that fits `room` pixels: whole, or cut with an ellipsis (the full name is its title). */
export function fitLabel(name: string, room: number): string {
  if (name.length * LABEL_CHAR <= room) return name;
  const n = Math.max(1, Math.floor(room / LABEL_CHAR) - 1);
  return `${name.slice(0, n)}…`;
}

/** Where each neuron's heatmap goes on the overlay canvas: inside its square, the inputs' and outputs' always, the hidden units' when the snapshot has their grids. */
export function neuronFieldBoxes(layout: Layout, hidden: boolean): { c: number; u: number; x: number; y: number; size: number }[] {
  const boxes: { c: number; u: number; x: number; y: number; size: number }[] = [];
  const last = layout.columns.length - 1;
  const inset = 2, size = layout.node - 2 * inset;
  layout.columns.forEach((col, c) => {
    if (c !== 0 && c !== last && !hidden) return;
    col.ys.forEach((y, u) => boxes.push({ c, u, x: col.x - layout.node / 2 + inset, y: y - layout.node / 2 + inset, size }));
  });
  return boxes;
}

/** Where a weight (the middle of its edge) or a bias (its neuron's lower edge) of Dense layer `layer` is drawn. */
export function weightPoint(layout: Layout, layer: number, unit: number, input: number): { x: number; y: number } {
  const col = layout.columns[layer + 1], prev = layout.columns[layer];
  if (input < 0) return { x: col.x, y: col.ys[unit] + layout.node / 2 };
  return { x: (prev.x + col.x) / 2, y: (prev.ys[input] + col.ys[unit]) / 2 };
}
