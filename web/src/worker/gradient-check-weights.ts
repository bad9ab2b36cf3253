// The bounded gradient check of a model with layers beyond Dense (BatchNormalization's gamma
// and beta, PReLU's alpha, ...), read straight from the engine's report: per trained weight, what
// was checked and each checked element's backpropagation, finite difference and relative error.
import type { GradientCheckReport, Trainer } from '../engine/neurostep';
import { applyLayerStates, layerStates } from './layer-states';
import type { TeachWeightCheck } from './teach-protocol';

/** Whether the trainer has a layer that is not Dense (its W has no columns in weights()). */
export const hasOtherKinds = (t: Trainer): boolean => t.weights().some(({ W }) => W.cols === 0);

/** Every layer's weights of `from`, exactly, into `to` (the same model in another precision). */
export function copyLayerWeights(from: Trainer, to: Trainer): void {
  applyLayerStates(to, layerStates(from));
}

export function weightChecks(r: GradientCheckReport): TeachWeightCheck[] {
  const out: TeachWeightCheck[] = r.tensors.map((t) => ({ layer: t.layer, name: t.name, rows: t.rows, size: t.size, checked: t.checked, maxRelativeError: t.maxRelativeError, entries: [] }));
  for (let k = 0; k < r.entries.length; k += 6)
    out[r.entries[k]].entries.push({ index: r.entries[k + 1], largest: r.entries[k + 2] === 1, backprop: r.entries[k + 3], numeric: r.entries[k + 4], error: r.entries[k + 5] });
  return out;
}
