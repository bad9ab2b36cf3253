// A model as the engine takes it and gives it back: Keras's Sequential of Dense layers with
// compile()'s loss and optimizer, and the precision it is trained in (neurostep.d.ts re-exports).
import type { Activation, Initializer, LossName, OptimizerName } from './names';

export type Precision = 'float32' | 'float64';

/** Keras's Dense arguments; everything but units has Keras's default. */
export interface LayerSpec {
  units: number;
  activation?: Activation | null;
  use_bias?: boolean;
  kernel_initializer?: Initializer;
  bias_initializer?: Initializer;
  l1?: number;
  l2?: number;
  name?: string;
}

/** Keras's optimizer arguments; the keys an optimizer does not take are an error. */
export interface OptimizerSpec {
  name: OptimizerName;
  learning_rate?: number;
  momentum?: number; // sgd, rmsprop
  nesterov?: boolean; // sgd
  beta_1?: number; // adam
  beta_2?: number; // adam
  amsgrad?: boolean; // adam
  rho?: number; // rmsprop
  initial_accumulator_value?: number; // adagrad
  epsilon?: number; // adam, rmsprop, adagrad
}

/** Keras's Sequential of Dense layers plus compile()'s loss and optimizer. */
export interface ModelSpec {
  input_dim: number;
  layers: LayerSpec[];
  loss: LossName;
  /** Default: rmsprop, as Keras's compile(). A bare name takes that optimizer's defaults. */
  optimizer?: OptimizerSpec | OptimizerSpec['name'];
}

/** The spec as trainer.spec() returns it: every key filled in. */
export interface FullModelSpec {
  input_dim: number;
  layers: (Required<Omit<LayerSpec, 'name'>> & { name?: string })[];
  loss: LossName;
  optimizer: Required<Pick<OptimizerSpec, 'name' | 'learning_rate'>> & OptimizerSpec;
}
