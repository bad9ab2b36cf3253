// Types of the layers beyond Dense (cpp/core/layer.hpp; cpp/bindings/layer_values.hpp): what a
// spec may hold, and what trainer.layer(l), trainer.layers() and trainer.gradientCheckAll() give.
import type { Activation, Initializer, LayerSpec, LossName, Mat, OptimizerSpec } from './neurostep';

/** Every activation the engine has (Activation is the original eight). */
export type KerasActivation =
  | Activation | 'relu6' | 'selu' | 'celu' | 'gelu' | 'gelu_approximate' | 'silu' | 'swish' | 'hard_sigmoid'
  | 'hard_silu' | 'hard_swish' | 'mish' | 'softsign' | 'exponential' | 'log_softmax';

export interface Regularizer { l1?: number; l2?: number }
export type Constraint =
  | { class_name: 'MaxNorm'; max_value?: number; axis?: 0 | 1 | -1 }
  | { class_name: 'MinMaxNorm'; min_value?: number; max_value?: number; rate?: number; axis?: 0 | 1 | -1 }
  | { class_name: 'UnitNorm'; axis?: 0 | 1 | -1 }
  | { class_name: 'NonNeg' };

/** Keras's class names; the catalogue's layerKinds also lists each kind's snake_case name. */
export type LayerClass =
  | 'Dense' | 'Dropout' | 'BatchNormalization' | 'LayerNormalization' | 'Activation' | 'Flatten' | 'ReLU'
  | 'LeakyReLU' | 'ELU' | 'PReLU' | 'Softmax';

interface Common { name?: string; activity_regularizer?: Regularizer | null }
export type DenseSpec = Omit<LayerSpec, 'activation'> & Common & {
  kind?: 'Dense' | 'dense';
  activation?: KerasActivation | null;
  bias_regularizer?: Regularizer | null;
  kernel_constraint?: Constraint | null;
  bias_constraint?: Constraint | null;
};
export type AnyLayerSpec =
  | DenseSpec
  | (Common & { kind: 'Dropout' | 'dropout'; rate: number })
  | (Common & { kind: 'BatchNormalization' | 'batch_normalization'; momentum?: number; epsilon?: number; center?: boolean; scale?: boolean;
      beta_initializer?: Initializer; gamma_initializer?: Initializer; moving_mean_initializer?: Initializer; moving_variance_initializer?: Initializer })
  | (Common & { kind: 'LayerNormalization' | 'layer_normalization'; epsilon?: number; center?: boolean; scale?: boolean;
      beta_initializer?: Initializer; gamma_initializer?: Initializer })
  | (Common & { kind: 'Activation' | 'activation'; activation: KerasActivation })
  | (Common & { kind: 'Flatten' | 'flatten' })
  | (Common & { kind: 'ReLU' | 're_lu'; max_value?: number | null; negative_slope?: number; threshold?: number })
  | (Common & { kind: 'LeakyReLU' | 'leaky_re_lu'; negative_slope?: number })
  | (Common & { kind: 'ELU' | 'elu'; alpha?: number })
  | (Common & { kind: 'PReLU' | 'p_re_lu'; alpha_initializer?: Initializer })
  | (Common & { kind: 'Softmax' | 'softmax' });

/** A model of any layers; input_shape (with a Flatten first) for samples that are not flat. */
export interface LayersModelSpec {
  input_dim: number;
  input_shape?: number[];
  layers: AnyLayerSpec[];
  loss: LossName;
  optimizer?: OptimizerSpec | OptimizerSpec['name'];
}

/** One weight by Keras's name; NeuroStep's orientation (a kernel is units x inputs). */
export interface LayerParam {
  name: 'kernel' | 'bias' | 'gamma' | 'beta' | 'moving_mean' | 'moving_variance' | 'alpha';
  /** false: BatchNormalization's moving statistics, updated by the forward pass in training. */
  trainable: boolean;
  /** false: a Dense layer's bias without use_bias (kept at 0). */
  used: boolean;
  value: Mat;
  /** dL/dw of the last backward pass; null when not trained. */
  gradient: Mat | null;
  /** w_new - w_old of the last update (after the constraint); null when not trained. */
  delta: Mat | null;
  /** The optimizer's slots of this weight (Adam: m, v), shaped like it; null when not trained. */
  slots: Record<string, Mat> | null;
}

/**
 * A layer of any kind: its arguments and every intermediate of its last forward and backward
 * pass by the derivation's name. values holds, by kind: Dense a_prev, z, a, dA, dZ, dW, db,
 * dA_prev, delta_W, delta_b; Dropout a_prev, mask, a, dA, dA_prev; BatchNormalization a_prev,
 * batch_mean, batch_variance, inv_std, x_hat, a, dA, dgamma, dbeta, dx_hat, dA_prev, delta_gamma,
 * delta_beta; LayerNormalization a_prev, mean, variance, inv_std (one per sample), x_hat, a, dA,
 * dgamma, dbeta, dx_hat, dA_prev, delta_gamma, delta_beta; Activation, ReLU, LeakyReLU, ELU and
 * Softmax a_prev (= z), a, dA, dZ, dA_prev; Flatten a_prev, a, dA, dA_prev; PReLU a_prev, a, dA,
 * dalpha, dA_prev, delta_alpha.
 */
export interface AnyLayerView {
  index: number;
  kind: string;
  className: LayerClass;
  name: string;
  inputs: number;
  units: number;
  config: AnyLayerSpec;
  params: LayerParam[];
  values: Record<string, Mat>;
  /** In a teachingStep() of a model with such layers: which phases of the batch have run on it. */
  done?: { forward: boolean; backward: boolean; update: boolean };
}

export interface ParamGradientCheck { name: string; backprop: Mat; numeric: Mat; maxRelativeError: number }
export interface GradientCheckAll {
  layers: { params: ParamGradientCheck[]; maxRelativeError: number }[];
  /** dL/dX of the batch's inputs: checks layers without weights too. */
  input: ParamGradientCheck;
}
