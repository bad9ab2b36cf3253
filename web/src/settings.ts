import { allOptimizerFields, optimizerFields } from './lib/catalogue';
import type { FullOptimizerSpec } from './lib/types';
import { LANGUAGES, msg, preferredLanguage, type Message } from './i18n';
import { optionMessage } from './i18n/settings-text';

// Every setting of the playground, declared once. Each entry gives its type, default, range or
// options and label; the controls are drawn from it, typed values are validated by it, and
// `apply` says what a change means for the engine (rebuild the model, change the optimizer
// live, ...). `url` is the setting's short name in the page's address (share/url-state.ts).

export type Apply =
  | 'data' // regenerate the dataset
  | 'split' // split the same rows again
  | 'rebuild' // a new trainer: new architecture, new weights
  | 'reset' // new weights from the seed
  | 'optimizer' // trainer.setOptimizer, live
  | 'batch' // trainer.setBatchSize, live
  | 'play' // the play loop's speed
  | 'mode' // Play or Teach (teaching/state.ts switches)
  | 'language' // the page's language (i18n/index.ts)
  | 'view'; // the page only

/**
 * The group of controls a setting belongs to, by what a change to it means. A lesson link hides
 * a whole group (`hide=data`) or single controls by their key in snake_case
 * (`hide=learning_rate`); see share/hide.ts. Null: hideable only by name.
 */
export const CONTROL_GROUP: Record<Apply, string | null> = {
  data: 'data',
  split: 'data',
  rebuild: 'network',
  reset: 'network',
  optimizer: 'training',
  batch: 'training',
  play: null,
  mode: null,
  language: null,
  view: 'view',
};

/** Any settings object, as `when` sees it (typed loosely to keep the table's types acyclic). */
export type SettingValues = Readonly<Record<string, string | number | boolean>>;

interface Common {
  label: string;
  /** One sentence for the control's tooltip and aria-description. */
  help: string;
  url: string;
  apply: Apply;
  /** When the control is shown (all the time when absent). */
  when?: (s: SettingValues) => boolean;
  /** The optimizer hyperparameter it sets, by Keras's name (ns.catalogue()'s field key). */
  field?: string;
}
export interface NumberSetting extends Common {
  type: 'number';
  default: number;
  min: number;
  max: number;
  step: number;
  integer?: boolean;
  /** Log-scaled slider (learning rates), linear otherwise. */
  log?: boolean;
  /** Bounds are exclusive at the top: [min, max). */
  maxExclusive?: boolean;
}
export interface ChoiceSetting<V extends string = string> extends Common {
  type: 'choice';
  default: V;
  options: readonly { value: V; label: string }[];
}
export interface BooleanSetting extends Common {
  type: 'boolean';
  default: boolean;
}
export type SettingDef = NumberSetting | ChoiceSetting | BooleanSetting;

type ValueOf<D> = D extends NumberSetting ? number : D extends ChoiceSetting<infer V> ? V : D extends BooleanSetting ? boolean : never;

const num = (d: Omit<NumberSetting, 'type'>): NumberSetting => ({ type: 'number', ...d });
const bool = (d: Omit<BooleanSetting, 'type'>): BooleanSetting => ({ type: 'boolean', ...d });
function choice<const V extends string>(
  options: readonly (readonly [V, string])[],
  d: Omit<ChoiceSetting<V>, 'type' | 'options'>,
): ChoiceSetting<V> {
  return { type: 'choice', options: options.map(([value, label]) => ({ value, label })), ...d };
}

export const ACTIVATIONS = [
  ['relu', 'ReLU'],
  ['tanh', 'tanh'],
  ['sigmoid', 'sigmoid'],
  ['linear', 'linear'],
  ['leaky_relu', 'leaky ReLU'],
  ['elu', 'ELU'],
  ['softplus', 'softplus'],
  ['softmax', 'softmax'],
] as const;
export type ActivationName = (typeof ACTIVATIONS)[number][0];

const INITIALIZERS = [
  ['glorot_uniform', 'Glorot uniform'],
  ['glorot_normal', 'Glorot normal'],
  ['he_uniform', 'He uniform'],
  ['he_normal', 'He normal'],
  ['lecun_uniform', 'LeCun uniform'],
  ['lecun_normal', 'LeCun normal'],
  ['random_uniform', 'random uniform'],
  ['random_normal', 'random normal'],
  ['zeros', 'zeros'],
  ['ones', 'ones'],
] as const;

const isOptimizer = (...names: string[]) => (s: SettingValues): boolean => names.includes(String(s.optimizer));

export const SETTINGS = {
  // ---- data -------------------------------------------------------------------------------
  dataset: choice(
    [
      ['article_bits', 'Article'],
      ['xor', 'XOR'],
      ['and', 'AND'],
      ['or', 'OR'],
      ['circle', 'Circle'],
      ['gaussians', 'Gaussian'],
      ['spiral', 'Spiral'],
      ['moons', 'Moons'],
      ['sine', 'Sine'],
      ['plane', 'Plane'],
      ['custom', 'Your data'],
    ],
    { default: 'article_bits', label: 'Dataset', help: 'Which built-in dataset to generate.', url: 'data', apply: 'data' },
  ),
  count: num({
    default: 200, min: 4, max: 2000, step: 1, integer: true, label: 'Points',
    help: 'How many rows to generate (the article bits always have 10).', url: 'n', apply: 'data',
    when: (s) => s.dataset !== 'article_bits' && s.dataset !== 'custom',
  }),
  noise: num({
    default: 0.1, min: 0, max: 2, step: 0.05, label: 'Noise',
    help: 'How much random jitter the generator adds to each point.', url: 'noise', apply: 'data',
    when: (s) => s.dataset !== 'article_bits' && s.dataset !== 'custom',
  }),
  testRatio: num({
    default: 0, min: 0, max: 0.9, step: 0.05, label: 'Test share',
    help: 'The share of rows held out as test data: the network never trains on them.', url: 'test', apply: 'split',
  }),
  dataSeed: num({
    default: 42, min: 0, max: 4294967295, step: 1, integer: true, label: 'Data seed',
    help: 'Seed of the generator and of the train/test split.', url: 'dseed', apply: 'data',
  }),

  // ---- model ------------------------------------------------------------------------------
  outputActivation: choice(ACTIVATIONS, {
    default: 'sigmoid', label: 'Output activation', help: 'The activation of the output layer.', url: 'out', apply: 'rebuild',
  }),
  loss: choice(
    [
      ['binary_crossentropy', 'binary cross-entropy'],
      ['categorical_crossentropy', 'categorical cross-entropy'],
      ['sparse_categorical_crossentropy', 'sparse categorical cross-entropy'],
      ['mean_squared_error', 'mean squared error'],
      ['mean_absolute_error', 'mean absolute error'],
    ],
    { default: 'binary_crossentropy', label: 'Loss', help: 'What the network minimises.', url: 'loss', apply: 'rebuild' },
  ),
  kernelInitializer: choice(INITIALIZERS, {
    default: 'glorot_uniform', label: 'Weight initializer', help: 'How the starting weights are drawn.', url: 'init', apply: 'rebuild',
  }),
  biasInitializer: choice(INITIALIZERS, {
    default: 'zeros', label: 'Bias initializer', help: 'How the starting biases are set.', url: 'binit', apply: 'rebuild',
  }),
  useBias: bool({ default: true, label: 'Biases', help: 'Whether each neuron has a bias b in f(Wx + b).', url: 'bias', apply: 'rebuild' }),
  l1: num({
    default: 0, min: 0, max: 1000, step: 0.0001, label: 'L1', help: 'Adds l1 * sum |w| to the loss.', url: 'l1', apply: 'rebuild',
  }),
  l2: num({
    default: 0, min: 0, max: 1000, step: 0.0001, label: 'L2', help: 'Adds l2 * sum w^2 to the loss.', url: 'l2', apply: 'rebuild',
  }),
  precision: choice(
    [
      ['float32', 'float32'],
      ['float64', 'float64'],
    ],
    { default: 'float32', label: 'Precision', help: 'The number type of the weights (Keras uses float32).', url: 'prec', apply: 'rebuild' },
  ),
  seed: num({
    default: 42, min: 0, max: 4294967295, step: 1, integer: true, label: 'Seed',
    help: 'Seed of the starting weights and of the shuffling; Reset draws them again.', url: 'seed', apply: 'reset',
  }),

  // ---- training ---------------------------------------------------------------------------
  optimizer: choice(
    [
      ['adam', 'Adam'],
      ['sgd', 'SGD'],
      ['rmsprop', 'RMSprop'],
      ['adagrad', 'Adagrad'],
    ],
    { default: 'adam', label: 'Optimizer', help: 'The rule that turns gradients into weight changes.', url: 'opt', apply: 'optimizer' },
  ),
  learningRate: num({
    field: 'learning_rate',
    default: 0.001, min: 1e-6, max: 1e6, step: 0.0001, log: true, label: 'Learning rate',
    help: 'How big a step each update takes: η in w ← w − η ∂L/∂w.', url: 'lr', apply: 'optimizer',
  }),
  momentum: num({
    field: 'momentum',
    default: 0, min: 0, max: 1, maxExclusive: true, step: 0.01, label: 'Momentum',
    help: 'How much of the previous step carries over.', url: 'mom', apply: 'optimizer', when: isOptimizer('sgd', 'rmsprop'),
  }),
  nesterov: bool({ field: 'nesterov', default: false, label: 'Nesterov', help: 'Nesterov momentum.', url: 'nest', apply: 'optimizer', when: isOptimizer('sgd') }),
  beta1: num({
    field: 'beta_1',
    default: 0.9, min: 0, max: 1, maxExclusive: true, step: 0.001, label: 'beta_1',
    help: 'Decay of the running mean of gradients.', url: 'b1', apply: 'optimizer', when: isOptimizer('adam'),
  }),
  beta2: num({
    field: 'beta_2',
    default: 0.999, min: 0, max: 1, maxExclusive: true, step: 0.0001, label: 'beta_2',
    help: 'Decay of the running mean of squared gradients.', url: 'b2', apply: 'optimizer', when: isOptimizer('adam'),
  }),
  amsgrad: bool({ field: 'amsgrad', default: false, label: 'AMSGrad', help: 'Use the maximum of past squared gradients.', url: 'ams', apply: 'optimizer', when: isOptimizer('adam') }),
  rho: num({
    field: 'rho',
    default: 0.9, min: 0, max: 1, maxExclusive: true, step: 0.01, label: 'rho',
    help: 'Decay of the running mean of squared gradients.', url: 'rho', apply: 'optimizer', when: isOptimizer('rmsprop'),
  }),
  initialAccumulator: num({
    field: 'initial_accumulator_value',
    default: 0.1, min: 0, max: 1e6, step: 0.01, label: 'Initial accumulator',
    help: 'Starting value of the sum of squared gradients.', url: 'acc', apply: 'optimizer', when: isOptimizer('adagrad'),
  }),
  epsilon: num({
    field: 'epsilon',
    default: 1e-7, min: 1e-12, max: 1, step: 1e-7, log: true, label: 'epsilon',
    help: 'Keeps the division by the root of the squared gradients finite.', url: 'eps', apply: 'optimizer',
    when: isOptimizer('adam', 'rmsprop', 'adagrad'),
  }),
  batchSize: num({
    default: 1, min: 1, max: 1024, step: 1, integer: true, label: 'Batch size',
    help: 'Rows per weight update (one step).', url: 'batch', apply: 'batch',
  }),
  speed: num({
    default: 60, min: 0, max: 100, step: 1, integer: true, label: 'Speed',
    help: 'How fast Play trains: from one step a second to as fast as the engine can.', url: 'speed', apply: 'play',
  }),

  // ---- view -------------------------------------------------------------------------------
  mode: choice(
    [
      ['play', 'Play'],
      ['teach', 'Teach'],
    ],
    {
      default: 'play', label: 'Mode', help: 'Play trains the network; Teach steps through one training step, every number and its formula.',
      url: 'mode', apply: 'mode',
    },
  ),
  teachStep: num({
    default: 0, min: 0, max: 200, step: 1, integer: true, label: 'Teaching step',
    help: 'The step of Teach mode on screen (0: the sample), so that a link opens on it.', url: 'step', apply: 'mode',
    when: (s) => s.mode === 'teach',
  }),
  chartScale: choice(
    [
      ['linear', 'linear'],
      ['log', 'log'],
    ],
    { default: 'linear', label: 'Loss axis', help: 'Linear or logarithmic loss axis.', url: 'scale', apply: 'view' },
  ),
  pointClass: num({
    default: 1, min: 0, max: 9, step: 1, integer: true, label: 'New points',
    help: 'The class of a point added by clicking the plot.', url: 'cls', apply: 'view',
  }),
  // A page without lang= opens in the last visit's language, else the browser's (defaultSettings).
  lang: choice(
    LANGUAGES.map((l) => [l, l === 'en' ? 'English' : '中文'] as const),
    { default: 'en', label: 'Language', help: 'The language of the page: English or Simplified Chinese.', url: 'lang', apply: 'language' },
  ),
} satisfies Record<string, SettingDef>;

export type SettingKey = keyof typeof SETTINGS;
export type Settings = { [K in SettingKey]: ValueOf<(typeof SETTINGS)[K]> };

/** One hidden layer as the user edits it; the rest of its Dense config comes from Settings. */
export interface HiddenLayer {
  units: number;
  activation: ActivationName;
}

/** The settings of one hidden layer, declared once like the others. */
export const LAYER_SETTINGS = {
  units: num({ default: 4, min: 1, max: 32, step: 1, integer: true, label: 'Neurons', help: 'Neurons in this layer.', url: 'u', apply: 'rebuild' }),
  activation: choice(ACTIVATIONS, { default: 'relu', label: 'Activation', help: 'The activation f in a = f(Wx + b).', url: 'a', apply: 'rebuild' }),
} satisfies Record<keyof HiddenLayer, SettingDef>;
export const MAX_HIDDEN_LAYERS = 6;

export function defaultSettings(): Settings {
  const out: Record<string, unknown> = {};
  for (const [key, def] of Object.entries(SETTINGS)) out[key] = def.default;
  out.lang = preferredLanguage();
  return out as Settings;
}

/** The article's network: Dense(10, relu) -> Dense(8, relu) -> Dense(1, sigmoid). */
export function articleHiddenLayers(): HiddenLayer[] {
  return [
    { units: 10, activation: 'relu' },
    { units: 8, activation: 'relu' },
  ];
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: Message };

/**
 * Checks a typed or picked value against its declaration. `key` names the setting for the
 * message (its label in the page's language, settings.<key>.label).
 */
export function parseSetting(def: SettingDef, raw: unknown, key?: string): Parsed<number | string | boolean> {
  const label: Message = key ? { key: `settings.${key}.label`, text: def.label } : { text: def.label };
  switch (def.type) {
    case 'boolean':
      return typeof raw === 'boolean' ? { ok: true, value: raw } : { ok: false, error: msg('validation.onOff', { label }) };
    case 'choice': {
      const value = String(raw);
      const options: Message = { list: def.options.map((o) => (key ? optionMessage(key, o.value, o.label) : o.label)) };
      return def.options.some((o) => o.value === value) ? { ok: true, value } : { ok: false, error: msg('validation.chooseOne', { label, options }) };
    }
    case 'number': {
      const text = typeof raw === 'number' ? String(raw) : String(raw).trim();
      const value = Number(text);
      if (text === '' || !Number.isFinite(value)) return { ok: false, error: msg('validation.number', { label }) };
      if (def.integer && !Number.isInteger(value)) return { ok: false, error: msg('validation.wholeNumber', { label }) };
      const tooHigh = def.maxExclusive ? value >= def.max : value > def.max;
      if (value < def.min || tooHigh)
        return { ok: false, error: msg(def.maxExclusive ? 'validation.rangeExclusive' : 'validation.rangeInclusive', { label, min: fmt(def.min), max: fmt(def.max) }) };
      if (def.log && value <= 0) return { ok: false, error: msg('validation.aboveZero', { label }) };
      return { ok: true, value };
    }
  }
}

function fmt(x: number): string {
  return Math.abs(x) >= 1e5 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(0) : String(x);
}

/** The setting that holds an optimizer hyperparameter (its `field`). */
export function settingOfField(field: string): SettingKey {
  const key = (Object.keys(SETTINGS) as SettingKey[]).find((k) => (SETTINGS[k] as SettingDef).field === field);
  if (!key) throw new Error(`no setting holds the optimizer's ${field}`);
  return key;
}

/** The optimizer object of the engine's spec: the fields the chosen optimizer takes (catalogue). */
export function optimizerSpec(s: Settings): FullOptimizerSpec {
  const out: Record<string, unknown> = { name: s.optimizer };
  for (const f of optimizerFields(s.optimizer)) out[f.key] = s[settingOfField(f.key)];
  return out as unknown as FullOptimizerSpec;
}

/** Keras's defaults for an optimizer's hyperparameters, and for every other optimizer's, from the catalogue. */
export function optimizerDefaults(name: Settings['optimizer']): Partial<Settings> {
  const out: Record<string, unknown> = {};
  for (const f of allOptimizerFields(name)) out[settingOfField(f.key)] = f.default;
  return out as Partial<Settings>;
}

/** Play's target rate in training steps per second for a speed in [0, 100]; Infinity at 100. */
export function stepsPerSecond(speed: number): number {
  return speed >= 100 ? Infinity : Math.pow(10, (speed / 100) * 5);
}
