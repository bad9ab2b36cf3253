// TensorFlow.js (cpu backend, float32) as an independent oracle of Keras's training semantics.
// Given a NeuroStep model spec, its initial weights and a dataset, it builds the same Sequential
// model in TF.js and trains it batch by batch in NeuroStep's unshuffled order, returning the loss
// of every step (computed before that step's update, as Keras's train_on_batch reports it).
//
// Two semantics (see KERAS_VS_TFJS.md for why and by how much they differ):
//   'keras' - TF.js configured to compute what Keras 3 computes: Adam's epsilon placed as Keras
//             places it (epsilon hat); binary/categorical cross-entropy on sigmoid/softmax
//             outputs computed from the logits, as Keras does on the TensorFlow backend; and
//             L1's gradient sign(w), 0 at w = 0, as TensorFlow differentiates |w|.
//   'tfjs'  - TF.js as it comes (its Adam, its probability-clipping cross-entropies, its L1).
import * as tf from '@tensorflow/tfjs';

let ready = null;

// The TF.js module on its cpu backend (float32, epsilon 1e-7 like Keras's backend epsilon).
export async function loadTf() {
  ready ??= (async () => {
    tf.enableProdMode();  // also silences the cpu backend's "install tfjs-node" notice
    await tf.setBackend('cpu');
    await tf.ready();
    if (tf.backend().epsilon() !== 1e-7) throw new Error(`TF.js epsilon is ${tf.backend().epsilon()}, not 1e-7`);
  })();
  await ready;
  return tf;
}

export const lossNames = {
  mse: 'meanSquaredError',
  mean_squared_error: 'meanSquaredError',
  mae: 'meanAbsoluteError',
  mean_absolute_error: 'meanAbsoluteError',
  binary_crossentropy: 'binaryCrossentropy',
  categorical_crossentropy: 'categoricalCrossentropy',
};

// Keras on the TensorFlow backend: sigmoid and softmax cache their logits z on the output, and
// the cross-entropies use them:
//   binary:      l = mean_k [max(z,0) - z y + ln(1 + e^-|z|)]   (tf.nn.sigmoid_cross_entropy_with_logits)
//   categorical: l = -sum_k y_k log_softmax(z)_k                (tf.nn.softmax_cross_entropy_with_logits)
export function sigmoidCrossEntropyFromLogits(yTrue, z) {
  return tf.tidy(() =>
    tf.mean(tf.add(tf.sub(tf.relu(z), tf.mul(z, yTrue)), tf.log1p(tf.exp(tf.neg(tf.abs(z))))), -1));
}
export function softmaxCrossEntropyFromLogits(yTrue, z) {
  return tf.tidy(() => tf.neg(tf.sum(tf.mul(yTrue, tf.logSoftmax(z, -1)), -1)));
}

// True when Keras would compute this loss from the output layer's logits.
export function usesLogits(spec) {
  const out = spec.layers[spec.layers.length - 1].activation ?? 'linear';
  return (spec.loss === 'binary_crossentropy' && out === 'sigmoid') ||
    (spec.loss === 'categorical_crossentropy' && out === 'softmax');
}

// Keras's L1L2: l1 sum|w| + l2 sum w^2, with TensorFlow's d|w|/dw = sign(w), 0 at w = 0. TF.js's
// own L1 differentiates |w| as step(w, -1), -1 at w = 0; writing |w| as w sign(w) (TF.js gives
// sign a zero gradient) restores sign(w).
let KerasL1L2 = null;
export function kerasRegularizer(l1, l2) {
  if (!KerasL1L2) {
    const Base = Object.getPrototypeOf(tf.regularizers.l1l2({ l1: 0, l2: 0 })).constructor;
    KerasL1L2 = class extends Base {
      apply(x) {
        return tf.tidy(() => tf.add(tf.mul(this.l1, tf.sum(tf.mul(x, tf.sign(x)))), tf.mul(this.l2, tf.sum(tf.square(x)))));
      }
    };
  }
  return new KerasL1L2({ l1, l2 });
}

export function makeOptimizer(o) {
  const lr = o.learning_rate ?? (o.name === 'sgd' ? 0.01 : 0.001);
  const eps = o.epsilon ?? 1e-7;  // Keras's default; TF.js's constructors default to the backend's
  switch (o.name) {
    case 'sgd':
      return (o.momentum ?? 0) > 0 ? tf.train.momentum(lr, o.momentum, o.nesterov ?? false) : tf.train.sgd(lr);
    case 'adam':
      if (o.amsgrad) throw new Error('TF.js has no AMSGrad');
      return tf.train.adam(lr, o.beta_1 ?? 0.9, o.beta_2 ?? 0.999, eps);
    case 'rmsprop':
      return tf.train.rmsprop(lr, o.rho ?? 0.9, o.momentum ?? 0, eps, false);
    case 'adagrad':
      // TF.js's Adagrad always uses the backend epsilon (1e-7) inside sqrt(acc + eps).
      if (eps !== 1e-7) throw new Error('TF.js Adagrad cannot take an epsilon other than 1e-7');
      return tf.train.adagrad(lr, o.initial_accumulator_value ?? 0.1);
    default:
      throw new Error(`no TF.js optimizer for ${o.name}`);
  }
}

// NeuroStep's weights ([{W: {rows: units, cols: inputs, data: column-major}, b}]) as Keras's
// weight list [kernel (inputs x units), bias, ...]. W column-major is W^T row-major, which is
// exactly the kernel's row-major layout.
export function kerasWeightList(spec, weights) {
  const list = [];
  spec.layers.forEach((layer, l) => {
    const { W, b } = weights[l];
    list.push(tf.tensor2d(Float32Array.from(W.data), [W.cols, W.rows]));
    if (layer.use_bias ?? true) list.push(tf.tensor1d(Float32Array.from(b.data ?? b)));
  });
  return list;
}

// A compiled tf.Sequential equal to the spec, starting from the given weights.
export function buildModel(spec, weights, semantics = 'keras') {
  const logits = semantics === 'keras' && usesLogits(spec);
  const model = tf.sequential();
  spec.layers.forEach((layer, l) => {
    const last = l === spec.layers.length - 1;
    const l1 = layer.l1 ?? 0, l2 = layer.l2 ?? 0;
    model.add(tf.layers.dense({
      units: layer.units,
      activation: last && logits ? 'linear' : (layer.activation ?? 'linear'),
      useBias: layer.use_bias ?? true,
      kernelRegularizer: !(l1 > 0 || l2 > 0) ? undefined
        : semantics === 'keras' ? kerasRegularizer(l1, l2) : tf.regularizers.l1l2({ l1, l2 }),
      ...(l === 0 ? { inputShape: [spec.input_dim] } : {}),
    }));
  });
  let loss = lossNames[spec.loss];
  if (!loss) throw new Error(`no TF.js loss for ${spec.loss}`);
  if (logits) loss = spec.loss === 'binary_crossentropy' ? sigmoidCrossEntropyFromLogits : softmaxCrossEntropyFromLogits;
  const optimizer = makeOptimizer(spec.optimizer);
  model.compile({ optimizer, loss });
  const list = kerasWeightList(spec, weights);
  model.setWeights(list);
  tf.dispose(list);
  return { model, optimizer };
}

// Trains `steps` batches of `batchSize` rows in order (epoch after epoch, the last batch of an
// epoch possibly short) and returns each step's loss. data: {rows, features, targets, x, y}
// with x and y row-major.
export async function trainSteps(spec, weights, data, { batchSize, steps, semantics = 'keras' }) {
  await loadTf();
  const { model, optimizer } = buildModel(spec, weights, semantics);
  const x = tf.tensor2d(Float32Array.from(data.x), [data.rows, data.features]);
  const y = tf.tensor2d(Float32Array.from(data.y), [data.rows, data.targets]);
  const o = spec.optimizer;
  const batches = Math.ceil(data.rows / batchSize);
  const losses = [];
  try {
    for (let s = 0; s < steps; ++s) {
      if (semantics === 'keras' && o.name === 'adam') {
        // Keras: w -= lr sqrt(1 - b2^t)/(1 - b1^t) m / (sqrt(v) + eps). In TF.js's bias-corrected
        // form, w -= lr m_hat / (sqrt(v_hat) + eps_t), that is eps_t = eps / sqrt(1 - b2^t).
        const t = s + 1;
        optimizer.epsilon = (o.epsilon ?? 1e-7) / Math.sqrt(1 - Math.pow(o.beta_2 ?? 0.999, t));
      }
      const first = (s % batches) * batchSize;
      const count = Math.min(batchSize, data.rows - first);
      const xb = x.slice([first, 0], [count, data.features]);
      const yb = y.slice([first, 0], [count, data.targets]);
      losses.push(await model.trainOnBatch(xb, yb));
      tf.dispose([xb, yb]);
    }
  } finally {
    tf.dispose([x, y]);
    model.dispose();
    optimizer.dispose();
  }
  return losses;
}

// Largest relative difference |a - b| / max(|b|, floor) over two series of equal length.
export function maxRelativeDifference(a, b, floor = 1e-30) {
  if (a.length !== b.length) throw new Error(`series of ${a.length} and ${b.length} values`);
  let worst = 0, at = -1;
  for (let i = 0; i < a.length; ++i) {
    const d = Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor);
    if (!(d <= worst)) { worst = d; at = i; }  // NaN counts as the worst
  }
  return { max: worst, at };
}
