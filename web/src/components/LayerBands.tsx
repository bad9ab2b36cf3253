// The layers that are not Dense (Dropout, BatchNormalization, Activation, ...) as thin labelled
// bands across the edges between two columns of neurons: they keep the width of a row, so they
// sit on the wires rather than take a column. Hover shows the layer's class and arguments.
import type { BandLayer } from '../lib/layer-kinds';
import { classNameOf } from '../lib/layer-kinds';
import { bandLabel, bandTitle } from '../lib/layer-kinds-text';
import { BAND_GAP as GAP, BAND_WIDTH as BAND, type Layout } from './diagram-layout';

export function LayerBands({ layout, bands }: { layout: Layout; bands: BandLayer[][] }) {
  const cols = layout.columns;
  const last = cols.length - 1;
  return (
    <g class="layer-bands" data-testid="layer-bands">
      {bands.map((band, c) => {
        if (band.length === 0) return null;
        // Between column c and c + 1; past the output column, right of it.
        const left = cols[Math.min(c, last)], right = cols[Math.min(c + 1, last)];
        const total = band.length * BAND + (band.length - 1) * GAP;
        // Past the output: just right of its neurons, before their names (tailRoom).
        const mid = c + 1 <= last ? (left.x + right.x) / 2 : left.x + layout.node / 2 + 4 + total / 2;
        const ys = [...left.ys, ...right.ys];
        // Tall enough for its longest label (about 6 px a character at 10 px, rotated).
        const room = Math.max(...band.map((b) => bandLabel(b.layer).length)) * 6 + 10;
        const centre = (Math.min(...ys) + Math.max(...ys)) / 2;
        const half = Math.max(room, Math.max(...ys) - Math.min(...ys) + layout.node) / 2;
        const top = Math.max(2, centre - half);
        const bottom = Math.min(layout.height - 2, centre + half);
        return (
          <g key={c} data-testid={`band-${c}`}>
            {band.map((b, k) => {
              const x = mid - total / 2 + k * (BAND + GAP);
              const cy = (top + bottom) / 2;
              return (
                <g key={b.index} class={`band band--${classNameOf(b.layer).toLowerCase()}`} data-testid={`band-layer-${b.index}`} data-kind={classNameOf(b.layer)}>
                  <title>{bandTitle(b.layer, b.index + 1)}</title>
                  <rect x={x} y={top} width={BAND} height={bottom - top} rx={4} />
                  <text x={x + BAND / 2} y={cy} text-anchor="middle" dominant-baseline="central" transform={`rotate(-90 ${x + BAND / 2} ${cy})`}>
                    {bandLabel(b.layer)}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </g>
  );
}
