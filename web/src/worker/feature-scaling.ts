// Scaling of a table's features (standardise or min-max), with the statistics of the training
// rows only (ns.fitScaling, cpp/core/preprocessing.hpp): the trainer learns on the scaled rows,
// the pictures' grids are scaled the same way before they are predicted, a saved model keeps
// the statistics, and an exported Keras script scales its raw inputs with a Normalization
// layer. The page keeps and shows the rows as the user has them.
import type { Dataset, NeuroStep, Preprocessing } from '../engine/neurostep';
import type { FeatureScalingKind } from './protocol';
import { ownRows } from './data-io';
import type { Split } from './snapshot-taker';

export class FeatureScaling {
  /** The statistics in use (null: the features as they are). */
  private p: Preprocessing | null = null;
  /** The split as the page has it, before scaling (null when nothing is scaled). */
  private raw: Split | null = null;

  get active(): Preprocessing | null {
    return this.p;
  }

  /**
   * Fits `kind` on split.train: the split the trainer learns from, and `commit`, which makes this
   * scaling the one in use (called once the trainer took the data; a refusal keeps the old one).
   */
  fit(ns: NeuroStep, split: Split, kind: FeatureScalingKind | undefined): { split: Split; commit: () => void } {
    if (!kind || kind === 'none')
      return {
        split,
        commit: () => {
          this.p = null;
          this.raw = null;
        },
      };
    const p = ns.fitScaling(split.train, kind);
    // Source rows are kept: an error still names the row of the user's table.
    const scaled = (d: Dataset): Dataset => (d.rows === 0 ? d : { ...d, x: ns.applyScaling(p, d).x });
    const raw = { train: ownRows(split.train), test: ownRows(split.test) };
    return {
      split: { train: scaled(split.train), test: scaled(split.test) },
      commit: () => {
        this.p = p;
        this.raw = raw;
      },
    };
  }

  /** The rows as the page shows them: the raw ones when scaled. */
  shown(split: Split): Split {
    return this.raw ?? split;
  }

  /** Inputs of a picture's grid (rows x features, raw), as the network sees them. */
  inputs(ns: NeuroStep, x: Float64Array, rows: number): Float64Array {
    return this.p ? ns.scaleInputs(this.p, x, rows) : x;
  }

  /** A saved model file's text with the statistics in it. */
  intoModel(ns: NeuroStep, text: string): string {
    return this.p ? ns.withPreprocessing(text, this.p) : text;
  }

  /** A Keras script that reads the raw rows and scales them with a Normalization layer. */
  intoKeras(ns: NeuroStep, script: string): string {
    return this.p ? ns.withKerasPreprocessing(script, this.p) : script;
  }
}
