// Colours of values: TensorFlow Playground's orange (negative, class 0) to blue (positive,
// class 1) through a light grey, and a palette for more than two classes.

export type RGB = readonly [number, number, number];

export const NEGATIVE: RGB = [245, 147, 34]; // #f59322
export const NEUTRAL: RGB = [232, 234, 235]; // #e8eaeb
export const POSITIVE: RGB = [8, 119, 189]; // #0877bd
export const CLASS_COLORS: readonly RGB[] = [NEGATIVE, POSITIVE, [44, 160, 44], [148, 103, 189], [214, 39, 40], [140, 86, 75], [227, 119, 194], [127, 127, 127], [188, 189, 34], [23, 190, 207]];

export const css = (c: RGB, alpha = 1): string => (alpha === 1 ? `rgb(${c[0]},${c[1]},${c[2]})` : `rgba(${c[0]},${c[1]},${c[2]},${alpha})`);

/** t in [-1, 1] -> orange .. grey .. blue, written into out[offset..offset+2]. */
export function diverging(t: number, out: Uint8ClampedArray | number[], offset: number): void {
  const c = t < 0 ? NEGATIVE : POSITIVE;
  const a = Math.min(1, Math.abs(Number.isFinite(t) ? t : 0));
  out[offset] = NEUTRAL[0] + (c[0] - NEUTRAL[0]) * a;
  out[offset + 1] = NEUTRAL[1] + (c[1] - NEUTRAL[1]) * a;
  out[offset + 2] = NEUTRAL[2] + (c[2] - NEUTRAL[2]) * a;
}

export function divergingCss(t: number): string {
  const out = [0, 0, 0];
  diverging(t, out, 0);
  return `rgb(${out[0] | 0},${out[1] | 0},${out[2] | 0})`;
}

export const classColor = (k: number): RGB => CLASS_COLORS[((k % CLASS_COLORS.length) + CLASS_COLORS.length) % CLASS_COLORS.length];
