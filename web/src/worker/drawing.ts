// A drawing on the pad brought to the shape of an image set, the way the set's own images were
// made, before the network sees it. The engine has no image resampling of its own, so it is done
// here, in the worker (the page only sends the ink and draws what comes back):
//
// - digits (scikit-learn's 8 x 8, from UCI optdigits): each digit's bounding box was scaled to
//   fill a 32 x 32 bitmap, and each 8 x 8 pixel counts the ink in a 4 x 4 block (0..16, which
//   the engine reads as 0..1): the share of the cell that is ink.
// - fashion_mnist (28 x 28): each product was trimmed to its bounding box and its longest side
//   scaled to 28 pixels, centred; a pixel's value is the ink over its area.
//
// Both are "the bounding box, its longest side scaled to the frame, centred; each pixel the mean
// ink over its area". The mean is taken over SUB x SUB points per pixel (box filter).

/** Sample points per output pixel and side: enough for a smooth area mean. */
const SUB = 6;
/** Ink below this is paper (anti-aliased edges of an empty pad). */
const INK = 0.05;

import type { Frame } from '../shared/pad-frame';

/** The ink's bounding box [x0, y0, x1, y1) in pad pixels, or null for an empty pad. */
export function inkBox(ink: ArrayLike<number>, side: number): [number, number, number, number] | null {
  let x0 = side, y0 = side, x1 = -1, y1 = -1;
  for (let y = 0; y < side; ++y)
    for (let x = 0; x < side; ++x)
      if (ink[y * side + x] > INK) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
  return x1 < 0 ? null : [x0, y0, x1 + 1, y1 + 1];
}

/**
 * The drawing as an image of the frame's shape, row by row, values in [0, 1]: the ink's bounding
 * box with its longest side scaled to the frame's shorter side, centred, each pixel the mean ink
 * over its area. An empty pad gives an empty (all zero) image.
 */
export function frameDrawing(ink: ArrayLike<number>, side: number, frame: Frame): Float64Array {
  const { height, width } = frame;
  const out = new Float64Array(height * width);
  const box = inkBox(ink, side);
  if (!box) return out;
  const [x0, y0, x1, y1] = box;
  // Pad pixels per frame pixel: the box's longest side spans the frame's shorter side.
  const scale = Math.max(x1 - x0, y1 - y0) / Math.min(height, width);
  // The box's centre lands on the frame's centre.
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  for (let r = 0; r < height; ++r)
    for (let c = 0; c < width; ++c) {
      let sum = 0;
      for (let i = 0; i < SUB; ++i)
        for (let j = 0; j < SUB; ++j) {
          const px = Math.floor(cx + (c + (j + 0.5) / SUB - width / 2) * scale);
          const py = Math.floor(cy + (r + (i + 0.5) / SUB - height / 2) * scale);
          if (px >= 0 && px < side && py >= 0 && py < side) sum += ink[py * side + px];
        }
      out[r * width + c] = Math.min(1, sum / (SUB * SUB));
    }
  return out;
}
