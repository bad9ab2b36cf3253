// What the teaching view and the worker exchange. Every number here is the engine's own
// (trainer.layerTrace, lossTrace, gradientCheck): the page plugs them into formulas, it never
// recomputes a value the engine has. Values a phase has not computed yet are null.
import type { Activation, FullModelSpec, LossTrace, Mat } from '../engine/neurostep';

/** Which rows the teaching step trains on. */
export type TeachSource = { kind: 'sample'; row: number } | { kind: 'batch' };

export type TeachPhaseKind = 'start' | 'forward' | 'loss' | 'backward' | 'update';

/** A step of the sequence: the phase just done ('start': none yet). */
export interface TeachPhase {
  kind: TeachPhaseKind;
  /** 0-based layer; null for start and loss. */
  layer: number | null;
}

/** One layer as the engine holds it after the step, with what it has computed so far. */
export interface TeachLayer {
  name: string;
  units: number;
  inputs: number;
  activation: Activation;
  useBias: boolean;
  l1: number;
  l2: number;
  /** The weights now (after this layer's update, once it has run). */
  W: Mat;
  b: Mat;
  /** Forward pass (null before it): inputs x B, units x B, units x B. */
  aPrev: Mat | null;
  z: Mat | null;
  a: Mat | null;
  /** Backward pass (null before it). */
  dA: Mat | null;
  dZ: Mat | null;
  dW: Mat | null;
  db: Mat | null;
  dAPrev: Mat | null;
  /** Update (null before it): W_new - W_old. */
  deltaW: Mat | null;
  deltaB: Mat | null;
  /** The optimizer's state now, by Keras's slot names (adam: m, v, ...). */
  slots: Record<string, { W: Mat; b: Mat }>;
  /** This step's t and alpha (null before the update). */
  stepScalars: { t: number; alpha: number } | null;
}

/** The loss phase as the engine computed it (its batch is in TeachView.rows). */
export type TeachLoss = Omit<LossTrace, 'inputs' | 'targets'>;

export interface TeachView {
  /** Phases done: 0 .. total. */
  index: number;
  /** 3 L + 1. */
  total: number;
  phase: TeachPhase;
  source: TeachSource;
  /** Training rows of the batch (one for a sample). */
  rows: number[];
  /** The first row the Play mode's next Step would train on. */
  nextRow: number;
  /** The batch as the engine takes it: features x B and targets x B. */
  batch: { x: Mat; y: Mat };
  spec: FullModelSpec;
  precision: 'float32' | 'float64';
  /** Optimizer steps the network had taken before this one. */
  iterations: number;
  layers: TeachLayer[];
  loss: TeachLoss | null;
  /** Update steps: the updated layer just before its update (old weights and slots). */
  before: TeachLayer | null;
  /** At the last step: whether the weights equal one ordinary stepBatch from the same start. */
  sameAsOrdinaryStep: boolean | null;
}

export interface TeachLayerCheck {
  maxRelativeError: number;
  /** Backpropagation and the finite difference, both in float64. */
  backpropDW: Mat;
  numericDW: Mat;
  backpropDb: Mat;
  numericDb: Mat;
  /** What the float32 step itself computed, for comparison. */
  stepDW: Mat;
  stepDb: Mat;
  /** Neurons of this layer whose z lies on (or within 1e-3 of) a kink of its activation. */
  nearKink: number;
  /** Of those, the ones exactly at the kink (z = 0). */
  atKink: number;
}

export interface TeachGradientCheck {
  /** The step h of the difference quotient. */
  h: number;
  layers: TeachLayerCheck[];
}
