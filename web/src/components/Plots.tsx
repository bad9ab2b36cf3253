// The output over the input space: for 2-D inputs the decision boundary (a 100 x 100 grid,
// predicted in one call by the worker) with the training and test points; for one input the
// predicted curve over the data.
import { useSignalEffect } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { css, POSITIVE } from '../lib/colors';
import { drawAxes, drawPoints, FieldPainter, fitCanvas, type FieldMode } from '../lib/plot2d';
import type { Dataset, View2D } from '../lib/types';
import { useApp } from './fields';
import { useSize } from './useSize';
import { t } from '../i18n';

export function BoundaryPlot({ mode, maxSize }: { mode: FieldMode; maxSize: number }) {
  const app = useApp();
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const painter = useRef<FieldPainter | null>(null);
  /** Axes and points, drawn once per dataset and size, laid over the field every frame. */
  const overlay = useRef<{ canvas: HTMLCanvasElement; key: unknown[] } | null>(null);
  const { width } = useSize(box);
  const size = Math.max(100, Math.min(width, maxSize));

  const pointsLayer = (view: View2D, split: { train: Dataset; test: Dataset }, pixels: number): HTMLCanvasElement => {
    const key = [view, split, pixels, mode];
    const cached = overlay.current;
    if (cached && cached.key.every((k, i) => k === key[i])) return cached.canvas;
    const layer = cached?.canvas ?? document.createElement('canvas');
    layer.width = layer.height = pixels;
    const ctx = layer.getContext('2d')!;
    ctx.setTransform(pixels / size, 0, 0, pixels / size, 0, 0);
    ctx.clearRect(0, 0, size, size);
    drawAxes(ctx, view, size);
    drawPoints(ctx, view, size, split.train, mode, false);
    drawPoints(ctx, view, size, split.test, mode, true);
    overlay.current = { canvas: layer, key };
    return layer;
  };

  const draw = () => {
    const s = app.snapshot.value;
    const view = app.view2d.value;
    const split = app.split.value;
    if (!canvas.current || !view || !split || width === 0) return;
    const ctx = fitCanvas(canvas.current, size, size);
    if (s?.grid && s.grid.length === view.n * view.n * s.outputWidth) {
      if (!painter.current || painter.current.n !== view.n) painter.current = new FieldPainter(view.n);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(painter.current.paint(s.grid, s.outputWidth, mode), 0, 0, size, size);
    } else {
      ctx.fillStyle = '#f8fafc';
      ctx.fillRect(0, 0, size, size);
    }
    ctx.drawImage(pointsLayer(view, split, canvas.current.width), 0, 0, size, size);
  };
  useSignalEffect(draw);
  useEffect(draw, [size, mode]);

  return (
    <div class="plot" ref={box}>
      <canvas
        ref={canvas}
        style={{ width: `${size}px`, height: `${size}px` }}
        role="img"
        aria-label={t('output.boundary')}
        data-testid="boundary"
      />
    </div>
  );
}

export function CurvePlot({ height }: { height: number }) {
  const app = useApp();
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const { width } = useSize(box);

  const draw = () => {
    const s = app.snapshot.value;
    const view = app.view1d.value;
    const split = app.split.value;
    if (!canvas.current || !view || !split || width === 0) return;
    const ctx = fitCanvas(canvas.current, width, height);
    ctx.clearRect(0, 0, width, height);
    let lo = Infinity, hi = -Infinity;
    for (const d of [split.train, split.test]) for (const v of d.y) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
    const pad = 0.15 * (hi - lo || 1);
    lo -= pad;
    hi += pad;
    const px = (x: number) => ((x - view.xMin) / (view.xMax - view.xMin)) * width;
    const py = (y: number) => height - ((y - lo) / (hi - lo)) * height;
    ctx.strokeStyle = 'rgba(15,23,42,0.12)';
    ctx.beginPath();
    ctx.moveTo(0, Math.round(py(0)) + 0.5);
    ctx.lineTo(width, Math.round(py(0)) + 0.5);
    ctx.stroke();
    for (const [d, test] of [
      [split.train, false],
      [split.test, true],
    ] as const) {
      ctx.fillStyle = test ? 'rgba(245,147,34,0.85)' : css(POSITIVE, 0.55);
      for (let r = 0; r < d.rows; ++r) {
        ctx.beginPath();
        ctx.arc(px(d.x[r]), py(d.y[r]), 2.5, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    if (s?.curve) {
      ctx.strokeStyle = 'var(--accent)';
      ctx.strokeStyle = getComputedStyle(canvas.current).getPropertyValue('--accent').trim() || '#0f766e';
      ctx.lineWidth = 2.5;
      ctx.beginPath();
      for (let i = 0; i < view.n; ++i) {
        const x = view.xMin + (i / (view.n - 1)) * (view.xMax - view.xMin);
        const y = s.curve[i * s.outputWidth];
        if (i === 0) ctx.moveTo(px(x), py(y));
        else ctx.lineTo(px(x), py(y));
      }
      ctx.stroke();
    }
  };
  useSignalEffect(draw);
  useEffect(draw, [width, height]);

  return (
    <div class="plot plot--curve" ref={box}>
      <canvas ref={canvas} style={{ width: '100%', height: `${height}px` }} role="img" aria-label={t('output.curve')} data-testid="curve" />
    </div>
  );
}
