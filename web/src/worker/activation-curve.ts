// f(z) and f'(z) of one activation over a range, for the page's activation explorer, both from
// the engine: a float64 network of one input and one Dense unit with kernel 1 and bias 0 gives
// a = f(1·z + 0) = f(z) exactly (trainer.predict), and its first forward phase gives f'(z)
// (teachingStep's fPrime, the derivative the backward pass uses).
import type { NeuroStep } from '../engine/neurostep';
import { fail } from '../i18n/engine';
import type { ActivationCurve } from './protocol';

/** The most points one request may ask for. */
export const MAX_CURVE_POINTS = 1001;

export function activationCurve(ns: NeuroStep, name: string, from: number, to: number, points: number): ActivationCurve {
  if (!Number.isFinite(from) || !Number.isFinite(to) || !(from < to)) fail('worker.curveRange', { from, to });
  if (!Number.isInteger(points) || points < 2 || points > MAX_CURVE_POINTS) fail('worker.curvePoints', { max: MAX_CURVE_POINTS });
  const x = Float64Array.from({ length: points }, (_, i) => from + ((to - from) * i) / (points - 1));
  const t = ns.createTrainer(
    { input_dim: 1, layers: [{ units: 1, activation: name as never, kernel_initializer: 'ones', bias_initializer: 'zeros' }], loss: 'mean_squared_error', optimizer: 'sgd' },
    { precision: 'float64', seed: 0 },
  );
  try {
    t.setData({ x, y: new Float64Array(points), rows: points, features: 1, targets: 1 });
    t.setBatchSize(points);
    t.setShuffle(false);
    t.stepPhase(); // the forward pass of layer 1: z, a and f'(z) of every point
    const layer = t.teachingStep(1).layers[0];
    if (!layer.z || !layer.a || !layer.fPrime) fail('worker.curveNoSlope', { name });
    return { z: Float64Array.from(layer.z.data), f: Float64Array.from(layer.a.data), df: Float64Array.from(layer.fPrime.data) };
  } finally {
    t.dispose();
  }
}
