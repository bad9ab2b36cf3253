// The engine's data shapes (web/src/engine/neurostep.d.ts is their source) and the page's own:
// only plain data, since all of it crosses postMessage.
export type {
  Activation,
  Dataset,
  EpochRecord,
  Evaluation,
  FullModelSpec,
  Initializer,
  LayerWeights,
  LossName,
  Mat,
  OptimizerName,
  OptimizerSpec,
  Precision,
} from '../engine/neurostep';
import type { FullModelSpec } from '../engine/neurostep';

/** A model spec with every key filled in: what the page builds and what trainer.spec() returns. */
export type ModelSpec = FullModelSpec;
export type LayerSpec = FullModelSpec['layers'][number];
export type FullOptimizerSpec = FullModelSpec['optimizer'];

export type { View1D, View2D } from '../worker/protocol';
