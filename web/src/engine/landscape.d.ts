// The loss landscape and the learning-rate range test (landscape.js; cpp/core/loss_surface.hpp).

/** One trained weight: a kernel's W[unit][input], or entry `unit` of a vector such as the bias. */
export interface WeightChoice {
  layer: number;
  param?: 'kernel' | 'bias' | 'gamma' | 'beta' | 'alpha' | string;  // default 'kernel'
  unit: number;
  input?: number;  // default 0 (a vector's only column)
}

export interface SurfaceOptions {
  /** Random filter-normalised directions (Li et al. 2018) from `seed`, or two weights. Default 'random'. */
  directions?: 'random' | [WeightChoice, WeightChoice];
  seed?: number;        // default 0
  extent?: number;      // the grid spans [-extent, extent] along each direction; default 1
  resolution?: number;  // points per side, odd in [3, 201]; default 41
  data?: 'train' | 'test';
}

export interface PlanePoint { x: number; y: number }

export interface LossSurface {
  resolution: number;
  /** The grid's coordinates along either direction, -extent to extent; the middle one is 0. */
  coords: Float64Array;
  /** resolution^2 losses, row j (second direction at coords[j]) by column i: losses[j * resolution + i]. */
  losses: Float64Array;
  /** The middle value: exactly evaluate()'s loss. */
  centre: number;
  lowest: number;   // the finite values' range (NaN if none is finite)
  highest: number;
  u: Float64Array;  // the directions over every trained weight, layer by layer, each column-major
  v: Float64Array;
  /** The recorded weights projected on the plane, x then y, oldest first (recordPath turns it on). */
  path: Float64Array;
  /** -learningRate * dL/dw on the next batch, projected. */
  gradientStep: PlanePoint;
  /** What the optimizer's next step will really do, projected. */
  nextStep: PlanePoint;
  learningRate: number;
}

export interface SweepOptions {
  low?: number;    // default 1e-5
  high?: number;   // default 1
  count?: number;  // rates on a log scale, in [2, 100]; default 25
  steps?: number;  // batches trained at each rate, in [1, 1000]; default 10
}

export interface LrSweep {
  startLoss: number;
  rates: Float64Array;
  losses: Float64Array;  // the training loss after `steps` batches at each rate (Infinity once not finite)
  diverged: boolean[];   // not finite, or above 4 times startLoss
  best: number;          // the index of the lowest loss that did not diverge, or -1
}

export interface WeightPath {
  capacity: number;
  points: Float64Array[];  // every trained weight after each recent step, oldest first
}
