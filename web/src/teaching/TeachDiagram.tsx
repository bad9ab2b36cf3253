// The network for teaching mode: the same layout and look as the Play mode's diagram
// (computeLayout), drawn from the step on screen instead of the live snapshot. The step's
// layer stands out: its weights are drawn by the step's quantity (w forward, dL/dw backward,
// the change Δw in an update), with a slow flow along them in the step's direction, and its
// neurons are labelled with the value the step computed. Everything else stays quiet.
import { useSignal } from '@preact/signals';
import { useMemo, useRef } from 'preact/hooks';
import { computeLayout, layerWidths } from '../components/diagram-layout';
import { useSize } from '../components/useSize';
import { divergingCss } from '../lib/colors';
import { describe } from './describe';
import { at, show } from './format';
import { labelOf } from './formulas';
import { sameTarget, useTeaching, type Target } from './state';
import { touches } from './NumberTables';
import type { TeachView } from '../worker/teach-protocol';
import { joinList, t } from '../i18n';

/** Room on the right for the loss node. */
const LOSS_SPACE = 72;
/** Room left of the inputs for their values (a value such as −0.01383 is about 55 px wide). */
const INPUT_LABEL_SPACE = 80;
/** Room above the columns for the layer names (two lines). */
const HEAD_SPACE = 34;

type Quantity = { name: string; value: (l: number, j: number, i: number) => number } | null;

/** What the active layer's edges show at this step. */
function edgeQuantity(v: TeachView, s: number): { layer: number; q: Quantity; dir: 'forward' | 'backward' | 'none' } {
  const { kind, layer } = v.phase;
  if (layer === null) return { layer: -1, q: null, dir: kind === 'loss' ? 'forward' : 'none' };
  const L = v.layers[layer];
  // Forward: each weight's share of its neuron's sum, w a (0 for an input of 0).
  if (kind === 'forward') return { layer, q: { name: 'w·a', value: (l, j, i) => at(v.layers[l].W, j, i) * at(v.layers[l].aPrev!, i, s) }, dir: 'forward' };
  if (kind === 'backward') return { layer, q: { name: 'dL/dw', value: (l, j, i) => at(v.layers[l].dW!, j, i) }, dir: 'backward' };
  return { layer, q: L.deltaW ? { name: 'Δw', value: (l, j, i) => at(v.layers[l].deltaW!, j, i) } : null, dir: 'none' };
}

/** The value written beside each neuron of column c at this step, if any. */
function neuronValue(v: TeachView, c: number, s: number): { name: string; value: (u: number) => number } | null {
  const { kind, layer } = v.phase;
  if (c === 0) return kind === 'start' || (kind === 'forward' && layer === 0) ? { name: 'x', value: (u) => at(v.batch.x, u, s) } : null;
  const l = c - 1;
  const ly = v.layers[l];
  if (kind === 'forward' && (layer === l || layer === l + 1) && ly.a) return { name: 'a', value: (u) => at(ly.a!, u, s) };
  if (kind === 'loss' && c === v.layers.length && ly.a) return { name: 'ŷ', value: (u) => at(ly.a!, u, s) };
  if (kind === 'backward' && (layer === l || layer === l + 1) && ly.dZ) return { name: 'δ', value: (u) => at(ly.dZ!, u, s) };
  if (kind === 'update' && layer === l && ly.useBias) return { name: 'b', value: (u) => at(ly.b, u) };
  return null;
}

export function TeachDiagram({ view, sample, featureNames }: { view: TeachView; sample: number; featureNames: string[] }) {
  const teaching = useTeaching();
  const box = useRef<HTMLDivElement>(null);
  const { width, height } = useSize(box);
  const widths = layerWidths(view.spec);
  const key = widths.join('-');
  const layout = useMemo(
    () => (width > 0 && height > 0 ? computeLayout(widths, Math.max(120, width - LOSS_SPACE), Math.max(80, height - HEAD_SPACE), INPUT_LABEL_SPACE) : null),
    [key, width, height],
  );
  const tip = useSignal<{ x: number; y: number } | null>(null);
  const hover = teaching.hover.value;
  const selected = teaching.selected.value;
  const L = view.layers.length;
  const { layer: active, q, dir } = edgeQuantity(view, sample);
  const lossActive = view.phase.kind === 'loss';

  const targetOf = (e: MouseEvent): Target | null => {
    const d = (e.target as SVGElement).dataset;
    if (!d) return null;
    if (d.c !== undefined) return { kind: 'neuron', col: Number(d.c), unit: Number(d.u) };
    if (d.l !== undefined) return { kind: 'weight', layer: Number(d.l), unit: Number(d.u), input: Number(d.i) };
    return null;
  };

  let body = null;
  if (layout) {
    const node = layout.node;
    const cols = layout.columns;
    // The active layer's edge scale: the largest |quantity| among its drawn edges.
    let scale = 0;
    if (q && active >= 0) {
      for (let j = 0; j < cols[active + 1].drawn; ++j) for (let i = 0; i < cols[active].drawn; ++i) scale = Math.max(scale, Math.abs(q.value(active, j, i)));
    }
    const edges = [];
    for (let l = 0; l < L; ++l) {
      const prev = cols[l], col = cols[l + 1];
      const x0 = prev.x + node / 2, x1 = col.x - node / 2, mid = (x0 + x1) / 2;
      const isActive = l === active;
      const group = [];
      for (let j = 0; j < col.drawn; ++j)
        for (let i = 0; i < prev.drawn; ++i) {
          const d = dir === 'backward'
            ? `M${x1},${col.ys[j] + HEAD_SPACE} C${mid},${col.ys[j] + HEAD_SPACE} ${mid},${prev.ys[i] + HEAD_SPACE} ${x0},${prev.ys[i] + HEAD_SPACE}`
            : `M${x0},${prev.ys[i] + HEAD_SPACE} C${mid},${prev.ys[i] + HEAD_SPACE} ${mid},${col.ys[j] + HEAD_SPACE} ${x1},${col.ys[j] + HEAD_SPACE}`;
          const t: Target = { kind: 'weight', layer: l, unit: j, input: i };
          const hot = touches(hover, t) || (hover?.kind === 'weight' && sameTarget(hover, t));
          const isSel = sameTarget(selected, t);
          let stroke = 'var(--line)', w = 1, opacity = 0.45;
          if (isActive && q) {
            const value = q.value(l, j, i);
            const r = scale > 0 ? Math.abs(value) / scale : 0;
            stroke = value >= 0 ? 'var(--positive)' : 'var(--negative)';
            w = 0.6 + 3.6 * Math.sqrt(r);
            opacity = value === 0 ? 0.25 : 0.35 + 0.6 * Math.sqrt(r);
          } else if (isActive) {
            stroke = 'var(--accent)';
            opacity = 0.55;
          }
          group.push(<path key={`h${j}-${i}`} class="edge-hit" d={d} data-l={l} data-u={j} data-i={i} />);
          group.push(
            <path
              key={`v${j}-${i}`}
              class={`edge${hot ? ' is-hot' : ''}${isSel ? ' is-selected' : ''}`}
              d={d}
              fill="none"
              stroke={stroke}
              stroke-width={hot || isSel ? w + 1.5 : w}
              stroke-opacity={hot || isSel ? 1 : opacity}
            />,
          );
          if (isActive && dir !== 'none') group.push(<path key={`f${j}-${i}`} class="edge-flow" d={d} fill="none" />);
        }
      edges.push(
        <g key={l} class={isActive ? 'is-active' : undefined} data-testid={`teach-edges-${l}`}>
          {group}
        </g>,
      );
    }
    const lossX = width - 20;
    const lossY = (cols[L].ys[0] + cols[L].ys[cols[L].drawn - 1]) / 2 + HEAD_SPACE;
    const lossValue = view.loss?.batchLoss;
    body = (
      <>
        <g class="teach-heads">
          {cols.map((col, c) => {
            const isStep = (view.phase.layer !== null && (c === view.phase.layer + 1 || (view.phase.kind !== 'update' && c === view.phase.layer))) || (lossActive && c === L);
            return (
              <text key={c} class={`teach-head${isStep ? ' is-active' : ''}`} x={col.x} y={11} text-anchor="middle">
                <tspan x={col.x}>{c === 0 ? t('teach.diagram.input') : c === L ? t('teach.diagram.output') : t('teach.diagram.layer', { layer: c })}</tspan>
                <tspan x={col.x} dy={13} class="teach-head__sub">
                  {c === 0 ? t('teach.diagram.features', { count: view.spec.input_dim }) : labelOf(view.layers[c - 1].activation)}
                </tspan>
              </text>
            );
          })}
          <text class={`teach-head${lossActive ? ' is-active' : ''}`} x={lossX} y={11} text-anchor="middle">
            {t('teach.diagram.loss')}
          </text>
        </g>
        <g class="edges">{edges}</g>
        <g class="loss-links">
          {cols[L].ys.map((y, u) => (
            <path key={u} d={`M${cols[L].x + node / 2},${y + HEAD_SPACE} L${lossX - 16},${lossY}`} class={`loss-link${lossActive ? ' is-active' : ''}`} />
          ))}
        </g>
        <g class="neurons">
          {cols.map((col, c) => {
            const nv = neuronValue(view, c, sample);
            let vmax = 0;
            if (nv) for (let u = 0; u < col.drawn; ++u) vmax = Math.max(vmax, Math.abs(nv.value(u)));
            // Values go right of their neurons, except where the step's weights leave them (the
            // inputs of a forward step) and at the input layer: there they go left.
            const labelLeft = c === 0 || (view.phase.kind === 'forward' && c === view.phase.layer);
            const colActive = (view.phase.layer !== null && (c === view.phase.layer + 1 || (c === view.phase.layer && view.phase.kind !== 'update'))) || (lossActive && c === L) || (view.phase.kind === 'start' && c === 0);
            return (
              <g key={c} data-testid={`teach-col-${c}`}>
                {col.ys.map((y0, u) => {
                  const y = y0 + HEAD_SPACE;
                  const t: Target = { kind: 'neuron', col: c, unit: u };
                  const hot = touches(hover, t);
                  const isSel = sameTarget(selected, t);
                  const value = nv?.value(u);
                  const fill = value !== undefined && vmax > 0 ? divergingCss(value / vmax) : c === 0 ? '#f8fafc' : 'var(--surface)';
                  return (
                    <g key={u}>
                      <rect
                        class={`neuron${colActive ? ' is-active' : ''}${hot ? ' is-hot' : ''}${isSel ? ' is-selected' : ''}`}
                        x={col.x - node / 2}
                        y={y - node / 2}
                        width={node}
                        height={node}
                        rx={Math.min(6, node / 4)}
                        data-c={c}
                        data-u={u}
                        fill={fill}
                      />
                      {value !== undefined && (
                        <text class="teach-value" x={labelLeft ? col.x - node / 2 - 4 : col.x + node / 2 + 4} y={y} text-anchor={labelLeft ? 'end' : 'start'} dominant-baseline="central">
                          {show(value)}
                        </text>
                      )}
                    </g>
                  );
                })}
                {col.units > col.drawn && (
                  <text class="more" x={col.x} y={col.ys[col.drawn - 1] + HEAD_SPACE + node} text-anchor="middle">
                    {t('teach.diagram.more', { count: col.units - col.drawn })}
                  </text>
                )}
              </g>
            );
          })}
        </g>
        <g class={`loss-node${lossActive ? ' is-active' : ''}`} data-testid="teach-loss-node">
          <circle cx={lossX} cy={lossY} r={15} />
          <text x={lossX} y={lossY} text-anchor="middle" dominant-baseline="central" class="loss-node__label">
            L
          </text>
          {lossValue !== undefined && (
            <text x={width - 2} y={lossY + 28} text-anchor="end" class="teach-value">
              {show(lossValue)}
            </text>
          )}
        </g>
      </>
    );
  }

  const tipTarget = hover && tip.value ? describe(view, hover, sample, featureNames) : null;
  return (
    <div class="teach-diagram" ref={box} data-testid="teach-diagram" data-direction={dir}>
      {layout && (
        <svg
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-label={t(`teach.diagram.label.${view.phase.kind}`)}
          onMouseMove={(e) => {
            const t = targetOf(e);
            const rect = box.current!.getBoundingClientRect();
            tip.value = t ? { x: e.clientX - rect.left, y: e.clientY - rect.top } : null;
            if (!sameTarget(t, teaching.hover.peek())) teaching.hover.value = t;
          }}
          onMouseLeave={() => {
            tip.value = null;
            teaching.hover.value = null;
          }}
          onClick={(e) => {
            const t = targetOf(e);
            if (t) teaching.select(t);
          }}
        >
          {body}
        </svg>
      )}
      {tipTarget && tip.value && (
        <div
          class="tooltip teach-tip"
          role="tooltip"
          data-testid="teach-tooltip"
          style={{ left: `${Math.min(tip.value.x + 14, Math.max(0, width - 250))}px`, top: `${Math.min(tip.value.y + 14, Math.max(0, height - 40 - 20 * tipTarget.facts.length))}px` }}
        >
          <strong>{tipTarget.title}</strong>
          <dl>
            {tipTarget.facts.map((f) => (
              <div key={f.label} class={f.now ? 'is-now' : undefined}>
                <dt>{f.label}</dt>
                <dd>{show(f.value)}</dd>
              </div>
            ))}
          </dl>
          {tipTarget.pending.length > 0 && <small>{t('teach.stillToComeTip', { items: joinList(tipTarget.pending, 'semicolon') })}</small>}
          <small>{t('teach.tipHint')}</small>
        </div>
      )}
    </div>
  );
}
