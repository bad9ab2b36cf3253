// Whether a network can take a drawing of an image set's frame: the rule the drawing pad (page)
// and the image session (worker) both apply before a drawing is predicted.

/** The shape of an image set's images, in pixels. */
export interface Frame {
  height: number;
  width: number;
}

/** Why a network cannot take a drawing of this frame (its input width is not the pixel count), or null. */
export function padMismatch(inputs: number, frame: Frame): { key: string; vars: { inputs: number; height: number; width: number; pixels: number } } | null {
  const pixels = frame.height * frame.width;
  return inputs === pixels ? null : { key: 'images.padMismatch', vars: { inputs, height: frame.height, width: frame.width, pixels } };
}
