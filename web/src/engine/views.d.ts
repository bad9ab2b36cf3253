// The engine's views for the page: the catalogue of everything it accepts (ns.catalogue()) and the
// whole view of one teaching step (trainer.teachingStep). See README.md beside this file.
import type { Activation, FullModelSpec, Initializer, LayerTrace, LossName, LossTrace, Mat, OptimizerName, Phase, PhaseKind } from './neurostep';

/**
 * Layer l as a teaching step has it: the weights now, and each value once a phase of the step has
 * computed it (null before). fPrime is f'(z), the engine's slope of the activation at z (NaN
 * for softmax, whose Jacobian is not diagonal).
 */
export type StepLayer = Pick<LayerTrace, 'name' | 'units' | 'inputs' | 'activation' | 'useBias' | 'l1' | 'l2' | 'W' | 'b' | 'slots'> & {
  [K in 'aPrev' | 'z' | 'a' | 'fPrime' | 'dA' | 'dZ' | 'dW' | 'db' | 'dAPrev' | 'deltaW' | 'deltaB']: Mat | null;
} & { stepScalars: LayerTrace['stepScalars'] | null };

/** trainer.teachingStep(done): the whole view of one teaching step, from one engine call. */
export interface TeachingStep {
  /** Every phase of a batch, in the order the engine runs them. */
  phases: Phase[];
  /** Phases done: 0 .. total. */
  index: number;
  total: number;
  /** The phase done last ('start': none yet). */
  phase: Phase<PhaseKind | 'start'>;
  layers: StepLayer[];
  /** The loss phase's values (null before it has run). */
  loss: Omit<LossTrace, 'inputs' | 'targets'> | null;
}

/** A hyperparameter of an optimizer: Keras's key, default and the range the engine accepts. */
export type OptimizerField =
  | { key: string; type: 'boolean'; default: boolean }
  | { key: string; type: 'number'; default: number; min: number; max: number | null; minExclusive: boolean; maxExclusive: boolean };

/** Keras's Dense(units) defaults, the first layer kind's in the catalogue. */
export interface DenseDefaults {
  activation: Activation;
  use_bias: boolean;
  kernel_initializer: Initializer;
  bias_initializer: Initializer;
  l1: number;
  l2: number;
}

/** ns.catalogue(): every name, default and range the engine accepts (core/catalogue.hpp). */
export interface Catalogue {
  /** kinkAtZero: f'(z) jumps at z = 0 (relu, leaky_relu). */
  activations: { name: Activation; parameters: Record<string, number>; kinkAtZero: boolean }[];
  losses: {
    name: LossName;
    aliases: LossName[];
    /** What the targets must be: any number, probabilities in [0, 1], or one column of class indices. */
    targets: 'any' | 'probabilities' | 'class_indices';
    /** The output activation whose dL/dz this loss gives directly (from the logits), if any. */
    combinesWith: Activation | null;
    minOutputUnits: number;
  }[];
  optimizers: { name: OptimizerName; fields: OptimizerField[] }[];
  initializers: Initializer[];
  /** Dense first (its defaults as below); then every other kind with its own arguments' defaults. */
  layerKinds: {
    kind: string;
    className: string;
    defaults: DenseDefaults | Record<string, number | boolean | string | null>;
    /** Keras's weight names, in get_weights() order. */
    weights: string[];
    /** Those the optimizer does not train (BatchNormalization's moving statistics). */
    untrained: string[];
  }[];
  limits: {
    maxLayers: number;
    maxUnits: number;
    maxParameters: number;
    maxSamples: number;
    maxDatasetValues: number;
    maxPredictRows: number;
    /** pick_task (task.hpp): a target of whole numbers from 0 to below this is class indices. */
    maxGuessedClasses: number;
    /** The ranges the engine checks, both ends included: set_batch_size, generate_dataset's count and noise, split's test ratio, a layer's l1 and l2, a seed. */
    batchSize: Range;
    count: Range;
    noise: Range;
    testRatio: Range;
    regularization: Range;
    seed: Range;
    maxEpochsPerCall: number;
    maxLearningRate: number;
    maxTextBytes: number;
  };
  /** The seed article's Keras example: Dense(10, relu) -> Dense(8, relu) -> Dense(1, sigmoid), binary_crossentropy, adam. */
  example: FullModelSpec;
}

/** A closed interval [min, max]. */
export interface Range {
  min: number;
  max: number;
}
