// Painting a snapshot onto the network diagram's existing elements: each edge's colour, width
// and opacity from its weight, each neuron's fill from its bias, and the heatmaps of what each
// neuron outputs over a 2-D input plane. Only elements whose look changed are touched.
import { divergingCss } from '../lib/colors';
import { NEURON_GRID_CELLS } from '../lib/data-view';
import { FieldPainter, fitCanvas, type FieldMode } from '../lib/plot2d';
import type { Snapshot } from '../worker/protocol';
import { edgeOpacity, edgeWidth, neuronFieldBoxes, type Layout } from './diagram-layout';

export type Weights = Snapshot['weights'];

/** W(unit, input) of a column-major units x inputs kernel; `weights` holds the Dense layers only (denseWeights). */
export const weightAt = (weights: Weights, layer: number, unit: number, input: number) => {
  const W = weights[layer].W;
  return W.data[input * W.rows + unit];
};

/** The diagram's elements, looked up once per architecture, with the look each was last given. */
export interface Parts {
  edges: { el: SVGPathElement; l: number; u: number; i: number }[];
  /** The look each edge was last given (sign, width and opacity, quantised). */
  edgeKeys: Int32Array;
  neurons: { el: SVGRectElement; l: number; u: number }[];
  neuronKeys: Int32Array;
  /** Where each neuron's heatmap goes on the overlay canvas (CSS pixels). */
  fields: { c: number; u: number; x: number; y: number; size: number; painted: boolean }[];
  ctx: CanvasRenderingContext2D | null;
}

/** Looks up the edges and neurons of the rendered SVG and clears the heatmap canvas (null before the first render). */
export function collectParts(el: SVGSVGElement | null, canvas: HTMLCanvasElement | null, layout: Layout | null, hasNeuronGrids: boolean): Parts | null {
  if (!el) return null;
  const edges = [...el.querySelectorAll<SVGPathElement>('path.edge')].map((p) => ({ el: p, l: Number(p.dataset.l), u: Number(p.dataset.u), i: Number(p.dataset.i) }));
  const neurons = [...el.querySelectorAll<SVGRectElement>('rect.neuron[data-l]')].map((r) => ({ el: r, l: Number(r.dataset.l), u: Number(r.dataset.u) }));
  // One canvas over the diagram holds every neuron's heatmap (one canvas to update per frame,
  // not one per neuron); each picture sits inside its neuron's square.
  let fields: Parts['fields'] = [];
  let ctx: CanvasRenderingContext2D | null = null;
  if (canvas && layout) {
    ctx = fitCanvas(canvas, layout.width, layout.height);
    ctx.clearRect(0, 0, layout.width, layout.height);
    fields = neuronFieldBoxes(layout, hasNeuronGrids).map((b) => ({ ...b, painted: false }));
    canvas.dataset.fields = String(fields.length);
  }
  return { edges, edgeKeys: new Int32Array(edges.length).fill(-1), neurons, neuronKeys: new Int32Array(neurons.length).fill(-9999), fields, ctx };
}

/** Each edge's look from its weight, each neuron's fill from its bias (tanh of it, on the diverging scale). */
export function paintWeights(p: Parts, weights: Weights): void {
  for (let k = 0; k < p.edges.length; ++k) {
    const { el, l, u, i } = p.edges[k];
    const w = weightAt(weights, l, u, i);
    // Quantised to what the eye can tell apart, so that small changes touch no element.
    const width = Math.round(edgeWidth(w) * 4), opacity = Math.round(edgeOpacity(w) * 20);
    const look = (w >= 0 ? 1 : 0) | (width << 1) | (opacity << 8);
    if (p.edgeKeys[k] === look) continue;
    p.edgeKeys[k] = look;
    el.setAttribute('stroke', w >= 0 ? 'var(--positive)' : 'var(--negative)');
    el.setAttribute('stroke-width', String(width / 4));
    el.setAttribute('stroke-opacity', String(opacity / 20));
  }
  for (let k = 0; k < p.neurons.length; ++k) {
    const { el, l, u } = p.neurons[k];
    const t = Math.tanh(weights[l].b[u]);
    const look = Math.round(t * 64);
    if (p.neuronKeys[k] === look) continue;
    p.neuronKeys[k] = look;
    el.setAttribute('fill', divergingCss(t));
  }
}

/** The painters of the heatmaps: the output's fine grid (view.n cells a side) and every neuron's coarse one. */
export interface FieldPainters {
  fine: FieldPainter;
  coarse: FieldPainter;
}

export const makeFieldPainters = (viewCells: number): FieldPainters => ({ fine: new FieldPainter(viewCells), coarse: new FieldPainter(NEURON_GRID_CELLS) });

/**
 * Heatmaps on the neurons of a 2-D network: what each one outputs over the input plane.
 * `engineOf[l]` is the engine's index of the diagram's Dense layer l; `columns` the diagram's columns.
 */
export function paintNeuronFields(s: Snapshot, p: Parts, painters: FieldPainters, fieldMode: FieldMode, engineOf: number[], columns: number): void {
  if (!p.ctx || p.fields.length === 0) return;
  const { fine, coarse } = painters;
  const last = columns - 1;
  const outputMode: FieldMode = fieldMode.kind === 'regression' ? fieldMode : { kind: 'binary' };
  const cells = NEURON_GRID_CELLS * NEURON_GRID_CELLS;
  for (const f of p.fields) {
    let image: HTMLCanvasElement | null = null;
    if (f.c === 0) {
      if (f.painted) continue; // an input's picture never changes
      image = coarse.paintInput(f.u as 0 | 1);
    } else if (s.neuronGrids?.[engineOf[f.c - 1]]) {
      // Hidden units on the tanh scale [-1, 1]; output units as the output is read.
      image = coarse.paint(s.neuronGrids[engineOf[f.c - 1]], 1, f.c === last ? outputMode : { kind: 'regression', scale: 1 }, 0.15, f.u * cells);
    } else if (f.c === last && s.grid) {
      image = fine.paint(s.grid, s.outputWidth, outputMode, 0.15, f.u);
    }
    if (!image) continue;
    f.painted = true;
    p.ctx.drawImage(image, f.x, f.y, f.size, f.size);
  }
}
