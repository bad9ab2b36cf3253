// A small picture of a dataset for the picker: its points, its curve or its bit matrix.
import { useEffect, useRef } from 'preact/hooks';
import { classColor, css, divergingCss } from '../lib/colors';
import { column, view2dFor } from '../lib/data-view';
import { fitCanvas, labelOf, toPixel } from '../lib/plot2d';
import type { Dataset } from '../lib/types';
import { targetInfo } from '../state/model-for-data';

const SIZE = 44;

function draw(ctx: CanvasRenderingContext2D, d: Dataset): void {
  ctx.clearRect(0, 0, SIZE, SIZE);
  const t = targetInfo(d);
  if (d.features === 2) {
    const v = view2dFor(d)!;
    const ys = column({ ...d, x: d.y, features: d.targets }, 0);
    const scale = Math.max(1e-9, ...Array.from(ys, Math.abs));
    for (let r = 0; r < d.rows; ++r) {
      const [px, py] = toPixel(v, SIZE, d.x[r * 2], d.x[r * 2 + 1]);
      ctx.fillStyle = t.kind === 'regression' ? divergingCss(d.y[r] / scale) : css(classColor(labelOf(d, r)));
      ctx.fillRect(px - 1.5, py - 1.5, 3, 3);
    }
  } else if (d.features === 1) {
    let lo = Infinity, hi = -Infinity, ylo = Infinity, yhi = -Infinity;
    for (let r = 0; r < d.rows; ++r) {
      lo = Math.min(lo, d.x[r]);
      hi = Math.max(hi, d.x[r]);
      ylo = Math.min(ylo, d.y[r]);
      yhi = Math.max(yhi, d.y[r]);
    }
    ctx.fillStyle = css(classColor(1));
    for (let r = 0; r < d.rows; ++r) {
      const px = 3 + ((d.x[r] - lo) / (hi - lo || 1)) * (SIZE - 6);
      const py = SIZE - 6 - ((d.y[r] - ylo) / (yhi - ylo || 1)) * (SIZE - 12);
      ctx.fillRect(px - 1, py - 1, 2.5, 2.5);
    }
  } else {
    // A bit matrix: one row per sample, one cell per feature, the label as a last cell.
    const rows = Math.min(d.rows, 12), cols = d.features + 1;
    const cell = Math.floor(Math.min((SIZE - 4) / cols, (SIZE - 4) / rows));
    const ox = (SIZE - cell * cols) / 2, oy = (SIZE - cell * rows) / 2;
    for (let r = 0; r < rows; ++r) {
      for (let f = 0; f < d.features; ++f) {
        ctx.fillStyle = d.x[r * d.features + f] > 0.5 ? '#334155' : '#e2e8f0';
        ctx.fillRect(ox + f * cell, oy + r * cell, cell - 1, cell - 1);
      }
      ctx.fillStyle = css(classColor(labelOf(d, r)));
      ctx.fillRect(ox + d.features * cell + 1, oy + r * cell, cell - 1, cell - 1);
    }
  }
}

export function DatasetThumb({ data }: { data: Dataset | undefined }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current && data) draw(fitCanvas(ref.current, SIZE, SIZE), data);
  }, [data]);
  return <canvas ref={ref} class="thumb" style={{ width: `${SIZE}px`, height: `${SIZE}px` }} aria-hidden="true" />;
}
