// Keras's History from the engine's packed records (trainer.history()): five numbers an epoch,
// epoch, loss, accuracy, val_loss, val_accuracy, with NaN for a value without test data.

/** @typedef {import('./neurostep').EpochRecord} EpochRecord */

/** @param {Float64Array} packed @returns {EpochRecord[]} val_* null without test data */
export function historyRecords(packed) {
  /** @type {EpochRecord[]} */
  const records = [];
  const orNull = (/** @type {number} */ v) => (Number.isNaN(v) ? null : v);
  for (let i = 0; i < packed.length; i += 5) {
    records.push({ epoch: packed[i], loss: packed[i + 1], accuracy: packed[i + 2], val_loss: orNull(packed[i + 3]), val_accuracy: orNull(packed[i + 4]) });
  }
  return records;
}
