// Drawing the engine's loss surface (LandscapeView) on a canvas: a heat map of the grid, contour
// lines (marching squares through the same grid), the recorded path, the current point at the
// centre, and the two step arrows. Only drawing: the values, the path and the steps are the
// engine's; the colour of a value is its place between the surface's lowest and highest, on a
// linear or a log scale.
import type { LossSurface } from '../../worker/landscape-protocol';

const STOPS: readonly (readonly [number, number, number])[] = [
  [13, 8, 135], [84, 2, 163], [139, 10, 165], [185, 50, 137], [219, 92, 104], [244, 136, 73], [254, 188, 43], [240, 249, 33],
];
export const CONTOURS = 12;

function color(t: number, out: Uint8ClampedArray, at: number): void {
  const x = Math.min(1, Math.max(0, t)) * (STOPS.length - 1), k = Math.min(STOPS.length - 2, Math.floor(x)), f = x - k;
  for (let c = 0; c < 3; c++) out[at + c] = STOPS[k][c] + (STOPS[k + 1][c] - STOPS[k][c]) * f;
  out[at + 3] = 255;
}

/** A value's place in [0, 1] on the chosen scale (log: of the loss, from the lowest positive one). */
export function scaler(view: LossSurface, log: boolean): (v: number) => number {
  if (!log || !(view.lowest > 0)) {
    const span = view.highest - view.lowest || 1;
    return (v) => (v - view.lowest) / span;
  }
  const lo = Math.log(view.lowest), span = Math.log(view.highest) - lo || 1;
  return (v) => (Math.log(v) - lo) / span;
}

/** Plane coordinates to canvas pixels: the grid spans the square, coords[0] at the left and bottom. */
export function planeToPixel(view: LossSurface, size: number, x: number, y: number): [number, number] {
  const lo = view.coords[0], span = view.coords[view.resolution - 1] - lo;
  return [((x - lo) / span) * size, size - ((y - lo) / span) * size];
}

export function pixelToPlane(view: LossSurface, size: number, px: number, py: number): [number, number] {
  const lo = view.coords[0], span = view.coords[view.resolution - 1] - lo;
  return [lo + (px / size) * span, lo + ((size - py) / size) * span];
}

export function drawMap(ctx: CanvasRenderingContext2D, size: number, view: LossSurface, log: boolean, arrowScale: number): void {
  drawSurface(ctx, size, view, log);
  drawPath(ctx, size, view, view.path, 'rgba(255,255,255,0.9)');
  const [cx, cy] = planeToPixel(view, size, 0, 0);
  arrow(ctx, cx, cy, view.gradientStep.x * arrowScale, view.gradientStep.y * arrowScale, size, view, 'rgba(255,255,255,0.95)', []);
  arrow(ctx, cx, cy, view.nextStep.x * arrowScale, view.nextStep.y * arrowScale, size, view, 'rgba(20,230,160,0.95)', [3, 2]);
  currentPoint(ctx, cx, cy);
}

/** The race's map: the slice through the starting weights and each racer's path in its colour, ending in a dot. */
export function drawRaceMap(ctx: CanvasRenderingContext2D, size: number, view: LossSurface, log: boolean, paths: readonly Float64Array[], colors: readonly string[]): void {
  drawSurface(ctx, size, view, log);
  paths.forEach((p, k) => {
    const color = colors[k % colors.length];
    drawPath(ctx, size, view, p, color);
    const end = lastFinite(p);
    if (!end) return;
    const [x, y] = planeToPixel(view, size, end[0], end[1]);
    ctx.beginPath();
    ctx.arc(x, y, 3.5, 0, 2 * Math.PI);
    ctx.fillStyle = color;
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = '#fff';
    ctx.stroke();
  });
  const [cx, cy] = planeToPixel(view, size, 0, 0);
  currentPoint(ctx, cx, cy);
}

function lastFinite(p: Float64Array): [number, number] | null {
  for (let k = p.length - 2; k >= 0; k -= 2) if (Number.isFinite(p[k]) && Number.isFinite(p[k + 1])) return [p[k], p[k + 1]];
  return null;
}

function currentPoint(ctx: CanvasRenderingContext2D, cx: number, cy: number): void {
  ctx.beginPath();
  ctx.arc(cx, cy, 4.5, 0, 2 * Math.PI);
  ctx.fillStyle = '#fff';
  ctx.fill();
  ctx.lineWidth = 2;
  ctx.strokeStyle = '#111';
  ctx.stroke();
}

/** The heat map of the grid and its contour lines. */
function drawSurface(ctx: CanvasRenderingContext2D, size: number, view: LossSurface, log: boolean): void {
  const n = view.resolution, place = scaler(view, log);
  const image = new ImageData(n, n);
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      const v = view.losses[j * n + i];
      const at = ((n - 1 - j) * n + i) * 4;  // row 0 of the image is the top: the largest y
      if (Number.isFinite(v)) color(place(v), image.data, at);
      else image.data.set([255, 255, 255, 255], at);
    }
  const cells = document.createElement('canvas');
  cells.width = cells.height = n;
  cells.getContext('2d')!.putImageData(image, 0, 0);
  const cell = size / (n - 1);
  ctx.clearRect(0, 0, size, size);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(cells, -cell / 2, -cell / 2, size + cell, size + cell);  // cell centres on the grid points
  drawContours(ctx, size, view, place);
}

/** Marching squares: each cell's edges crossed by a level, joined by a segment. */
function drawContours(ctx: CanvasRenderingContext2D, size: number, view: LossSurface, place: (v: number) => number): void {
  const n = view.resolution, c = size / (n - 1);
  const at = (i: number, j: number) => place(view.losses[j * n + i]);
  ctx.beginPath();
  for (let k = 1; k < CONTOURS; k++) {
    const level = k / CONTOURS;
    for (let j = 0; j + 1 < n; j++)
      for (let i = 0; i + 1 < n; i++) {
        const corners: [number, number, number][] = [[i, j, at(i, j)], [i + 1, j, at(i + 1, j)], [i + 1, j + 1, at(i + 1, j + 1)], [i, j + 1, at(i, j + 1)]];
        if (corners.some((p) => !Number.isFinite(p[2]))) continue;
        const cross: [number, number][] = [];
        for (let e = 0; e < 4; e++) {
          const [x0, y0, v0] = corners[e], [x1, y1, v1] = corners[(e + 1) % 4];
          if ((v0 < level) !== (v1 < level)) {
            const f = (level - v0) / (v1 - v0);
            cross.push([(x0 + (x1 - x0) * f) * c, size - (y0 + (y1 - y0) * f) * c]);
          }
        }
        for (let s = 0; s + 1 < cross.length; s += 2) {
          ctx.moveTo(cross[s][0], cross[s][1]);
          ctx.lineTo(cross[s + 1][0], cross[s + 1][1]);
        }
      }
  }
  ctx.lineWidth = 0.8;
  ctx.strokeStyle = 'rgba(255,255,255,0.45)';
  ctx.stroke();
}

/** A path of plane points (x then y), broken where a point is not finite (a diverged step). */
function drawPath(ctx: CanvasRenderingContext2D, size: number, view: LossSurface, p: Float64Array, style: string): void {
  if (p.length < 4) return;
  ctx.beginPath();
  let drawing = false;
  for (let k = 0; k < p.length; k += 2) {
    if (!Number.isFinite(p[k]) || !Number.isFinite(p[k + 1])) {
      drawing = false;
      continue;
    }
    const [x, y] = planeToPixel(view, size, p[k], p[k + 1]);
    if (drawing) ctx.lineTo(x, y);
    else ctx.moveTo(x, y);
    drawing = true;
  }
  ctx.setLineDash([]);
  haloed(ctx, 1.8, style);
}

/** Strokes the current path in `style` over a dark halo, so that it shows on every colour of the map. */
function haloed(ctx: CanvasRenderingContext2D, width: number, style: string): void {
  ctx.lineWidth = width + 2;
  ctx.strokeStyle = HALO;
  ctx.stroke();
  ctx.lineWidth = width;
  ctx.strokeStyle = style;
  ctx.stroke();
}
const HALO = 'rgba(17,17,17,0.55)';

function arrow(ctx: CanvasRenderingContext2D, x0: number, y0: number, dx: number, dy: number, size: number, view: LossSurface, style: string, dash: number[]): void {
  const [x1, y1] = planeToPixel(view, size, dx, dy);
  const len = Math.hypot(x1 - x0, y1 - y0);
  if (!(len > 1)) return;
  const ux = (x1 - x0) / len, uy = (y1 - y0) / len;
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.setLineDash(dash);
  haloed(ctx, 2, style);
  ctx.setLineDash([]);
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - 7 * ux + 4 * uy, y1 - 7 * uy - 4 * ux);
  ctx.lineTo(x1 - 7 * ux - 4 * uy, y1 - 7 * uy + 4 * ux);
  ctx.closePath();
  ctx.lineWidth = 1;
  ctx.strokeStyle = HALO;
  ctx.stroke();
  ctx.fillStyle = style;
  ctx.fill();
}

/** How much the arrows are magnified to be seen: the longer one spans a quarter of the map (1 if it already does). */
export function arrowScale(view: LossSurface): number {
  const half = view.coords[view.resolution - 1];
  const longest = Math.max(Math.hypot(view.gradientStep.x, view.gradientStep.y), Math.hypot(view.nextStep.x, view.nextStep.y));
  if (!(longest > 0)) return 1;
  const k = (0.5 * half) / longest;
  return k <= 1 ? 1 : 10 ** Math.floor(Math.log10(k));
}
