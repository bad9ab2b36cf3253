// What a trainer reports: its phase and counters, each layer's values for a batch (the
// textbook's names), the loss, an epoch's record, weights, an evaluation, memory, and what a
// gradient check found (neurostep.d.ts re-exports them).
import type { Mat } from './values';
import type { Activation, LossName } from './names';

export type PhaseKind = 'forward' | 'loss' | 'backward' | 'update';

export interface Phase<K extends string = PhaseKind> {
  kind: K;
  /** 0-based; null for the loss (and for 'none'). */
  layer: number | null;
}

export interface TrainerState {
  /** Epochs completed. */
  epoch: number;
  /** Epochs the weights were trained for, counting those before a saved model was loaded (its epochs_trained). */
  epochsTrained: number;
  /** Batches completed in the current epoch. */
  batchInEpoch: number;
  batchesPerEpoch: number;
  /** Phases done in the current batch (0 between batches). */
  phaseIndex: number;
  /** 3 L + 1 for L layers. */
  phasesPerBatch: number;
  /** Optimizer steps taken (batches completed). */
  iterations: number;
  nextPhase: Phase;
  lastPhase: Phase<PhaseKind | 'none'>;
  diverged: boolean;
  /** The training rows of the current (or last) batch. */
  batchIndices: number[];
  batchSize: number;
  shuffle: boolean;
  seed: number;
  trainSize: number;
  testSize: number;
}

/** Layer l's values for the current batch (B samples): the textbook's names. */
export interface LayerTrace {
  name: string;
  units: number;
  inputs: number;
  activation: Activation;
  useBias: boolean;
  l1: number;
  l2: number;
  W: Mat; // units x inputs
  b: Mat; // units x 1
  aPrev: Mat; // inputs x B
  z: Mat; // units x B, z = W aPrev + b
  a: Mat; // units x B, a = f(z)
  fPrime: Mat; // units x B, f'(z) (NaN for softmax)
  dA: Mat; // dL/da
  dZ: Mat; // dL/dz
  dW: Mat; // dL/dW, regularisation included
  db: Mat; // dL/db
  dAPrev: Mat; // dL/daPrev = W^T dZ
  deltaW: Mat; // W_new - W_old of the last update
  deltaB: Mat;
  /** The optimizer's slots by Keras's names (adam: m, v; amsgrad also v_hat; ...). */
  slots: Record<string, { W: Mat; b: Mat }>;
  /** The last update's step number t and step size alpha (Adam's bias-corrected lr). */
  stepScalars: { t: number; alpha: number };
}

export interface LossTrace {
  loss: LossName;
  /** Mean over the batch, regularisation included. */
  batchLoss: number;
  perSample: number[];
  /** dL/da of the output layer, outputs x B. */
  dA: Mat;
  /** dL/dz straight from the logits (sigmoid + binary or softmax + categorical crossentropy). */
  dZ: Mat | null;
  dzFromLogits: boolean;
  /** The batch: inputs x B and targets x B. */
  inputs: Mat;
  targets: Mat;
}

export interface EpochRecord {
  epoch: number;
  loss: number;
  accuracy: number;
  val_loss: number | null;
  val_accuracy: number | null;
}

export interface LayerWeights {
  W: Mat; // units x inputs
  b: Mat; // units x 1
}

export interface LayerGradientCheck {
  maxRelativeError: number;
  backpropDW: Mat;
  numericDW: Mat;
  backpropDb: Mat;
  numericDb: Mat;
}

export interface Evaluation {
  loss: number;
  accuracy: number;
}

export interface MemoryStats {
  /** Bytes of wasm memory (it only grows). */
  heapSize: number;
  /** Bytes malloc has handed out and not taken back. */
  allocatedBytes: number;
  /** The wasm stack pointer between calls. */
  stackPointer: number;
  /** JavaScript values C++ holds handles to (embind's emval table). */
  emvalHandles: number;
}

/** What a bounded gradient check has checked (cpp/core/gradient_check_job.hpp, GradientCheckReport). */
export interface GradientCheckReport {
  /** Every parameter is checked (no directions then). */
  exact: boolean;
  parameters: number;
  budget: number;
  forwardPasses: number;
  h: number;
  directionH: number;
  seed: number;
  maxRelativeError: number;
  layers: { layer: number; parameters: number; checked: number; largest: number; random: number; directions: number; maxEntryError: number; maxDirectionError: number }[];
  tensors: { name: string; layer: number; rows: number; size: number; checked: number; maxRelativeError: number }[];
  /** [tensor, index, largest (0/1), backprop, numeric, relativeError] per checked weight. */
  entries: Float64Array;
  /** [layer, backprop (g . d), numeric, relativeError] per direction. */
  directions: Float64Array;
}
