// What counts as an English word in Chinese text, for the catalogue test and the browser test of
// the Chinese page: a run of two or more Latin letters that is not one of the identifiers and
// names below, which stay as they are in every language (web/src/i18n/GLOSSARY.md, "Kept as they
// are"). Single letters are symbols (x, y, w, b, z, a, L); text inside formulas (KaTeX) and code is
// not looked at by the callers.
export const ALLOWED = new Set([
  // Keras's identifiers and the names of its functions, layers and types
  'relu', 'ReLU', 'Leaky', 'leaky', 'ELU', 'elu', 'sigmoid', 'tanh', 'softmax', 'softplus', 'linear',
  'selu', 'celu', 'gelu', 'silu', 'swish', 'mish', 'softsign', 'SELU', 'CELU', 'GELU', 'SiLU', 'PReLU',
  'Dropout', 'BatchNormalization', 'LayerNormalization', 'BatchNorm', 'LayerNorm', 'momentum', 'rate', 'mask', 'a_prev', 'dA', 'dA_prev', 'Flatten', 'Activation', 'LeakyReLU', 'Softmax',
  'Adam', 'adam', 'SGD', 'sgd', 'RMSprop', 'Adagrad', 'AMSGrad', 'Nesterov',
  'Glorot', 'He', 'LeCun', 'Dense', 'Sequential', 'Keras', 'PyTorch', 'TensorFlow', 'nn', 'torch', 'pip', 'python3', 'float32', 'float64', 'beta_1', 'beta_2',
  'rho', 'epsilon', 'L1', 'L2', 'l1', 'l2', 'model', 'to_json', 'set_weights', 'get_weights',
  'validation_split', 'epochs', 'sparse_categorical_crossentropy', 'binary_crossentropy', 'categorical_crossentropy',
  'mean_squared_error', 'mean_absolute_error', 'learning_rate', 'v_hat',
  // JSON and Keras values and keys the engine's messages name, and Keras's classes
  'true', 'false', 'null', 'None', 'InputLayer', 'trainable', 'dtype', 'beta', 'alpha', 'modelTopology', 'rmsprop', 'adagrad',
  'VarianceScaling', 'MaxNorm', 'MinMaxNorm', 'UnitNorm', 'NonNeg', 'LoRA', 'weightsManifest', 'sourceRows', 'loadModelFiles', 'zip', 'idx', 'gzip',
  // names and formats
  'NeuroStep', 'Python', 'CSV', 'JSON', 'XOR', 'AND', 'OR', 'NaN', 'HTTP', 'MB', 'English', 'Enter', 'Shift', 'Tab',
  'base64url', 'f32', 'f64', 'py', 'json', 'csv',
  // the address's parameter names
  'hide',
  // the wrapper's option names and JavaScript's types, which a message about a call names
  'historyFrom', 'maxRows', 'ArrayBuffer',
  // the article's notation w_new = w_old - alpha dL/dw, and symbols written with letters
  'new', 'old', 'Wx', 'wX', 'Wa', 'dL', 'dw', 'dz', 'da', 'db', 'dx', 'dW', 'sign', 'ln', 'max', 'log', 'exp', 'mean', 'keras', 'h5',
]);

/** Names of more than one word, and commands, that stay as they are: a library, the build. */
const KEPT = /\bscikit-learn\b|\bFashion-MNIST\b|\bbash scripts\/build\.sh\b/g;

/** Whether a token is an identifier-like word that stays (file names, snake_case names, x1). */
const codeLike = (w) => /[_.\d]/.test(w);

/** The English words in a text, after placeholders, markup and code are taken out. */
export function englishWords(text) {
  const stripped = text
    .replace(KEPT, ' ')
    .replace(/<code>[\s\S]*?<\/code>/g, ' ')
    .replace(/<\/?[A-Za-z][\w-]*\s*\/?>/g, ' ')
    .replace(/\{[A-Za-z]\w*(?:,\s*\w+)?\}/g, ' ')
    // What a message quotes or echoes from the address (“nosuch”, "x", lr=abc) is the user's, not ours.
    .replace(/“[^”]*”|"[^"]*"/g, ' ')
    .replace(/[\w.\-%]*=[\w.\-%,]*/g, ' ');
  // A token with a dot, digit or underscore is a name of code or a file (neurostep-model.json,
  // x1, beta_1); a hyphenated one is words (cross-entropy).
  const tokens = stripped.match(/[A-Za-z][A-Za-z0-9_.\-]*[A-Za-z0-9_]|[A-Za-z]{2,}/g) ?? [];
  const words = tokens.flatMap((w) => (codeLike(w.replace(/[.]+$/, '')) ? [] : w.replace(/[.]+$/, '').split('-')));
  return words.filter((w) => w.length >= 2 && !ALLOWED.has(w));
}
