// The network for teaching mode: the same layout and look as the Play mode's diagram
// (computeLayout), drawn from the step on screen instead of the live snapshot. The step's
// layer stands out: its weights are drawn by the step's quantity (w forward, dL/dw backward,
// the change Δw in an update), with a slow flow along them in the step's direction, and its
// neurons are labelled with the value the step computed. Everything else stays quiet.
import { useSignal } from '@preact/signals';
import { useMemo, useRef } from 'preact/hooks';
import { layerWidths } from '../components/diagram-layout';
import { useSize } from '../components/useSize';
import { divergingCss } from '../lib/colors';
import { describe } from './describe';
import { HEAD_SPACE, headLines, headRoom, teachLayout, valueRoom } from './teach-layout';
import { exact, show, showSig } from '../lib/number-format';
import { labelOf } from './formulas';
import { sameTarget, useTeaching, type Target } from './state';
import { touches } from './NumberTables';
import type { TeachView } from '../worker/teach-protocol';
import { shortActivationLabel } from '../lib/catalogue';
import { digitsThatFit, edgeQuantity, neuronValue } from './diagram-values';
import { teachEdges } from './teach-edges';
import { joinList, t } from '../i18n';

export function TeachDiagram({ view, sample, featureNames }: { view: TeachView; sample: number; featureNames: string[] }) {
  const teaching = useTeaching();
  const box = useRef<HTMLDivElement>(null);
  const { width, height } = useSize(box);
  const widths = layerWidths(view.spec);
  const selected = teaching.selected.value;
  // The unit each column keeps in view: the selected neuron, or the ends of the selected weight.
  const focus = widths.map((_, c) => {
    if (selected?.kind === 'neuron' && selected.col === c) return selected.unit;
    if (selected?.kind === 'weight' && selected.layer + 1 === c) return selected.unit;
    if (selected?.kind === 'weight' && selected.layer === c) return selected.input;
    return 0;
  });
  const key = `${widths.join('-')}/${focus.join('-')}`;
  const layout = useMemo(() => (width > 0 && height > 0 ? teachLayout(widths, width, height, focus) : null), [key, width, height]);
  const tip = useSignal<{ x: number; y: number } | null>(null);
  const hover = teaching.hover.value;
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
    const units = (c: number) => Array.from({ length: cols[c].shown }, (_, k) => cols[c].first + k);
    const edges = teachEdges({ view, layout, active, q, dir, hover, selected });
    const { lossX, lossY } = layout;
    const lossValue = view.loss?.batchLoss;
    body = (
      <>
        <g class="teach-heads">
          {cols.map((col, c) => {
            const isStep = (view.phase.layer !== null && (c === view.phase.layer + 1 || (view.phase.kind !== 'update' && c === view.phase.layer))) || (lossActive && c === L);
            const n = view.spec.input_dim;
            const f = c > 0 ? view.layers[c - 1].activation : null;
            const full: [string, string] = c === 0 ? [t('teach.diagram.input'), t('teach.diagram.features', { count: n })] : [c === L ? t('teach.diagram.output') : t('teach.diagram.layer', { layer: c }), labelOf(f!)];
            const short: [string, string] = c === 0 ? [t('teach.diagram.inputShort'), String(n)] : [c === L ? t('teach.diagram.outputShort') : t('teach.diagram.layerShort', { layer: c }), shortActivationLabel(f!)];
            const [title, sub] = headLines(headRoom(layout, c), full, short);
            return (
              <text key={c} class={`teach-head${isStep ? ' is-active' : ''}`} x={col.x} y={11} text-anchor="middle">
                <title>{t('teach.diagram.headTitle', { name: full[0], sub: full[1] })}</title>
                <tspan x={col.x}>{title}</tspan>
                {sub && (
                  <tspan x={col.x} dy={13} class="teach-head__sub">
                    {sub}
                  </tspan>
                )}
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
            <path key={u} d={`M${cols[L].x + node / 2},${y} L${lossX - 16},${lossY}`} class={`loss-link${lossActive ? ' is-active' : ''}`} />
          ))}
        </g>
        <g class="neurons">
          {cols.map((col, c) => {
            const nv = neuronValue(view, c, sample);
            const shownUnits = units(c);
            let vmax = 0;
            if (nv) for (const u of shownUnits) vmax = Math.max(vmax, Math.abs(nv.value(u)));
            // Values go right of their neurons, except where the step's weights leave them (the
            // inputs of a forward step) and at the input layer: there they go left. Each gap
            // holds one column's values, written with as many digits as fit (none if 2 do not).
            const values = nv ? shownUnits.map((u) => nv.value(u)) : [];
            let labelLeft = c === 0 || (view.phase.kind === 'forward' && c === view.phase.layer);
            let digits = nv ? digitsThatFit(values, valueRoom(layout, c, labelLeft ? 'left' : 'right')) : null;
            // Too tight on that side: the other side, when no other column writes its values there.
            const other = labelLeft ? c - 1 : c + 1;
            if (nv && digits === null && c > 0 && !(other >= 0 && other < cols.length && neuronValue(view, other, sample))) {
              const d = digitsThatFit(values, valueRoom(layout, c, labelLeft ? 'right' : 'left'));
              if (d !== null) {
                labelLeft = !labelLeft;
                digits = d;
              }
            }
            const valueX = labelLeft ? col.x - node / 2 - 4 : col.x + node / 2 + 4;
            const colActive = (view.phase.layer !== null && (c === view.phase.layer + 1 || (c === view.phase.layer && view.phase.kind !== 'update'))) || (lossActive && c === L) || (view.phase.kind === 'start' && c === 0);
            const hidden = col.units - col.shown;
            return (
              <g key={c} data-testid={`teach-col-${c}`}>
                {nv && digits !== null && (
                  <text class="teach-caption" data-testid="teach-caption" data-col={c} x={valueX} y={HEAD_SPACE - 8} text-anchor={labelLeft ? 'end' : 'start'}>
                    {nv.caption}
                  </text>
                )}
                {shownUnits.map((u, k) => {
                  const y = col.ys[k];
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
                      {value !== undefined && digits !== null && (
                        <text class="teach-value" x={valueX} y={y} text-anchor={labelLeft ? 'end' : 'start'} dominant-baseline="central" data-col={c} data-u={u} data-value={exact(value)}>
                          {showSig(value, digits)}
                        </text>
                      )}
                    </g>
                  );
                })}
                {col.first > 0 && (
                  <text class="more" x={col.x} y={col.ys[0] - node / 2 - 3} text-anchor="middle">
                    ⋮
                  </text>
                )}
                {hidden > 0 && (
                  // Staggered, so that neighbouring columns' marks do not run together.
                  <text class="more" x={col.x} y={col.ys[col.shown - 1] + node / 2 + 13 + (c % 2) * 13} text-anchor="middle">
                    <title>{t('teach.diagram.hiddenTitle', { hidden, count: col.units })}</title>
                    {t('teach.diagram.hidden', { count: hidden })}
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
            <text x={lossX} y={lossY + 30} text-anchor="middle" class="teach-value loss-node__value" data-value={exact(lossValue)}>
              {showSig(lossValue, 3)}
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
