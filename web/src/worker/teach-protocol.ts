// What the teaching view and the worker exchange. Every number here is the engine's own
// (trainer.teachingStep, layerTrace, gradientCheck): the page plugs them into formulas, it never
// recomputes a value the engine has. Values a phase has not computed yet are null.
import type { FullModelSpec, LossTrace, Mat, StepLayer, TeachingStep } from '../engine/neurostep';

/** Which rows the teaching step trains on. */
export type TeachSource = { kind: 'sample'; row: number } | { kind: 'batch' };

/** A step of the sequence: the phase just done ('start': none yet). */
export type TeachPhase = TeachingStep['phase'];
export type TeachPhaseKind = TeachPhase['kind'];

/** One layer as the engine holds it at the step, with what it has computed so far (f'(z) too). */
export type TeachLayer = StepLayer;

/** The loss phase as the engine computed it (its batch is in TeachView.rows). */
export type TeachLoss = Omit<LossTrace, 'inputs' | 'targets'>;

/** The engine's view of the step (trainer.teachingStep) and the rows it trains on. */
export interface TeachView extends TeachingStep {
  source: TeachSource;
  /** Training rows of the batch (one for a sample). */
  rows: number[];
  /** The first row the Play mode's next Step would train on. */
  nextRow: number;
  /** Whether these are the rows Play's next step trains (only such a step can be kept). */
  keepable: boolean;
  /** The batch as the engine takes it: features x B and targets x B. */
  batch: { x: Mat; y: Mat };
  spec: FullModelSpec;
  precision: 'float32' | 'float64';
  /** Optimizer steps the network had taken before this one. */
  iterations: number;
  /** Update steps: the updated layer just before its update (old weights and slots). */
  before: TeachLayer | null;
  /** At the last step: whether the weights equal one ordinary stepBatch from the same start. */
  sameAsOrdinaryStep: boolean | null;
}

/**
 * A forward step's terms (trainer.forwardTerms): m(j, i) = W(j, i) * aPrev(i, sample), units x
 * inputs, each the product z_j sums, in the layer's precision; for the step `index` on screen.
 */
export interface TeachTerms {
  index: number;
  layer: number;
  sample: number;
  m: Mat;
}

export interface TeachLayerCheck {
  maxRelativeError: number;
  /** Backpropagation and the finite difference, both in float64 (NaN: a weight not checked). */
  backpropDW: Mat;
  numericDW: Mat;
  backpropDb: Mat;
  numericDb: Mat;
  /** The engine's relative error of each checked weight and bias (NaN: not checked). */
  errorDW: Mat;
  errorDb: Mat;
  /** What the float32 step itself computed, for comparison. */
  stepDW: Mat;
  stepDb: Mat;
  /** Neurons of this layer whose z lies on (or within 1e-3 of) a kink of its activation. */
  nearKink: number;
  /** Of those, the ones exactly at the kink (z = 0). */
  atKink: number;
  /** Weights and biases of the layer, and how many were checked (all, when the check is exact). */
  parameters: number;
  checked: number;
  /** Of a sampled check: those picked for the largest gradients, those picked at random. */
  largest: number;
  random: number;
  /** Random directions checked (g . d against a difference along d); 0 when exact. */
  directions: number;
  maxDirectionError: number;
}

export interface TeachGradientCheck {
  /** The step h of the difference quotient. */
  h: number;
  /** Every weight checked; otherwise a sample and random directions (within `budget`). */
  exact: boolean;
  parameters: number;
  /** Forward passes run, and the most the check may run. */
  forwardPasses: number;
  budget: number;
  layers: TeachLayerCheck[];
  /**
   * A model with layers beyond Dense: the check of each trained weight by its Keras name
   * (kernel, bias, gamma, beta, alpha), straight from the engine's report; `layers` is empty then.
   */
  weights?: TeachWeightCheck[];
}

/** One trained weight of a layer, as the bounded check saw it. */
export interface TeachWeightCheck {
  layer: number;
  name: string;
  /** Rows of the weight as the engine holds it (a kernel: units x inputs); size = rows x columns. */
  rows: number;
  size: number;
  checked: number;
  maxRelativeError: number;
  /** Each checked element: its index in the weight (column-major), backprop and the finite difference in float64. */
  entries: { index: number; largest: boolean; backprop: number; numeric: number; error: number }[];
}
