// The kinds of setting the settings table (settings.ts) declares, the group a change belongs to,
// the builders of its entries, and the check of a typed, picked or linked value against one.
// A value out of range is named with its range as the entry states it (from the engine's
// catalogue where the engine checks it). A failed check is a Message, said in the page's language.
import { msg, type Message } from './i18n';
import { optionMessage } from './i18n/settings-text';

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
  /** Bounds are exclusive at the bottom, (min, max], or at the top, [min, max). */
  minExclusive?: boolean;
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
/** A short text of a fixed form (a weight's name, a list of racers): `pattern` is its whole form. */
export interface TextSetting extends Common {
  type: 'text';
  default: string;
  pattern: RegExp;
  /** A valid value the refusal shows as an example. */
  example: string;
}
export type SettingDef = NumberSetting | ChoiceSetting | BooleanSetting | TextSetting;

export type ValueOf<D> = D extends NumberSetting ? number : D extends ChoiceSetting<infer V> ? V : D extends BooleanSetting ? boolean : D extends TextSetting ? string : never;

export const num = (d: Omit<NumberSetting, 'type'>): NumberSetting => ({ type: 'number', ...d });
export const bool = (d: Omit<BooleanSetting, 'type'>): BooleanSetting => ({ type: 'boolean', ...d });
export const text = (d: Omit<TextSetting, 'type'>): TextSetting => ({ type: 'text', ...d });
export function choice<const V extends string>(
  options: readonly (readonly [V, string])[],
  d: Omit<ChoiceSetting<V>, 'type' | 'options'>,
): ChoiceSetting<V> {
  return { type: 'choice', options: options.map(([value, label]) => ({ value, label })), ...d };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: Message };

/**
 * Checks a typed or picked value against its declaration. `key` names the setting for the
 * message (its label in the page's language, settings.<key>.label), or is the label itself.
 */
export function parseSetting(def: SettingDef, raw: unknown, key?: string | Message): Parsed<number | string | boolean> {
  // A value that is not a page setting (Keras's epochs) names itself with a Message.
  const label: Message = typeof key === 'object' ? key : key ? { key: `settings.${key}.label`, text: def.label } : { text: def.label };
  switch (def.type) {
    case 'boolean':
      return typeof raw === 'boolean' ? { ok: true, value: raw } : { ok: false, error: msg('validation.onOff', { label }) };
    case 'choice': {
      const value = String(raw);
      const options: Message = { list: def.options.map((o) => (typeof key === 'string' ? optionMessage(key, o.value, o.label) : o.label)) };
      return def.options.some((o) => o.value === value) ? { ok: true, value } : { ok: false, error: msg('validation.chooseOne', { label, options }) };
    }
    case 'text': {
      const value = String(raw).trim();
      return def.pattern.test(value) ? { ok: true, value } : { ok: false, error: msg('validation.form', { label, example: def.example }) };
    }
    case 'number': {
      const text = typeof raw === 'number' ? String(raw) : String(raw).trim();
      const value = Number(text);
      if (text === '' || !Number.isFinite(value)) return { ok: false, error: msg('validation.number', { label }) };
      if (def.integer && !Number.isInteger(value)) return { ok: false, error: msg('validation.wholeNumber', { label }) };
      const tooLow = def.minExclusive ? value <= def.min : value < def.min;
      const tooHigh = def.maxExclusive ? value >= def.max : value > def.max;
      if (!tooLow && !tooHigh) return { ok: true, value };
      if (def.max === Infinity) return { ok: false, error: msg(def.minExclusive ? 'validation.above' : 'validation.atLeast', { label, min: fmt(def.min) }) };
      // The interval in mathematical notation, the same in every language: [0, 1), (0, 10].
      const range = `${def.minExclusive ? '(' : '['}${fmt(def.min)}, ${fmt(def.max)}${def.maxExclusive ? ')' : ']'}`;
      return { ok: false, error: msg('validation.range', { label, range }) };
    }
  }
}

function fmt(x: number): string {
  return Math.abs(x) >= 1e5 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(0) : String(x);
}
