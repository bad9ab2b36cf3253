// Teach mode's gradient check as a job in slices (worker/sliced-job.ts): the engine's bounded
// check (trainer.gradientCheckJob, cpp/core/gradient_check_job.hpp) on a float64 copy of the
// network at the weights the teaching step started from. Exact when every weight fits the
// budget; beyond it a stated sample of each layer's weights and random directions, and the
// result says which. The teaching trainer itself is never touched: the check runs on its copy.
import type { Dataset, FullModelSpec, GradientCheckJob, GradientCheckReport, Mat, NeuroStep, Trainer } from '../engine/neurostep';
import { workPerRow } from './epoch-job';
import { copyLayerWeights, hasOtherKinds, weightChecks } from './gradient-check-weights';
import type { Slices } from './sliced-job';
import type { TeachGradientCheck, TeachLayerCheck } from './teach-protocol';

/**
 * Forward passes the check may take at most: all weights of a network up to 5,000 parameters
 * (4 passes each); beyond that a sample.
 */
export const CHECK_BUDGET = 20_000;
/**
 * Multiply-adds all its forward passes may take together: a few seconds in WebAssembly. A
 * large network on a large batch gets fewer passes (a smaller sample), never a longer wait.
 */
export const CHECK_WORK = 4e9;

/** The budget of forward passes for this network on this many rows. */
export function checkBudget(spec: FullModelSpec, rows: number): number {
  const affordable = Math.floor(CHECK_WORK / Math.max(1, workPerRow(spec) * rows));
  return Math.max(6 * spec.layers.length, Math.min(CHECK_BUDGET, affordable));
}
/** Random directions per layer of a sampled check (2 forward passes each). */
export const CHECK_DIRECTIONS = 8;
/** |z| below this counts as "at the kink" of relu or leaky relu for the check's explanation. */
const KINK_RADIUS = 1e-3;

/** The check of the step that starts at `start` on `data` (its rows, in order, as one batch). */
export function teachingCheck(ns: NeuroStep, start: Trainer, data: Dataset): Slices<TeachGradientCheck> {
  const mixed = hasOtherKinds(start);
  const f64 = ns.createTrainer(start.toJson(), { precision: 'float64' });
  const f32 = start.clone();
  let job: GradientCheckJob | null = null;
  try {
    // toJson for the spec, then the weights exactly: the file writes float32 weights in their shortest form.
    if (mixed) copyLayerWeights(start, f64);
    else f64.setWeights(start.weights());
    f64.setData(data);
    f64.setBatchSize(data.rows);
    f64.setShuffle(false);
    job = f64.gradientCheckJob({ budget: checkBudget(f64.spec(), data.rows), directions: CHECK_DIRECTIONS, seed: 42 });
  } catch (err) {
    f64.dispose();
    f32.dispose();
    throw err;
  }
  const running = job;
  return {
    run: (ms) => running.runFor(1e9, ms / 1000),
    result: () => (mixed ? describeWeights(running.report()) : describeCheck(ns, running.report(), f64, f32)),
    dispose: () => {
      running.dispose();
      f64.dispose();
      f32.dispose();
    },
  };
}

/** The report as the panel shows it: per layer, every gradient backpropagation found (float64
 * and in the step's own precision) and the finite difference of those that were checked (NaN
 * for the others). */
function describeCheck(ns: NeuroStep, r: GradientCheckReport, f64: Trainer, f32: Trainer): TeachGradientCheck {
  const L = r.layers.length;
  const kinked = new Set(ns.catalogue().activations.filter((a) => a.kinkAtZero).map((a) => a.name));
  const layers: TeachLayerCheck[] = [];
  // The float64 step's forward and backward passes: its z for the kinks, its dW and db.
  for (let p = 0; p < 2 * L + 1; ++p) f64.stepPhase();
  for (let p = 0; p < 2 * L + 1; ++p) f32.stepPhase();
  for (let l = 0; l < L; ++l) {
    const tr = f64.layerTrace(l);
    const step = f32.layerTrace(l);
    const s = r.layers[l];
    const numericDW = nanLike(tr.dW), numericDb = nanLike(tr.db), errorDW = nanLike(tr.dW), errorDb = nanLike(tr.db);
    let near = 0, at = 0;
    if (kinked.has(tr.activation))
      for (let u = 0; u < tr.units; ++u) {
        let isNear = false, isAt = false;
        for (let c = 0; c < tr.z.cols; ++c) {
          const z = tr.z.data[u + c * tr.units];
          if (Math.abs(z) <= KINK_RADIUS) isNear = true;
          if (z === 0) isAt = true;
        }
        if (isNear) near++;
        if (isAt) at++;
      }
    layers.push({
      maxRelativeError: Math.max(s.maxEntryError, s.maxDirectionError),
      backpropDW: tr.dW,
      numericDW,
      backpropDb: tr.db,
      numericDb,
      errorDW,
      errorDb,
      stepDW: step.dW,
      stepDb: step.db,
      nearKink: near,
      atKink: at,
      parameters: s.parameters,
      checked: s.checked,
      largest: s.largest,
      random: s.random,
      directions: s.directions,
      maxDirectionError: s.maxDirectionError,
    });
  }
  for (let k = 0; k < r.entries.length; k += 6) {
    const tensor = r.tensors[r.entries[k]];
    const layer = layers[tensor.layer];
    const [numeric, error] = tensor.name === 'kernel' ? [layer.numericDW, layer.errorDW] : [layer.numericDb, layer.errorDb];
    numeric.data[r.entries[k + 1]] = r.entries[k + 4];
    error.data[r.entries[k + 1]] = r.entries[k + 5];
  }
  return { h: r.h, exact: r.exact, parameters: r.parameters, forwardPasses: r.forwardPasses, budget: r.budget, layers };
}

/** A model with layers beyond Dense: the report by weight (gradient-check-weights.ts). */
function describeWeights(r: GradientCheckReport): TeachGradientCheck {
  return { h: r.h, exact: r.exact, parameters: r.parameters, forwardPasses: r.forwardPasses, budget: r.budget, layers: [], weights: weightChecks(r) };
}

function nanLike(m: Mat): Mat {
  return { rows: m.rows, cols: m.cols, data: new Float64Array(m.data.length).fill(Number.NaN) };
}
