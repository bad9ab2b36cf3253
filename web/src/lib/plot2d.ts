// Drawing 2-D data and a field of predictions on a canvas: the decision boundary (one predict
// call over a grid, painted through ImageData) with the training and test points on top.
import { classColor, css, diverging, NEUTRAL } from './colors';
import type { Dataset, View2D } from './types';

export type FieldMode = { kind: 'binary' } | { kind: 'classes'; classes: number } | { kind: 'regression'; scale: number };

export function toPixel(v: View2D, size: number, x: number, y: number): [number, number] {
  return [((x - v.xMin) / (v.xMax - v.xMin)) * size, ((v.yMax - y) / (v.yMax - v.yMin)) * size];
}

export function fromPixel(v: View2D, size: number, px: number, py: number): [number, number] {
  return [v.xMin + (px / size) * (v.xMax - v.xMin), v.yMax - (py / size) * (v.yMax - v.yMin)];
}

/** Steps of the colour table over t in [-1, 1]. */
const LUT_STEPS = 1024;
const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Packed RGBA pixels of the diverging scale, faded toward white by `fade`. */
function divergingTable(fade: number): Uint32Array {
  const table = new Uint32Array(LUT_STEPS + 1);
  const rgb = [0, 0, 0];
  for (let i = 0; i <= LUT_STEPS; ++i) {
    diverging((2 * i) / LUT_STEPS - 1, rgb, 0);
    const r = Math.round(rgb[0] + (255 - rgb[0]) * fade), g = Math.round(rgb[1] + (255 - rgb[1]) * fade), b = Math.round(rgb[2] + (255 - rgb[2]) * fade);
    table[i] = littleEndian ? ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0 : ((r << 24) | (g << 16) | (b << 8) | 255) >>> 0;
  }
  return table;
}

/** Colours a field of values (n x n cells, `width` outputs each) into a reusable image. */
export class FieldPainter {
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly image: ImageData;
  private readonly pixels: Uint32Array;
  private readonly tables = new Map<number, Uint32Array>();

  constructor(readonly n: number) {
    this.canvas = document.createElement('canvas');
    this.canvas.width = this.canvas.height = n;
    this.ctx = this.canvas.getContext('2d')!;
    this.image = this.ctx.createImageData(n, n);
    this.pixels = new Uint32Array(this.image.data.buffer);
  }

  private table(fade: number): Uint32Array {
    let t = this.tables.get(fade);
    if (!t) this.tables.set(fade, (t = divergingTable(fade)));
    return t;
  }

  /**
   * values[(cell * width) + k]: binary outputs map [0, 1] to orange..blue, regression outputs
   * [-scale, scale], two softmax outputs their difference, more classes the winning class's
   * colour by its confidence.
   */
  paint(values: ArrayLike<number>, width: number, mode: FieldMode, fade = 0.3, offset = 0): HTMLCanvasElement {
    const cells = this.n * this.n;
    const px = this.pixels;
    if (mode.kind === 'classes' && width > 2) {
      this.paintClasses(values, width, fade);
    } else {
      const table = this.table(fade);
      const half = LUT_STEPS / 2;
      // t in [-1, 1] -> index (t + 1) * half; each mode is a linear map of the value to t.
      let a = 2, b = -1; // binary: t = 2v - 1
      if (mode.kind === 'regression') (a = 1 / mode.scale), (b = 0);
      for (let i = 0; i < cells; ++i) {
        const o = offset + i * width;
        let t = width === 2 && mode.kind === 'classes' ? values[o + 1] - values[o] : a * values[o] + b;
        t = t > 1 ? 1 : t < -1 ? -1 : t === t ? t : 0;
        px[i] = table[((t + 1) * half + 0.5) | 0];
      }
    }
    this.ctx.putImageData(this.image, 0, 0);
    return this.canvas;
  }

  private paintClasses(values: ArrayLike<number>, width: number, fade: number): void {
    const data = this.image.data;
    const cells = this.n * this.n;
    for (let i = 0; i < cells; ++i) {
      const o = i * width;
      let best = 0;
      for (let k = 1; k < width; ++k) if (values[o + k] > values[o + best]) best = k;
      const c = classColor(best);
      const confidence = Math.max(0, Math.min(1, (values[o + best] - 1 / width) / (1 - 1 / width)));
      const p = i * 4;
      for (let ch = 0; ch < 3; ++ch) {
        const v = NEUTRAL[ch] + (c[ch] - NEUTRAL[ch]) * confidence;
        data[p + ch] = v + (255 - v) * fade;
      }
      data[p + 3] = 255;
    }
  }

  /** A plain gradient along one input (what an input neuron "sees"). */
  paintInput(axis: 0 | 1, fade = 0.2): HTMLCanvasElement {
    const table = this.table(fade);
    const half = LUT_STEPS / 2;
    for (let row = 0; row < this.n; ++row)
      for (let col = 0; col < this.n; ++col) {
        const t = axis === 0 ? (2 * (col + 0.5)) / this.n - 1 : 1 - (2 * (row + 0.5)) / this.n;
        this.pixels[row * this.n + col] = table[((t + 1) * half + 0.5) | 0];
      }
    this.ctx.putImageData(this.image, 0, 0);
    return this.canvas;
  }
}

/** Points coloured by their target; test points get a dark ring. */
export function drawPoints(ctx: CanvasRenderingContext2D, v: View2D, size: number, d: Dataset, mode: FieldMode, test: boolean, radius = 3.5): void {
  ctx.lineWidth = test ? 1.6 : 1;
  ctx.strokeStyle = test ? 'rgba(20,24,31,0.9)' : 'rgba(255,255,255,0.95)';
  const rgb = [0, 0, 0];
  for (let r = 0; r < d.rows; ++r) {
    const [px, py] = toPixel(v, size, d.x[r * d.features], d.x[r * d.features + 1]);
    if (mode.kind === 'regression') {
      diverging(d.y[r * d.targets] / mode.scale, rgb, 0);
      ctx.fillStyle = `rgb(${rgb[0] | 0},${rgb[1] | 0},${rgb[2] | 0})`;
    } else {
      ctx.fillStyle = css(classColor(labelOf(d, r)));
    }
    ctx.beginPath();
    ctx.arc(px, py, radius, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
}

export function labelOf(d: Dataset, row: number): number {
  if (d.targets === 1) {
    const y = d.y[row];
    return Number.isInteger(y) ? y : y > 0.5 ? 1 : 0;
  }
  let best = 0;
  for (let k = 1; k < d.targets; ++k) if (d.y[row * d.targets + k] > d.y[row * d.targets + best]) best = k;
  return best;
}

/** Faint grid lines at whole numbers, so that positions can be read. */
export function drawAxes(ctx: CanvasRenderingContext2D, v: View2D, size: number): void {
  const span = v.xMax - v.xMin;
  const step = niceStep(span / 6);
  ctx.strokeStyle = 'rgba(20,24,31,0.07)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let x = Math.ceil(v.xMin / step) * step; x <= v.xMax; x += step) {
    const [px] = toPixel(v, size, x, 0);
    ctx.moveTo(Math.round(px) + 0.5, 0);
    ctx.lineTo(Math.round(px) + 0.5, size);
  }
  for (let y = Math.ceil(v.yMin / step) * step; y <= v.yMax; y += step) {
    const [, py] = toPixel(v, size, 0, y);
    ctx.moveTo(0, Math.round(py) + 0.5);
    ctx.lineTo(size, Math.round(py) + 0.5);
  }
  ctx.stroke();
}

function niceStep(raw: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

/** Sizes a canvas for its CSS size and the screen's pixel ratio; returns the 2-D context. */
export function fitCanvas(canvas: HTMLCanvasElement, cssWidth: number, cssHeight: number): CanvasRenderingContext2D {
  const ratio = window.devicePixelRatio || 1;
  const w = Math.round(cssWidth * ratio), h = Math.round(cssHeight * ratio);
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}
