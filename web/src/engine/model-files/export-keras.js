// A trainer as a Keras 3 .keras archive (keras-archive.js): config.json is the model as the
// engine writes Keras's to_json() (cpp/core/keras_json.hpp) with its compile_config, and
// model.weights.h5 holds the current weights in Keras 3's layout (keras-h5.js). What it leaves
// out: the optimizer's variables (Keras keeps them under optimizer/vars; a loaded archive's
// optimizer starts afresh) and the data's scaling (not a layer of the model here).
import { writeHdf5 } from './hdf5.js';
import { writeKerasArchive } from './keras-archive.js';
import { keras3WeightsTree } from './keras-h5.js';

/**
 * The model file's Keras parts: to_json() with compile_config, and the layers' names.
 * @param {import('../trainer.js').Trainer} trainer
 * @returns {{config: any, layerNames: string[]}}
 */
export function kerasConfig(trainer) {
  const file = JSON.parse(trainer.toJson());
  const model = file.model;
  const compile = file.compile;
  const config = {
    ...model,
    compile_config: {
      optimizer: { module: 'keras.optimizers', ...compile.optimizer, registered_name: null },
      loss: compile.loss,
      loss_weights: null,
      metrics: compile.metrics,
      weighted_metrics: null,
      run_eagerly: false,
      steps_per_execution: 1,
      jit_compile: false,
    },
  };
  const layerNames = model.config.layers.filter((/** @type {any} */ l) => l.class_name !== 'InputLayer').map((/** @type {any} */ l) => String(l.config.name));
  return { config, layerNames };
}

/**
 * The bytes of the .keras archive.
 * @param {import('../trainer.js').Trainer} trainer @returns {Promise<Uint8Array>}
 */
export async function kerasArchive(trainer) {
  const { config, layerNames } = kerasConfig(trainer);
  const weights = await writeHdf5(keras3WeightsTree(trainer, layerNames));
  // Keras's own date format, "2026-05-05@04:53:43"; the layout followed is that of Keras 3.13.
  const date = new Date().toISOString().slice(0, 19).replace('T', '@');
  return writeKerasArchive(config, { keras_version: '3.13.2', date_saved: date, written_by: 'NeuroStep' }, weights);
}
