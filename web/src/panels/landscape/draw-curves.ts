// Drawing the 1-D cut (the surface's middle row: the loss along the first direction, through the
// current weights) and the learning-rate sweep's curve. Only drawing: every value is the engine's.
import type { LandscapeView, LrSweep } from '../../worker/landscape-protocol';

const PAD = { left: 6, right: 6, top: 8, bottom: 6 };

function frame(ctx: CanvasRenderingContext2D, w: number, h: number): void {
  ctx.clearRect(0, 0, w, h);
  ctx.strokeStyle = 'rgba(128,128,128,0.5)';
  ctx.lineWidth = 1;
  ctx.strokeRect(0.5, 0.5, w - 1, h - 1);
}

/** The middle row of the grid (b = 0), as a line, with the current point at a = 0. */
export function drawCut(ctx: CanvasRenderingContext2D, w: number, h: number, view: LandscapeView, log: boolean): void {
  frame(ctx, w, h);
  const n = view.resolution, row = (n - 1) / 2;
  const values = Array.from({ length: n }, (_, i) => view.losses[row * n + i]);
  const tr = (v: number) => (log && v > 0 ? Math.log(v) : v);
  const finite = values.filter(Number.isFinite).map(tr);
  if (finite.length === 0) return;
  const lo = Math.min(...finite), hi = Math.max(...finite), span = hi - lo || 1;
  const x = (i: number) => PAD.left + (i / (n - 1)) * (w - PAD.left - PAD.right);
  const y = (v: number) => h - PAD.bottom - ((tr(v) - lo) / span) * (h - PAD.top - PAD.bottom);
  ctx.beginPath();
  values.forEach((v, i) => (Number.isFinite(v) ? (i === 0 ? ctx.moveTo(x(i), y(v)) : ctx.lineTo(x(i), y(v))) : undefined));
  ctx.strokeStyle = 'rgb(8,119,189)';
  ctx.lineWidth = 2;
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(x(row), y(view.centre), 4, 0, 2 * Math.PI);
  ctx.fillStyle = '#f59322';
  ctx.fill();
}

/** Pixel x of each rate, on a log scale over the sweep's range. */
export function sweepX(s: LrSweep, w: number): (i: number) => number {
  const lo = Math.log(s.rates[0]), span = Math.log(s.rates[s.rates.length - 1]) - lo || 1;
  return (i) => PAD.left + ((Math.log(s.rates[i]) - lo) / span) * (w - PAD.left - PAD.right);
}

/** Loss after the sweep's steps per rate: too small barely moves it, a good one lowers it most, the
 * diverged ones (red, drawn at the top) make it grow. The dashed line is the starting loss. */
export function drawSweep(ctx: CanvasRenderingContext2D, w: number, h: number, s: LrSweep, chosen: number): void {
  frame(ctx, w, h);
  const shown = Array.from(s.losses).filter((v, i) => Number.isFinite(v) && !s.diverged[i]).concat([s.startLoss]);
  const lo = Math.min(...shown), hi = Math.max(...shown) * 1.05, span = hi - lo || 1;
  const x = sweepX(s, w);
  const y = (v: number) => h - PAD.bottom - ((Math.min(v, hi) - lo) / span) * (h - PAD.top - PAD.bottom);
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  ctx.moveTo(PAD.left, y(s.startLoss));
  ctx.lineTo(w - PAD.right, y(s.startLoss));
  ctx.strokeStyle = 'rgba(128,128,128,0.8)';
  ctx.lineWidth = 1;
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.beginPath();
  let drawing = false;
  for (let i = 0; i < s.rates.length; i++) {
    if (s.diverged[i]) {
      drawing = false;
      continue;
    }
    if (drawing) ctx.lineTo(x(i), y(s.losses[i]));
    else ctx.moveTo(x(i), y(s.losses[i]));
    drawing = true;
  }
  ctx.strokeStyle = 'rgb(8,119,189)';
  ctx.lineWidth = 2;
  ctx.stroke();
  for (let i = 0; i < s.rates.length; i++) {
    const cy = s.diverged[i] ? PAD.top : y(s.losses[i]);
    ctx.beginPath();
    ctx.arc(x(i), cy, i === chosen ? 5 : 2.5, 0, 2 * Math.PI);
    ctx.fillStyle = s.diverged[i] ? 'rgb(214,39,40)' : i === chosen ? '#f59322' : 'rgb(8,119,189)';
    ctx.fill();
  }
}

/** The race's loss curves, one colour per racer, over the same epochs; the dashed line is the target. */
export function drawRace(ctx: CanvasRenderingContext2D, w: number, h: number, curves: { losses: number[] }[], target: number, colors: readonly string[]): void {
  frame(ctx, w, h);
  const all = curves.flatMap((c) => c.losses).filter(Number.isFinite).concat([target]);
  const lo = Math.min(...all), hi = Math.max(...all), span = hi - lo || 1;
  const epochs = Math.max(1, ...curves.map((c) => c.losses.length));
  const x = (e: number) => PAD.left + (e / Math.max(1, epochs - 1)) * (w - PAD.left - PAD.right);
  const y = (v: number) => h - PAD.bottom - ((v - lo) / span) * (h - PAD.top - PAD.bottom);
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  ctx.moveTo(PAD.left, y(target));
  ctx.lineTo(w - PAD.right, y(target));
  ctx.strokeStyle = 'rgba(128,128,128,0.8)';
  ctx.lineWidth = 1;
  ctx.stroke();
  ctx.setLineDash([]);
  curves.forEach((c, k) => {
    ctx.beginPath();
    c.losses.forEach((v, e) => (Number.isFinite(v) ? (e === 0 ? ctx.moveTo(x(e), y(v)) : ctx.lineTo(x(e), y(v))) : undefined));
    ctx.strokeStyle = colors[k % colors.length];
    ctx.lineWidth = 2;
    ctx.stroke();
  });
}
