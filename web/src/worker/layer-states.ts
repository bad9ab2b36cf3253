// Every layer's weights by Keras's names (trainer.layerWeights), BatchNormalization's moving
// statistics and PReLU's alpha included, which a snapshot's Dense weights leave out: what the page
// keeps of such a model to give a restarted engine (state/recovery.ts), and setting them again.
import { fail } from '../i18n/engine';
import type { Trainer } from '../engine/neurostep';
import type { LayerState } from './protocol';

export function layerStates(t: Trainer): LayerState[] {
  return Array.from({ length: t.spec().layers.length }, (_, l) => t.layerWeights(l));
}

/** Each layer's weights set; all are checked on a copy first, so a refusal changes none. */
export function setLayerStates(t: Trainer, layers: LayerState[]): void {
  const depth = t.spec().layers.length;
  if (layers.length !== depth) fail('worker.layerStatesCount', { expected: depth, got: layers.length });
  const trial = t.clone();
  try {
    applyLayerStates(trial, layers);
  } finally {
    trial.dispose();
  }
  applyLayerStates(t, layers);
}

/** Each layer's weights set in turn (a layer without weights is skipped). */
export function applyLayerStates(into: Trainer, layers: LayerState[]): void {
  layers.forEach((w, l) => Object.keys(w).length > 0 && into.setLayerWeights(l, w));
}
