// Counting the engine's classes of each row (ns.classify, by Keras's accuracy rule): the
// confusion matrix, each class's share of rows classified right, and the rows of one cell.
// Counting only: which class each row is and which the network says are the engine's.

export interface Counts {
  /** m[actual][predicted]: how many rows of class `actual` the network put in class `predicted`. */
  m: number[][];
  /** Per class: rows of that class, and the share of them classified right (NaN without rows). */
  perClass: { rows: number; right: number; accuracy: number }[];
}

export function countClasses(predicted: Int32Array, actual: Int32Array, classes: number): Counts {
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let r = 0; r < actual.length; ++r) if (actual[r] >= 0 && actual[r] < classes && predicted[r] >= 0 && predicted[r] < classes) m[actual[r]][predicted[r]]++;
  const perClass = m.map((row, k) => {
    const rows = row.reduce((s, v) => s + v, 0);
    return { rows, right: row[k], accuracy: rows > 0 ? row[k] / rows : NaN };
  });
  return { m, perClass };
}

/** The rows (indices into the set) of class `actual` that the network put in class `predicted`. */
export function rowsOfCell(predicted: Int32Array, actual: Int32Array, a: number, p: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < actual.length; ++r) if (actual[r] === a && predicted[r] === p) out.push(r);
  return out;
}
