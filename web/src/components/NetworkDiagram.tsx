// The network as neurons and weights. The SVG's structure is rendered when the architecture
// or the size changes; each snapshot then only updates the colour, width and value of the
// existing edges and neurons. Hovering shows a weight or bias exactly; clicking edits it. With
// the keyboard, the arrow keys pick a weight or bias and Enter edits it (diagram-keys.ts).
import { useComputed, useSignal, useSignalEffect } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { classColor, css, divergingCss } from '../lib/colors';
import { NEURON_GRID_CELLS, plain } from '../lib/data-view';
import { fitCursor, moveCursor, type Cursor } from './diagram-keys';
import { FieldPainter, fitCanvas, type FieldMode } from '../lib/plot2d';
import type { Snapshot } from '../worker/protocol';
import { useApp } from './fields';
import { computeLayout, edgeOpacity, edgePath, edgeWidth, fitLabel, labelPads, layerWidths, outputNames, tailRoom } from './diagram-layout';
import { CursorMark, Tooltip, WeightEditor, type Editing, type Target } from './DiagramOverlays';
import { useSize } from './useSize';
import { bandsOf, denseIndices } from '../lib/layer-kinds';
import { LayerBands } from './LayerBands';
import { t as tr } from '../i18n';
import { T } from '../i18n/T';

type Weights = Snapshot['weights'];
/** W(unit, input) of a column-major units x inputs kernel; `weights` holds the Dense layers only (denseWeights). */
const weightAt = (weights: Weights, layer: number, unit: number, input: number) => {
  const W = weights[layer].W;
  return W.data[input * W.rows + unit];
};


export function NetworkDiagram({ fieldMode }: { fieldMode: FieldMode | null }) {
  const app = useApp();
  const spec = app.spec.value;
  const box = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const { width, height } = useSize(box);
  const widths = spec ? layerWidths(spec) : [];
  // The diagram's layer l is the engine's Dense layer engineOf[l]; other kinds are bands.
  const engineOf = useMemo(() => (spec ? denseIndices(spec) : []), [spec]);
  const bands = useMemo(() => (spec ? bandsOf(spec) : []), [spec]);
  const denseWeights = (s: Snapshot): Weights => engineOf.map((i) => s.weights[i]);
  // Room beside the inputs and outputs for their names (LayerHeads uses the same).
  const tail = spec ? tailRoom(spec) : 0;
  const names = labelPads(app.dataset.value?.featureNames ?? [], outputNames(widths[widths.length - 1] ?? 0, app.dataset.value?.targetNames ?? []), width);
  const pads: [number, number] = [names[0], names[1] + tail];
  const key = `${widths.join('-')}/${pads.join('-')}`;
  const layout = useMemo(() => (width > 0 && spec ? computeLayout(widths, width, height, pads[0], pads[1]) : null), [key, width, height]);
  const hover = useSignal<(Target & { text: string }) | null>(null);
  const editing = useSignal<Editing | null>(null);
  /** The weight or bias the keyboard is on; shown while the diagram has keyboard focus. */
  const cursor = useSignal<Cursor | null>(null);
  const keyboardFocus = useSignal(false);
  /** The editor was opened with Enter: focus comes back to the diagram when it closes. */
  const editFromKeys = useRef(false);
  const hasNeuronGrids = useComputed(() => Boolean(app.snapshot.value?.neuronGrids)).value;
  const featureNames = app.dataset.value?.featureNames ?? [];
  const targetNames = app.dataset.value?.targetNames ?? [];
  const twoD = app.view2d.value !== null;
  const painters = useRef<{ fine: FieldPainter; coarse: FieldPainter } | null>(null);
  const parts = useRef<Parts | null>(null);
  // Elements looked up for another layout are stale as soon as this one renders: a snapshot
  // may arrive before the effect below runs (a loaded model changes architecture and weights).
  const partsLayout = useRef(layout);
  if (partsLayout.current !== layout) {
    partsLayout.current = layout;
    parts.current = null;
  }
  const fieldCanvas = useRef<HTMLCanvasElement>(null);

  // Every snapshot restyles the existing edges and neurons in place, and only those whose look
  // changed; the elements are looked up once per architecture.
  useSignalEffect(() => restyle(app.snapshot.value));
  useEffect(() => {
    parts.current = null;
    restyle(app.snapshot.peek());
  }, [layout, fieldMode, hasNeuronGrids, twoD]);

  function collect(): Parts | null {
    const el = svg.current, host = box.current;
    if (!el || !host) return null;
    const edges = [...el.querySelectorAll<SVGPathElement>('path.edge')].map((p) => ({ el: p, l: Number(p.dataset.l), u: Number(p.dataset.u), i: Number(p.dataset.i) }));
    const neurons = [...el.querySelectorAll<SVGRectElement>('rect.neuron[data-l]')].map((r) => ({ el: r, l: Number(r.dataset.l), u: Number(r.dataset.u) }));
    // One canvas over the diagram holds every neuron's heatmap (one canvas to update per frame,
    // not one per neuron); each picture sits inside its neuron's square.
    const fields: Parts['fields'] = [];
    let ctx: CanvasRenderingContext2D | null = null;
    if (fieldCanvas.current && layout) {
      ctx = fitCanvas(fieldCanvas.current, layout.width, layout.height);
      ctx.clearRect(0, 0, layout.width, layout.height);
      const last = layout.columns.length - 1;
      const inset = 2, size = layout.node - 2 * inset;
      layout.columns.forEach((col, c) => {
        if (c !== 0 && c !== last && !hasNeuronGrids) return;
        col.ys.forEach((y, u) => fields.push({ c, u, x: col.x - layout.node / 2 + inset, y: y - layout.node / 2 + inset, size, painted: false }));
      });
      fieldCanvas.current.dataset.fields = String(fields.length);
    }
    return { edges, edgeKeys: new Int32Array(edges.length).fill(-1), neurons, neuronKeys: new Int32Array(neurons.length).fill(-9999), fields, ctx };
  }

  function restyle(s: Snapshot | null) {
    if (!s || !layout || engineOf.length !== layout.columns.length - 1 || s.weights.length <= engineOf[engineOf.length - 1]) return;
    if (!parts.current) parts.current = collect();
    const p = parts.current;
    if (!p) return;
    const weights = denseWeights(s);
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
    drawNeuronFields(s, p);
  }

  /** Heatmaps on the neurons of a 2-D network: what each one outputs over the input plane. */
  function drawNeuronFields(s: Snapshot, p: Parts) {
    const view = app.view2d.peek();
    if (!view || !fieldMode || !p.ctx || p.fields.length === 0) return;
    if (!painters.current) painters.current = { fine: new FieldPainter(view.n), coarse: new FieldPainter(NEURON_GRID_CELLS) };
    const { fine, coarse } = painters.current;
    const last = layout!.columns.length - 1;
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

  const describe = (t: Target): string => {
    const s = app.snapshot.peek();
    if (!s) return '';
    const to = unitName(t.layer + 1, t.unit, layout!.columns.length - 1, targetNames);
    const weights = denseWeights(s);
    if (t.kind === 'bias') return tr('diagram.bias', { to, value: plain(weights[t.layer].b[t.unit]) });
    const from = unitName(t.layer, t.input, layout!.columns.length - 1, featureNames);
    return tr('diagram.weight', { from, to, value: plain(weightAt(weights, t.layer, t.unit, t.input)) });
  };

  const targetOf = (e: MouseEvent): Target | null => {
    const el = e.target as SVGElement;
    const d = el.dataset;
    if (!d || d.l === undefined) return null;
    const rect = box.current!.getBoundingClientRect();
    return {
      kind: el.classList.contains('neuron') ? 'bias' : 'weight',
      layer: Number(d.l),
      unit: Number(d.u),
      input: Number(d.i ?? -1),
      x: e.clientX - rect.left,
      y: e.clientY - rect.top,
    };
  };

  const startEdit = async (t: Target) => {
    if (app.playing.peek()) await app.pause();
    const s = app.snapshot.peek();
    if (!s) return;
    const weights = denseWeights(s);
    const value = t.kind === 'bias' ? weights[t.layer].b[t.unit] : weightAt(weights, t.layer, t.unit, t.input);
    hover.value = null;
    // The editor sets the weight in the engine: by the engine's index of the Dense layer.
    editing.value = { ...t, layer: engineOf[t.layer], value: String(value), error: null };
  };

  const useBias = (spec?.layers[engineOf[0] ?? 0] as { use_bias?: boolean } | undefined)?.use_bias ?? true;
  const drawn = layout ? layout.columns.map((c) => c.drawn) : [];

  // Where the cursor's weight (the middle of its edge) or bias (its neuron) is drawn.
  const cursorTarget = (c: Cursor): Target => {
    const col = layout!.columns[c.layer + 1], prev = layout!.columns[c.layer], node = layout!.node;
    if (c.input < 0) return { kind: 'bias', layer: c.layer, unit: c.unit, input: -1, x: col.x, y: col.ys[c.unit] + node / 2 };
    return { kind: 'weight', layer: c.layer, unit: c.unit, input: c.input, x: (prev.x + col.x) / 2, y: (prev.ys[c.input] + col.ys[c.unit]) / 2 };
  };
  const showCursor = (c: Cursor) => {
    cursor.value = c;
    const t = cursorTarget(c);
    hover.value = { ...t, text: describe(t) };
  };
  useSignalEffect(() => {
    if (editing.value === null && editFromKeys.current) {
      editFromKeys.current = false;
      svg.current?.focus();
    }
  });

  return (
    <div class="diagram" ref={box} data-testid="network-diagram" data-layers={widths.join('-')}>
      {layout && (
        <svg
          ref={svg}
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          role="group"
          tabIndex={0}
          aria-label={tr('diagram.label', { layers: widths.join(' → ') })}
          onFocus={(e) => {
            if (!layout || !(e.currentTarget as Element).matches(':focus-visible')) return;
            keyboardFocus.value = true;
            showCursor(fitCursor(cursor.peek(), drawn, useBias));
          }}
          onBlur={() => {
            keyboardFocus.value = false;
            if (!editing.peek()) hover.value = null;
          }}
          onKeyDown={(e) => {
            const c = cursor.peek();
            if (!layout || !c || !keyboardFocus.peek()) return;
            const next = e.key === 'Enter' || e.key === ' ' ? c : moveCursor(c, e.key, drawn, useBias);
            if (!next) return;
            e.preventDefault();
            e.stopPropagation(); // the page's own keys (Space plays, → steps) wait
            if (next === c) {
              editFromKeys.current = true;
              void startEdit(cursorTarget(c));
            } else showCursor(next);
          }}
          onMouseMove={(e) => {
            const t = targetOf(e);
            hover.value = t ? { ...t, text: describe(t) } : null;
          }}
          onMouseLeave={() => (hover.value = null)}
          onClick={(e) => {
            const t = targetOf(e);
            if (t) void startEdit(t);
          }}
        >
          <g class="edges">
            {layout.columns.slice(1).map((col, l) => {
              const prev = layout.columns[l];
              const paths = [];
              for (let u = 0; u < col.drawn; ++u)
                for (let i = 0; i < prev.drawn; ++i) {
                  const d = edgePath(layout, l, u, i);
                  paths.push(<path key={`h${u}-${i}`} class="edge-hit" d={d} data-l={l} data-u={u} data-i={i} />);
                  paths.push(<path key={`v${u}-${i}`} class="edge" d={d} data-l={l} data-u={u} data-i={i} stroke="var(--line)" fill="none" />);
                }
              return (
                <g key={l} data-testid={`edges-${l}`}>
                  {paths}
                </g>
              );
            })}
          </g>
          <LayerBands layout={layout} bands={bands} />
          <g class="neurons">
            {layout.columns.map((col, c) => (
              <g key={c} class="column" data-testid={`layer-col-${c}`} data-units={col.units}>
                {col.ys.map((y, u) => (
                  <rect
                    key={u}
                    class={`neuron${c === 0 ? ' neuron--input' : ''}`}
                    x={col.x - layout.node / 2}
                    y={y - layout.node / 2}
                    width={layout.node}
                    height={layout.node}
                    rx={Math.min(6, layout.node / 4)}
                    data-l={c > 0 && useBias ? c - 1 : undefined}
                    data-u={c > 0 ? u : undefined}
                    fill={c === 0 ? '#f8fafc' : 'var(--surface)'}
                  />
                ))}
                {col.units > col.drawn && (
                  <text class="more" x={col.x} y={col.ys[col.drawn - 1] + layout.node} text-anchor="middle" data-testid="diagram-more" data-count={col.units - col.drawn}>
                    <title>{tr(c === 0 ? 'diagram.collapsedInputs' : 'diagram.collapsed', { count: col.units - col.drawn })}</title>
                    {tr('diagram.more', { count: col.units - col.drawn })}
                  </text>
                )}
                {c === 0 &&
                  col.ys.map((y, u) => {
                    const name = featureNames[u] ?? `x${u + 1}`;
                    return (
                      <text key={`t${u}`} class="node-label" x={col.x - layout.node / 2 - 6} y={y} text-anchor="end" dominant-baseline="central">
                        <title>{name}</title>
                        {fitLabel(name, col.x - layout.node / 2 - 8)}
                      </text>
                    );
                  })}
                {c === layout.columns.length - 1 &&
                  col.ys.map((y, u) => {
                    // One unit: the target's name; one unit per class: the class, in its colour.
                    const named = col.units === 1 || targetNames.length === col.units;
                    return (
                      <text
                        key={`o${u}`}
                        class={`node-label${named ? '' : ' node-label--class'}`}
                        x={col.x + layout.node / 2 + 6 + tail}
                        y={y}
                        dominant-baseline="central"
                        style={named ? undefined : { fill: css(classColor(u)) }}
                      >
                        <title>{named ? (targetNames[u] ?? tr('diagram.outputLabel')) : tr('diagram.classTitle', { class: u })}</title>
                        {named ? fitLabel(targetNames[u] ?? tr('diagram.outputLabel'), layout.width - (col.x + layout.node / 2 + 6 + tail) - 2) : u}
                      </text>
                    );
                  })}
              </g>
            ))}
          </g>
          {keyboardFocus.value && cursor.value && <CursorMark layout={layout} cursor={fitCursor(cursor.value, drawn, useBias)} />}
        </svg>
      )}
      <p class="sr-only" aria-live="polite" data-testid="diagram-announce">
        {keyboardFocus.value && hover.value ? hover.value.text : ''}
      </p>
      {layout && twoD && fieldMode && <canvas ref={fieldCanvas} class="neuron-fields" aria-hidden="true" data-testid="neuron-fields" />}
      <p class="diagram__legend" aria-hidden="true">
        <T k="diagram.legend" slots={{ neg: <span class="swatch swatch--negative" />, pos: <span class="swatch swatch--positive" /> }} />
      </p>
      <Tooltip hover={hover} editing={editing} width={layout?.width ?? 300} />
      <WeightEditor editing={editing} maxX={(layout?.width ?? 300) - 220} />
    </div>
  );
}

interface Parts {
  edges: { el: SVGPathElement; l: number; u: number; i: number }[];
  /** The look each edge was last given (sign, width and opacity, quantised). */
  edgeKeys: Int32Array;
  neurons: { el: SVGRectElement; l: number; u: number }[];
  neuronKeys: Int32Array;
  /** Where each neuron's heatmap goes on the overlay canvas (CSS pixels). */
  fields: { c: number; u: number; x: number; y: number; size: number; painted: boolean }[];
  ctx: CanvasRenderingContext2D | null;
}

function unitName(column: number, unit: number, last: number, names: string[]): string {
  if (column === 0) return names[unit] ?? `x${unit + 1}`;
  if (column === last) return names[unit] ? tr('diagram.outputNamed', { name: names[unit] }) : tr('diagram.outputNumber', { unit: unit + 1 });
  return tr('diagram.hidden', { layer: column, unit: unit + 1 });
}
