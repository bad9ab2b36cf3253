// The formula of each step as TeX: first in symbols, then with the engine's numbers plugged in
// for one neuron (or one weight), then the result. Every number that comes from the engine is
// written with N(value, path) so that it carries its exact value and its source in the view
// (e.g. layers.0.z.data.3); numbers formed here only to show the arithmetic (a product, 1 - beta)
// carry their value alone. The maths is the core's, and the files mirror it: activation.ts
// (activation.hpp), loss.ts (loss.hpp), dense.ts (dense_layer.hpp), optimizer.ts (optimizer.hpp);
// notation.ts holds the symbols they share. These functions only write the maths down.
import { t } from '../../i18n';
import type { TeachTerms, TeachView } from '../../worker/teach-protocol';
import { rowVector, transposed, numbersLabel, words, type StepText, type Focus } from './notation';
import { lossText } from './loss';
import { forwardText, backwardText } from './dense';
import { updateText } from './optimizer';

// ---- the steps ----------------------------------------------------------------------------------

/** `terms`: the engine's terms of a forward step's sums (they rank a long sum's terms). */
export function stepText(v: TeachView, focus: Focus, terms: TeachTerms | null = null): StepText {
  switch (v.phase.kind) {
    case 'start':
      return startText(v, focus);
    case 'forward':
      return forwardText(v, v.phase.layer!, focus, terms);
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

  return {
    title: B === 1 ? t('teach.start.titleRow', { row: v.rows[0] + 1 }) : t('teach.start.titleBatch', { count: B }),
    lead: B === 1 ? t('teach.start.leadRow', { row: v.rows[0] + 1 }) : t('teach.start.leadBatch', { count: B }),
    blocks: [
      {
        label: t('teach.block.symbols'),
        tex: [`a^{[0]} = x, \\qquad ${words('teach.tex.target')}\\ y`],
      },
      {
        label: numbersLabel(v, s, 'teach.block.numbers'),
        tex: [`x = ${transposed(rowVector(x, s, 'batch.x', 12))}`, `y = ${rowVector(y, s, 'batch.y', 10)}`],
        note: t('teach.start.note'),
      },
    ],
  };
}

export type { Focus, FormulaBlock, StepText } from './notation';
export { activationDefinition, derivativeDefinition, labelOf } from './activation';
export { combinedOutput } from './loss';
export { largestTerms } from './notation';
