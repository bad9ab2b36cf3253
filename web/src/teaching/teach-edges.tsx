// Teach mode's weights, as curves from each drawn input to each drawn unit: quiet lines, except
// the step's layer, whose edges are coloured and sized by the step's quantity (diagram-values.ts)
// relative to the largest drawn one, with a flow along them in the step's direction. The hovered
// and the selected weight are lit.
import type { TeachView } from '../worker/teach-protocol';
import type { TeachLayout } from './teach-layout';
import { sameTarget, type Target } from './state';
import { touches } from './NumberTables';
import type { Quantity } from './diagram-values';

export function teachEdges({ view, layout, active, q, dir, hover, selected }: {
  view: TeachView;
  layout: TeachLayout;
  active: number;
  q: Quantity;
  dir: 'forward' | 'backward' | 'none';
  hover: Target | null;
  selected: Target | null;
}) {
  const L = view.layers.length;
  const node = layout.node;
  const cols = layout.columns;
  const units = (c: number) => Array.from({ length: cols[c].shown }, (_, k) => cols[c].first + k);
  // The active layer's edge scale: the largest |quantity| among its drawn edges.
  let scale = 0;
  if (q && active >= 0) for (const j of units(active + 1)) for (const i of units(active)) scale = Math.max(scale, Math.abs(q.value(active, j, i)));
  const edges = [];
  for (let l = 0; l < L; ++l) {
    const prev = cols[l], col = cols[l + 1];
    const x0 = prev.x + node / 2, x1 = col.x - node / 2, mid = (x0 + x1) / 2;
    const isActive = l === active;
    const group = [];
    for (let js = 0; js < col.shown; ++js)
      for (let is = 0; is < prev.shown; ++is) {
        const j = col.first + js, i = prev.first + is;
        const yj = col.ys[js], yi = prev.ys[is];
        const d = dir === 'backward' ? `M${x1},${yj} C${mid},${yj} ${mid},${yi} ${x0},${yi}` : `M${x0},${yi} C${mid},${yi} ${mid},${yj} ${x1},${yj}`;
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
  return edges;
}
