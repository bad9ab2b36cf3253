// The network diagram's neurons: a square per unit (its bias sets the fill, painted by
// diagram-paint.ts), a "+k more" mark for wide layers, the inputs' names on the left and the
// outputs' names (or class numbers, in their colours) on the right.
import { classColor, css } from '../lib/colors';
import { fitLabel, type Layout } from './diagram-layout';
import { t as tr } from '../i18n';

export function DiagramNeurons({ layout, useBias, featureNames, targetNames, tail }: { layout: Layout; useBias: boolean; featureNames: string[]; targetNames: string[]; tail: number }) {
  return (
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
  );
}
