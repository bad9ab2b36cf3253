// Keyboard access to the network diagram's weights: with the diagram focused, a cursor marks
// one weight or bias. ←/→ go to the previous/next layer of weights; ↑/↓ walk the layer's weights
// unit by unit (each unit's bias first, then its weights from every input); Home/End go to the
// layer's first/last; Enter opens the editor on it, as a click does.

/** A weight W[unit][input] of layer `layer`, or its bias (input -1). */
export interface Cursor {
  layer: number;
  unit: number;
  input: number;
}

/**
 * The cursor after a key, or null for a key the diagram does not take. `drawn[c]` is the number
 * of neurons drawn in column c (0: the inputs); `biases` whether the layers have biases.
 */
export function moveCursor(cursor: Cursor, key: string, drawn: readonly number[], biases: boolean): Cursor | null {
  const first = biases ? -1 : 0;
  // The layer's items in order: (unit 0, bias), (unit 0, input 0), ..., (last unit, last input).
  const perUnit = (l: number) => drawn[l] - first;
  const count = (l: number) => drawn[l + 1] * perUnit(l);
  const indexOf = (c: Cursor) => c.unit * perUnit(c.layer) + (c.input - first);
  const at = (l: number, k: number): Cursor => ({ layer: l, unit: Math.floor(k / perUnit(l)), input: (k % perUnit(l)) + first });
  switch (key) {
    case 'ArrowDown':
      return at(cursor.layer, Math.min(indexOf(cursor) + 1, count(cursor.layer) - 1));
    case 'ArrowUp':
      return at(cursor.layer, Math.max(indexOf(cursor) - 1, 0));
    case 'ArrowRight':
      return fitCursor({ ...cursor, layer: cursor.layer + 1 }, drawn, biases);
    case 'ArrowLeft':
      return fitCursor({ ...cursor, layer: Math.max(cursor.layer - 1, 0) }, drawn, biases);
    case 'Home':
      return at(cursor.layer, 0);
    case 'End':
      return at(cursor.layer, count(cursor.layer) - 1);
    default:
      return null;
  }
}

/** A cursor that still fits the diagram after its architecture changed. */
export function fitCursor(cursor: Cursor | null, drawn: readonly number[], biases: boolean): Cursor {
  const layers = drawn.length - 1;
  if (!cursor) return { layer: 0, unit: 0, input: 0 };
  const layer = Math.min(cursor.layer, layers - 1);
  return {
    layer,
    unit: Math.min(cursor.unit, drawn[layer + 1] - 1),
    input: Math.max(biases ? -1 : 0, Math.min(cursor.input, drawn[layer] - 1)),
  };
}
