// The loss landscape and the learning-rate range test (cpp/core/loss_surface.hpp, lr_sweep.hpp,
// weight_path.hpp through cpp/bindings/landscape_bindings.cpp), for the Trainer's lossSurface,
// moveOnSurface, lrSweep, recordPath and weightPath: each option is brought to the type the
// binding reads before the call, and the engine checks every value.
import { failWith, NeuroStepError, number, object, string, unwrap } from './arguments.js';

/** @typedef {import('./landscape').SurfaceOptions} SurfaceOptions */
/** @typedef {import('./landscape').WeightChoice} WeightChoice */

/** @param {unknown} w @param {string} what */
function weight(w, what) {
  const o = object(w, what);
  return {
    layer: number(o.layer, `${what}.layer`),
    param: string(o.param ?? 'kernel', `${what}.param`),
    row: number(o.unit, `${what}.unit`),
    col: number(o.input ?? 0, `${what}.input`),
  };
}

/** @param {SurfaceOptions | undefined} options */
export function surfaceOptions(options) {
  const o = object(options ?? {}, 'loss surface options');
  const directions = o.directions ?? 'random';
  const data = o.data ?? 'train';
  if (data !== 'train' && data !== 'test') failWith('wrapper.surface_data', 'loss surface: the data option must be "train" or "test", got {got}', { got: JSON.stringify(data) });
  const base = { extent: number(o.extent ?? 1, 'loss surface: extent'), resolution: number(o.resolution ?? 41, 'loss surface: resolution'), test: data === 'test' };
  if (directions === 'random') return { ...base, random: true, seed: number(o.seed ?? 0, 'loss surface: seed') };
  if (!Array.isArray(directions) || directions.length !== 2)
    throw new NeuroStepError("loss surface: directions must be 'random' or two weights [{layer, unit, input}, {layer, unit, input}]");
  return { ...base, random: false, a: weight(directions[0], 'loss surface: weight a'), b: weight(directions[1], 'loss surface: weight b') };
}

/** @param {any} m @param {any} h @param {SurfaceOptions} [options] */
export function lossSurface(m, h, options) {
  return unwrap(m.trainer_loss_surface(h, surfaceOptions(options)));
}

/** @param {any} m @param {any} h @param {SurfaceOptions} options @param {number} x @param {number} y */
export function moveOnSurface(m, h, options, x, y) {
  unwrap(m.trainer_move_on_surface(h, surfaceOptions(options), number(x, 'loss surface: x'), number(y, 'loss surface: y')));
}

/** @param {any} m @param {any} h @param {import('./landscape').SweepOptions} [options] */
export function lrSweep(m, h, options) {
  const o = object(options ?? {}, 'learning-rate sweep options');
  return unwrap(m.trainer_lr_sweep(h, number(o.low ?? 1e-5, 'learning-rate sweep: low'), number(o.high ?? 1, 'learning-rate sweep: high'),
    number(o.count ?? 25, 'learning-rate sweep: count'), number(o.steps ?? 10, 'learning-rate sweep: steps')));
}

/** @param {any} m @param {any} h @param {number} capacity */
export function recordPath(m, h, capacity) {
  unwrap(m.trainer_record_path(h, number(capacity, 'weight path: capacity')));
}

/** @param {any} m @param {any} h */
export function weightPath(m, h) {
  return unwrap(m.trainer_weight_path(h));
}
