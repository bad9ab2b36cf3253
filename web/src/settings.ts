import { allOptimizerFields, catalogue, DENSE_DEFAULTS as DENSE, nameOptions, optimizerFields, type NameKind } from './lib/catalogue';
import { bool, choice, num, type BooleanSetting, type ChoiceSetting, type NumberSetting, type SettingDef, type SettingValues, type ValueOf } from './setting-kinds';
import type { Activation, FullOptimizerSpec, Initializer, LossName, OptimizerName } from './lib/types';
import type { ExtraLayer } from './lib/layer-kinds';
import { EXTRA_TEXT } from './lib/layer-kinds-text';
import { LANGUAGES, preferredLanguage } from './i18n';
import { isImageSetName } from './lib/image-sets';
import { LANDSCAPE_SETTINGS } from './settings-landscape';

// Every setting of the playground, declared once. Each entry gives its type, default, range or
// options and label; the controls are drawn from it, typed values are validated by it, and
// `apply` says what a change means for the engine (rebuild the model, change the optimizer
// live, ...). `url` is the setting's short name in the page's address (share/url-state.ts).
//
// What the engine owns comes from its catalogue (lib/catalogue.ts): the activation, loss,
// initializer and optimizer options; Keras's defaults (Dense's, each optimizer's); the start
// network (the article's example); the range of every value the engine checks. What is stated
// here is the page's own: labels and help, steps, and the span of a slider or stepper where the
// page offers less than the engine takes (points, noise, neurons per layer).

// The kinds of setting and the check of a value (setting-kinds.ts), as every reader imports them.
export { CONTROL_GROUP, parseSetting } from './setting-kinds';
export type { Apply, BooleanSetting, ChoiceSetting, NumberSetting, Parsed, SettingDef, SettingValues, TextSetting } from './setting-kinds';

/** A choice among the engine's names of one kind (the catalogue's), labelled in the page's words. */
function engineChoice<V extends string>(names: NameKind, d: Omit<ChoiceSetting<V>, 'type' | 'options'>): ChoiceSetting<V> {
  return choice(nameOptions(names) as [V, string][], d);
}

export type ActivationName = Activation;

const { example, limits } = catalogue();
/** The article's layers, a missing activation (Keras's None) read as Dense's default. */
const EXAMPLE_LAYERS = example.layers.map((l) => ({ units: l.units, activation: l.activation ?? DENSE.activation }));
const START_OPTIMIZER = example.optimizer.name;
/** Each optimizer field's default (the start optimizer's where it has one) and range, from the engine. */
const FIELDS = new Map(allOptimizerFields(START_OPTIMIZER).map((f) => [f.key, f]));

/** An optimizer hyperparameter, its default and range Keras's as the engine has them; shown when the chosen optimizer takes it. */
function optimizerNumber(
  field: string,
  d: Omit<NumberSetting, 'type' | 'field' | 'default' | 'min' | 'max' | 'minExclusive' | 'maxExclusive'> & Partial<Pick<NumberSetting, 'min' | 'minExclusive'>>,
): NumberSetting {
  const f = FIELDS.get(field);
  if (f?.type !== 'number') throw new Error(`the engine has no number field ${field}`);
  return num({
    field, default: f.default, min: f.min, minExclusive: f.minExclusive, max: f.max ?? Infinity, maxExclusive: f.maxExclusive,
    when: takesField(field), ...d,
  });
}
function optimizerFlag(field: string, d: Omit<BooleanSetting, 'type' | 'field' | 'default'>): BooleanSetting {
  const f = FIELDS.get(field);
  if (f?.type !== 'boolean') throw new Error(`the engine has no flag field ${field}`);
  return bool({ field, default: f.default, when: takesField(field), ...d });
}
const takesField = (field: string) => (s: SettingValues): boolean => optimizerFields(String(s.optimizer)).some((f) => f.key === field);

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
      ['digits', 'Digits'],
      ['fashion_mnist', 'Fashion-MNIST'],
      ['custom', 'Your data'],
    ],
    { default: 'article_bits', label: 'Dataset', help: 'Which built-in dataset to generate.', url: 'data', apply: 'data' },
  ),
  count: num({
    // The slider's extent: the page plots every point (the engine takes up to limits.count.max).
    default: 200, min: limits.count.min, max: 2000, step: 1, integer: true, label: 'Points',
    help: 'How many rows to generate (the article bits always have 10).', url: 'n', apply: 'data',
    when: (s) => s.dataset !== 'article_bits' && s.dataset !== 'custom' && !isImageSetName(s.dataset),
  }),
  noise: num({
    // The slider's extent, inside the engine's [0, limits.noise.max].
    default: 0.1, min: limits.noise.min, max: 2, step: 0.05, label: 'Noise',
    help: 'How much random jitter the generator adds to each point.', url: 'noise', apply: 'data',
    when: (s) => s.dataset !== 'article_bits' && s.dataset !== 'custom' && !isImageSetName(s.dataset),
  }),
  fullImages: bool({
    default: false, label: 'All training images',
    help: 'Train on every training image of the set (60,000 for Fashion-MNIST) instead of the first 10,000: a longer download and slower epochs.',
    url: 'full', apply: 'data', when: (s) => s.dataset === 'fashion_mnist',
  }),
  testRatio: num({
    default: 0, min: limits.testRatio.min, max: limits.testRatio.max, step: 0.05, label: 'Test share',
    help: 'The share of rows held out as test data: the network never trains on them.', url: 'test', apply: 'split',
    // A set with its own test images (Fashion-MNIST) is tested on them.
    when: (s) => s.dataset !== 'fashion_mnist',
  }),
  featureScaling: choice(
    [
      ['none', 'As they are'],
      ['standardize', 'Standardise (z-score)'],
      ['min_max', 'Min-max to [0, 1]'],
    ],
    {
      default: 'none', label: 'Feature scaling',
      help: "Scale each feature with the training rows' statistics: (x − mean) / standard deviation, or (x − min) / (max − min). The page shows the rows as they are; the network learns from the scaled ones.",
      url: 'fscale', apply: 'split', when: (s) => s.dataset === 'custom',
    },
  ),
  dataSeed: num({
    default: 42, min: limits.seed.min, max: limits.seed.max, step: 1, integer: true, label: 'Data seed',
    help: 'Seed of the generator and of the train/test split.', url: 'dseed', apply: 'data',
  }),

  // ---- model ------------------------------------------------------------------------------
  outputActivation: engineChoice<Activation>('activations', {
    default: EXAMPLE_LAYERS[EXAMPLE_LAYERS.length - 1].activation, label: 'Output activation', help: 'The activation of the output layer.', url: 'out', apply: 'rebuild',
  }),
  loss: engineChoice<LossName>('losses', { default: example.loss, label: 'Loss', help: 'What the network minimises.', url: 'loss', apply: 'rebuild' }),
  kernelInitializer: engineChoice<Initializer>('initializers', {
    default: DENSE.kernel_initializer, label: 'Weight initializer', help: 'How the starting weights are drawn.', url: 'init', apply: 'rebuild',
  }),
  biasInitializer: engineChoice<Initializer>('initializers', {
    default: DENSE.bias_initializer, label: 'Bias initializer', help: 'How the starting biases are set.', url: 'binit', apply: 'rebuild',
  }),
  useBias: bool({ default: DENSE.use_bias, label: 'Biases', help: 'Whether each neuron has a bias b in f(Wx + b).', url: 'bias', apply: 'rebuild' }),
  l1: num({
    default: DENSE.l1, min: limits.regularization.min, max: limits.regularization.max, step: 0.0001, label: 'L1', help: 'Adds l1 * sum |w| to the loss.', url: 'l1', apply: 'rebuild',
  }),
  l2: num({
    default: DENSE.l2, min: limits.regularization.min, max: limits.regularization.max, step: 0.0001, label: 'L2', help: 'Adds l2 * sum w^2 to the loss.', url: 'l2', apply: 'rebuild',
  }),
  precision: choice(
    [
      ['float32', 'float32'],
      ['float64', 'float64'],
    ],
    { default: 'float32', label: 'Precision', help: 'The number type of the weights (Keras uses float32).', url: 'prec', apply: 'rebuild' },
  ),
  seed: num({
    default: 42, min: limits.seed.min, max: limits.seed.max, step: 1, integer: true, label: 'Seed',
    help: 'Seed of the starting weights and of the shuffling; Reset draws them again.', url: 'seed', apply: 'reset',
  }),

  // ---- training ---------------------------------------------------------------------------
  optimizer: engineChoice<OptimizerName>('optimizers', {
    default: START_OPTIMIZER, label: 'Optimizer', help: 'The rule that turns gradients into weight changes.', url: 'opt', apply: 'optimizer',
  }),
  learningRate: optimizerNumber('learning_rate', {
    // The page's floor: the engine takes any rate above 0 (its top is the engine's).
    min: 1e-6, minExclusive: false,
    step: 0.0001, label: 'Learning rate',
    help: 'How big a step each update takes: η in w ← w − η ∂L/∂w.', url: 'lr', apply: 'optimizer',
  }),
  momentum: optimizerNumber('momentum', {
    step: 0.01, label: 'Momentum', help: 'How much of the previous step carries over.', url: 'mom', apply: 'optimizer',
  }),
  nesterov: optimizerFlag('nesterov', { label: 'Nesterov', help: 'Nesterov momentum.', url: 'nest', apply: 'optimizer' }),
  beta1: optimizerNumber('beta_1', {
    step: 0.001, label: 'beta_1', help: 'Decay of the running mean of gradients.', url: 'b1', apply: 'optimizer',
  }),
  beta2: optimizerNumber('beta_2', {
    step: 0.0001, label: 'beta_2', help: 'Decay of the running mean of squared gradients.', url: 'b2', apply: 'optimizer',
  }),
  amsgrad: optimizerFlag('amsgrad', { label: 'AMSGrad', help: 'Use the maximum of past squared gradients.', url: 'ams', apply: 'optimizer' }),
  rho: optimizerNumber('rho', {
    step: 0.01, label: 'rho', help: 'Decay of the running mean of squared gradients.', url: 'rho', apply: 'optimizer',
  }),
  initialAccumulator: optimizerNumber('initial_accumulator_value', {
    step: 0.01, label: 'Initial accumulator', help: 'Starting value of the sum of squared gradients.', url: 'acc', apply: 'optimizer',
  }),
  epsilon: optimizerNumber('epsilon', {
    step: 1e-7, label: 'epsilon', help: 'Keeps the division by the root of the squared gradients finite.', url: 'eps', apply: 'optimizer',
  }),
  batchSize: num({
    default: 1, min: limits.batchSize.min, max: limits.batchSize.max, step: 1, integer: true, label: 'Batch size',
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
  chartScale: choice([['linear', 'linear'], ['log', 'log']], { default: 'linear', label: 'Loss axis', help: 'Linear or logarithmic loss axis.', url: 'scale', apply: 'view' }),
  pointClass: num({
    default: 1, min: 0, max: 9, step: 1, integer: true, label: 'New points',
    help: 'The class of a point added by clicking the plot.', url: 'cls', apply: 'view',
  }),
  // The loss landscape and the optimizer race (settings-landscape.ts).
  ...LANDSCAPE_SETTINGS,
  // A page without lang= opens in the last visit's language, else the browser's (defaultSettings).
  lang: choice(
    LANGUAGES.map((l) => [l, l === 'en' ? 'English' : '中文'] as const),
    { default: 'en', label: 'Language', help: 'The language of the page: English or Simplified Chinese.', url: 'lang', apply: 'language' },
  ),
} satisfies Record<string, SettingDef>;

export type SettingKey = keyof typeof SETTINGS;

export type Settings = { [K in SettingKey]: ValueOf<(typeof SETTINGS)[K]> };

/**
 * One hidden layer as the user edits it; the rest of its Dense config comes from Settings.
 * `after`: the layers of other kinds (Dropout, BatchNormalization, ...) between it and the next
 * Dense layer, in order, as the engine's spec writes them.
 */
export interface HiddenLayer {
  units: number;
  activation: ActivationName;
  after?: ExtraLayer[];
}

/** The settings of one hidden layer, declared once like the others. */
export const LAYER_SETTINGS = {
  // The stepper's extent: the diagram draws up to 32 neurons a layer (the engine takes limits.maxUnits).
  units: num({ default: 4, min: 1, max: 32, step: 1, integer: true, label: 'Neurons', help: 'Neurons in this layer.', url: 'u', apply: 'rebuild' }),
  activation: engineChoice<Activation>('activations', { default: EXAMPLE_LAYERS[0].activation, label: 'Activation', help: 'The activation f in a = f(Wx + b).', url: 'a', apply: 'rebuild' }),
} satisfies Record<Exclude<keyof HiddenLayer, 'after'>, SettingDef>;
export const MAX_HIDDEN_LAYERS = 6;

const KIND_DEFAULTS = (className: string) => catalogue().layerKinds.find((k) => k.className === className)!.defaults as Record<string, number>;
/**
 * The arguments the network builder edits on the layers it puts between Dense layers
 * (state/extra-layers.ts): Keras's defaults from the engine, the engine's ranges (rate in [0, 1),
 * momentum in [0, 1]); the engine checks them again when the model is built.
 */
export const EXTRA_SETTINGS = {
  rate: num({ default: KIND_DEFAULTS('Dropout').rate, min: 0, max: 1, maxExclusive: true, step: 0.05, label: EXTRA_TEXT.rateLabel, help: EXTRA_TEXT.rateHelp, url: 'x', apply: 'rebuild' }),
  momentum: num({ default: KIND_DEFAULTS('BatchNormalization').momentum, min: 0, max: 1, step: 0.01, label: EXTRA_TEXT.momentumLabel, help: EXTRA_TEXT.momentumHelp, url: 'x', apply: 'rebuild' }),
} satisfies Record<string, NumberSetting>;

export function defaultSettings(): Settings {
  const out: Record<string, unknown> = {};
  for (const [key, def] of Object.entries(SETTINGS)) out[key] = def.default;
  out.lang = preferredLanguage();
  return out as Settings;
}

/** The article's hidden layers (Dense(10, relu) -> Dense(8, relu)), from the engine's example. */
export function articleHiddenLayers(): HiddenLayer[] {
  return EXAMPLE_LAYERS.slice(0, -1).map((l) => ({ ...l }));
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
