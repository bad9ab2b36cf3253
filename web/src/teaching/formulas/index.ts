// The formula of each step as TeX: first in symbols, then with the engine's numbers plugged in
// for one neuron (or one weight), then the result. Every number that comes from the engine is
// written with N(value, path) so that it carries its exact value and its source in the view
// (e.g. layers.0.z.data.3); numbers formed here only to show the arithmetic (a product, 1 - beta)
// carry their value alone. The maths is the core's, and the files mirror it: activation.ts
// (activation.hpp), loss.ts (loss.hpp), dense.ts (dense_layer.hpp), optimizer.ts (optimizer.hpp);
// notation.ts holds the symbols they share. These functions only write the maths down.
import type { TeachView } from '../../worker/teach-protocol';
import { rowVector, transposed, sampleNote, type StepText, type Focus } from './notation';
import { lossText } from './loss';
import { forwardText, backwardText } from './dense';
import { updateText } from './optimizer';

// ---- the steps ----------------------------------------------------------------------------------

export function stepText(v: TeachView, focus: Focus): StepText {
  switch (v.phase.kind) {
    case 'start':
      return startText(v, focus);
    case 'forward':
      return forwardText(v, v.phase.layer!, focus);
    case 'loss':
      return lossText(v, focus);
    case 'backward':
      return backwardText(v, v.phase.layer!, focus);
    case 'update':
      return updateText(v, v.phase.layer!, focus);
  }
}

function startText(v: TeachView, { s }: Focus): StepText {
  const x = v.batch.x, y = v.batch.y;
  const B = v.rows.length;
  const what = B === 1 ? `row ${v.rows[0] + 1} of the training data` : `the ${B} rows of the next batch`;
  return {
    title: B === 1 ? `The sample: row ${v.rows[0] + 1}` : `The batch: ${B} rows`,
    lead: `One training step starts from ${what}. Its features are the input layer's activations; its target is what the output should say.`,
    blocks: [
      {
        label: 'In symbols',
        tex: [`a^{[0]} = x, \\qquad \\text{target } y`],
      },
      {
        label: `With the numbers${sampleNote(v, s)}`,
        tex: [`x = ${transposed(rowVector(x, s, 'batch.x', 12))}`, `y = ${rowVector(y, s, 'batch.y', 10)}`],
        note: 'Next sends x through layer 1.',
      },
    ],
  };
}

export type { Focus, FormulaBlock, StepText } from './notation';
export { activationDefinition, derivativeDefinition, labelOf } from './activation';
export { combinedOutput } from './loss';
