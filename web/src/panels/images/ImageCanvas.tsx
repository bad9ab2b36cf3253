// One image of an image set (or a neuron's weights) on a canvas, one canvas pixel per image
// pixel, scaled up by CSS without smoothing. The values are the engine's; only their colours
// are made here: pixels in [0, 1] as ink (dark on light), weights as orange .. grey .. blue.
import { useEffect, useRef } from 'preact/hooks';
import { diverging } from '../../lib/colors';

export type ImageKind = 'pixels' | 'weights';

interface Props {
  /** height * width values, row by row, from `offset`. */
  values: ArrayLike<number>;
  offset?: number;
  /** Step between two pixels in `values` (a weight matrix's column-major rows: its unit count). */
  stride?: number;
  height: number;
  width: number;
  kind: ImageKind;
  /** CSS pixels per side. */
  size: number;
  label: string;
  testid?: string;
  class?: string;
}

/** The largest |w| of one image's weights: its colours run from -max to max. */
function largest(values: ArrayLike<number>, offset: number, stride: number, n: number): number {
  let m = 1e-12;
  for (let i = 0; i < n; ++i) m = Math.max(m, Math.abs(values[offset + i * stride]));
  return m;
}

export function paint(canvas: HTMLCanvasElement, { values, offset = 0, stride = 1, height, width, kind }: Omit<Props, 'size' | 'label'>): void {
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(width, height);
  const n = width * height;
  const scale = kind === 'weights' ? largest(values, offset, stride, n) : 1;
  for (let i = 0; i < n; ++i) {
    const v = values[offset + i * stride];
    if (kind === 'weights') diverging(v / scale, img.data, i * 4);
    else {
      const ink = 255 - Math.round(255 * Math.min(1, Math.max(0, v)));
      img.data[i * 4] = img.data[i * 4 + 1] = img.data[i * 4 + 2] = ink;
    }
    img.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

export function ImageCanvas(props: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) paint(ref.current, props);
  }, [props.values, props.offset, props.stride, props.height, props.width, props.kind]);
  return (
    <canvas
      ref={ref}
      class={`image-canvas${props.class ? ` ${props.class}` : ''}`}
      style={{ width: `${props.size}px`, height: `${(props.size * props.height) / props.width}px` }}
      role="img"
      aria-label={props.label}
      data-testid={props.testid}
    />
  );
}
