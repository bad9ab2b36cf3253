// The network as neurons and weights. The SVG's structure is rendered when the architecture
// or the size changes; each snapshot then only updates the colour, width and value of the
// existing edges and neurons (diagram-paint.ts; the geometry is diagram-layout.ts). Hovering shows a weight or bias exactly; clicking edits it. With
// the keyboard, the arrow keys pick a weight or bias and Enter edits it (diagram-keys.ts).
import { useComputed, useSignal, useSignalEffect } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { plain } from '../lib/data-view';
import { fitCursor, moveCursor, type Cursor } from './diagram-keys';
import type { FieldMode } from '../lib/plot2d';
import type { Snapshot } from '../worker/protocol';
import { useApp } from './fields';
import { computeLayout, edgePath, labelPads, layerWidths, outputNames, tailRoom, weightPoint } from './diagram-layout';
import { collectParts, makeFieldPainters, paintNeuronFields, paintWeights, weightAt, type FieldPainters, type Parts, type Weights } from './diagram-paint';
import { CursorMark, Tooltip, WeightEditor, type Editing, type Target } from './DiagramOverlays';
import { useSize } from './useSize';
import { bandsOf, denseIndices } from '../lib/layer-kinds';
import { LayerBands } from './LayerBands';
import { DiagramNeurons } from './DiagramNeurons';
import { t as tr } from '../i18n';
import { parseWeightName } from '../lib/weight-names';
import { T } from '../i18n/T';

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
  const painters = useRef<FieldPainters | null>(null);
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

  function restyle(s: Snapshot | null) {
    if (!s || !layout || engineOf.length !== layout.columns.length - 1 || s.weights.length <= engineOf[engineOf.length - 1]) return;
    if (!parts.current && box.current) parts.current = collectParts(svg.current, fieldCanvas.current, layout, hasNeuronGrids);
    const p = parts.current;
    if (!p) return;
    paintWeights(p, denseWeights(s));
    // Heatmaps on the neurons of a 2-D network: what each one outputs over the input plane.
    const view = app.view2d.peek();
    if (!view || !fieldMode || !p.ctx || p.fields.length === 0) return;
    if (!painters.current) painters.current = makeFieldPainters(view.n);
    paintNeuronFields(s, p, painters.current, fieldMode, engineOf, layout.columns.length);
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

  // The weights that are the landscape's axes are marked (dashed), by the engine's layer index.
  const axisNames = useComputed(() => {
    const st = app.settings.value;
    return st.landscapeAxes === 'weights' ? [st.landscapeX, st.landscapeY].join(' ') : '';
  }).value;
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    for (const old of el.querySelectorAll('.is-axis')) old.classList.remove('is-axis');
    for (const name of axisNames.split(' ')) {
      const w = parseWeightName(name), l = w ? engineOf.indexOf(w.layer) : -1;
      if (!w || l < 0) continue;
      const selector = w.param === 'bias' ? `rect.neuron[data-l="${l}"][data-u="${w.unit}"]` : `path.edge[data-l="${l}"][data-u="${w.unit}"][data-i="${w.input}"]`;
      el.querySelector(selector)?.classList.add('is-axis');
    }
  }, [axisNames, layout, engineOf]);

  // Shift-click (or Shift+Enter): the weight becomes an axis of the loss landscape (state/app.ts).
  const pickAxis = (t: Target) =>
    app.useAsLandscapeAxis({ layer: engineOf[t.layer], param: t.kind === 'bias' ? 'bias' : 'kernel', unit: t.unit, input: Math.max(0, t.input) }, null);

  const useBias = (spec?.layers[engineOf[0] ?? 0] as { use_bias?: boolean } | undefined)?.use_bias ?? true;
  const drawn = layout ? layout.columns.map((c) => c.drawn) : [];

  // Where the cursor's weight (the middle of its edge) or bias (its neuron) is drawn.
  const cursorTarget = (c: Cursor): Target => ({ kind: c.input < 0 ? 'bias' : 'weight', layer: c.layer, unit: c.unit, input: c.input < 0 ? -1 : c.input, ...weightPoint(layout!, c.layer, c.unit, c.input) });
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
            if (next === c && e.shiftKey && e.key === 'Enter') void pickAxis(cursorTarget(c));
            else if (next === c) {
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
            if (t && e.shiftKey) void pickAxis(t);
            else if (t) void startEdit(t);
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
          <DiagramNeurons layout={layout} useBias={useBias} featureNames={featureNames} targetNames={targetNames} tail={tail} />
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

function unitName(column: number, unit: number, last: number, names: string[]): string {
  if (column === 0) return names[unit] ?? `x${unit + 1}`;
  if (column === last) return names[unit] ? tr('diagram.outputNamed', { name: names[unit] }) : tr('diagram.outputNumber', { unit: unit + 1 });
  return tr('diagram.hidden', { layer: column, unit: unit + 1 });
}
