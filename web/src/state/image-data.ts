// The page's side of an image set (digits, fashion_mnist): the stand-in dataset it holds (the
// labels; the pixels stay in the worker, worker/image-session.ts), the network it proposes for
// the set, and the download under way.
import type { Dataset } from '../lib/types';
import { optimizerDefaults, type HiddenLayer, type Settings } from '../settings';
import type { ImageSetView } from '../worker/image-protocol';

/** The download under way: bytes so far and in all (0: not known yet); `cancel` stops it. */
export interface ImageLoad {
  name: string;
  done: number;
  total: number;
  cancel: () => void;
}

/** Hidden units of the proposed network: the diagram draws up to 32 neurons a layer. */
export const PROPOSED_HIDDEN_UNITS = 32;

/**
 * What the page holds of an image set's training images: their count, width and labels. `x` is
 * empty (the worker keeps the pixels); nothing on the page reads it for an image set.
 */
export function standIn(view: ImageSetView): Dataset {
  return {
    rows: view.trainRows,
    features: view.height * view.width,
    targets: 1,
    x: new Float64Array(0),
    y: view.labels,
    // Each input is a pixel: (row, column), 1-based, row by row.
    featureNames: Array.from({ length: view.height * view.width }, (_, i) => `(${Math.floor(i / view.width) + 1},${(i % view.width) + 1})`),
    targetNames: ['class'],
  };
}

/**
 * The network an image set calls for: every pixel an input, one hidden relu layer, one softmax
 * unit per class, sparse categorical cross-entropy on the class index, Adam at Keras's rate,
 * batches of 32; digits (no test images of their own) hold out a quarter as test data.
 */
export function proposedNetwork(view: ImageSetView, s: Settings): { settings: Settings; hidden: HiddenLayer[] } {
  return {
    settings: {
      ...s,
      ...optimizerDefaults('adam'),
      outputActivation: 'softmax',
      loss: 'sparse_categorical_crossentropy',
      optimizer: 'adam',
      learningRate: 0.001,
      batchSize: 32,
      testRatio: view.testImages > 0 ? s.testRatio : s.testRatio > 0 ? s.testRatio : 0.25,
    },
    hidden: [{ units: PROPOSED_HIDDEN_UNITS, activation: 'relu' }],
  };
}

/** The datasets/ folder beside the page's wasm/ folder (web/dist/datasets, scripts/datasets.sh). */
export function datasetsBase(wasmBase: string): string {
  return new URL('../datasets/', wasmBase).href;
}
