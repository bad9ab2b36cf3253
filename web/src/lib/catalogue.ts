// The engine's catalogue on the page (ns.catalogue(), cpp/core/catalogue.hpp): the one place the
// page reads which names, fields, defaults and ranges the engine has. It is built into the page:
// scripts/build.sh writes `neurostep catalogue` to engine/catalogue.json, which
// tests/wasm/catalogue.test.mjs checks is the WebAssembly engine's ns.catalogue() and the page
// checks against the worker's copy at `init`. So the settings table, a link's values and the
// first paint have it before the engine has loaded, and nothing waits for it.
import built from '../engine/catalogue.json';
import { fail } from '../i18n/engine';
import type { Catalogue, OptimizerField } from '../engine/neurostep';
import type { DenseDefaults } from '../engine/views';

const CATALOGUE = built as unknown as Catalogue;

export function catalogue(): Catalogue {
  return CATALOGUE;
}

/** Keras's Dense(units) defaults (activation linear, glorot_uniform, ...), from the engine. */
export const DENSE_DEFAULTS = CATALOGUE.layerKinds.find((k) => k.kind === 'dense')!.defaults as DenseDefaults;

/** Throws when the worker's engine is not the one the page was built with (a stale build). */
export function checkEngineCatalogue(engine: Catalogue): void {
  if (JSON.stringify(engine) !== JSON.stringify(CATALOGUE))
    fail('worker.staleBuild');
}

/** An optimizer's hyperparameters in Keras's order, with their defaults and ranges. */
export function optimizerFields(name: string): readonly OptimizerField[] {
  const o = CATALOGUE.optimizers.find((x) => x.name === name);
  if (!o) throw new Error(`unknown optimizer '${name}'`);
  return o.fields;
}

/** Every optimizer's fields, `last`'s last so that its defaults win where the names are shared. */
export function allOptimizerFields(last: string): readonly OptimizerField[] {
  const others = CATALOGUE.optimizers.filter((o) => o.name !== last).flatMap((o) => o.fields);
  return [...others, ...optimizerFields(last)];
}

/** A loss's own name for one of its aliases (mse -> mean_squared_error). */
export function canonicalLoss(name: string): string {
  return CATALOGUE.losses.find((l) => l.name === name || l.aliases.includes(name as never))?.name ?? name;
}

// ---- the engine's names as the page words them -----------------------------------------------

export type NameKind = 'activations' | 'losses' | 'optimizers' | 'initializers';

/**
 * The page's English for the engine's names (page wording, not a list of what the engine has:
 * the options are the catalogue's names, and one without a word here shows as itself). The order
 * here is the order of the page's drop-downs; a name the catalogue adds comes after these.
 */
const WORDS: Record<NameKind, Readonly<Record<string, string>>> = {
  activations: { relu: 'ReLU', tanh: 'tanh', sigmoid: 'sigmoid', linear: 'linear', leaky_relu: 'leaky ReLU', elu: 'ELU' },
  losses: {
    binary_crossentropy: 'binary cross-entropy',
    categorical_crossentropy: 'categorical cross-entropy',
    sparse_categorical_crossentropy: 'sparse categorical cross-entropy',
    mean_squared_error: 'mean squared error',
    mean_absolute_error: 'mean absolute error',
  },
  optimizers: { adam: 'Adam', sgd: 'SGD', rmsprop: 'RMSprop', adagrad: 'Adagrad' },
  initializers: {
    glorot_uniform: 'Glorot uniform',
    glorot_normal: 'Glorot normal',
    he_uniform: 'He uniform',
    he_normal: 'He normal',
    lecun_uniform: 'LeCun uniform',
    lecun_normal: 'LeCun normal',
    random_uniform: 'random uniform',
    random_normal: 'random normal',
  },
};

const namesOf = (kind: NameKind): readonly string[] => {
  const entries: readonly (string | { name: string })[] = CATALOGUE[kind];
  return entries.map((e) => (typeof e === 'string' ? e : e.name));
};

/** The page's word for one of the engine's names ('relu' -> ReLU); the name itself otherwise. */
export function nameLabel(kind: NameKind, name: string): string {
  return WORDS[kind][name] ?? name;
}

/** Every name of one kind the engine has, as [name, label] pairs in the page's order. */
export function nameOptions(kind: NameKind): [string, string][] {
  const names = namesOf(kind);
  const worded = Object.keys(WORDS[kind]).filter((n) => names.includes(n));
  return [...worded, ...names.filter((n) => !worded.includes(n))].map((n) => [n, nameLabel(kind, n)]);
}

/** The diagram's shortest word for an activation, where a column head has little room ('sigmoid' -> σ); the name itself otherwise. */
const SHORT_ACTIVATION: Readonly<Record<string, string>> = { relu: 'relu', leaky_relu: 'lrelu', elu: 'elu', sigmoid: 'σ', tanh: 'tanh', softplus: 'sp', softmax: 'smax', linear: 'lin' };

export function shortActivationLabel(name: string): string {
  return SHORT_ACTIVATION[name] ?? name;
}

/** The engine's default of one of an optimizer's hyperparameters (Keras's), e.g. adam's beta_1 = 0.9. */
export function optimizerDefault<T extends number | boolean = number>(name: string, key: string): T {
  const field = optimizerFields(name).find((f) => f.key === key);
  if (!field) throw new Error(`optimizer '${name}' has no field '${key}'`);
  return field.default as T;
}
