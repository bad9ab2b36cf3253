// A loaded model as the page's settings (output, loss, optimizer, hidden layers), with a note
// for each thing the settings cannot show.
import { canonicalLoss, DENSE_DEFAULTS, optimizerFields } from '../lib/catalogue';
import type { FullOptimizerSpec, LayerSpec, ModelSpec, Precision } from '../lib/types';
import { LAYER_SETTINGS, MAX_HIDDEN_LAYERS, optimizerDefaults, parseSetting, settingOfField, SETTINGS, type HiddenLayer, type SettingKey, type Settings } from '../settings';
import { msg, plainMessage, type Message } from '../i18n';
import { labelMessage } from '../i18n/settings-text';
import { bandsOf, denseLayers, isDense, type ExtraLayer } from '../lib/layer-kinds';
import { summaryLabel, TEXT as LAYER_TEXT } from '../lib/layer-kinds-text';

const LAYER_KEYS = [
  ['kernel_initializer', 'kernelInitializer'],
  ['bias_initializer', 'biasInitializer'],
  ['use_bias', 'useBias'],
  ['l1', 'l1'],
  ['l2', 'l2'],
] as const satisfies readonly (readonly [keyof LayerSpec, SettingKey])[];


/**
 * The page's settings and hidden layers for a model. The page sets initializers and
 * regularisers once for all layers: the first layer's are shown, and differences are noted.
 */
export function settingsFromSpec(spec: ModelSpec, base: Settings, run: { precision: Precision; seed: number; batchSize: number }): { settings: Settings; hidden: HiddenLayer[]; notes: Message[] } {
  const notes: Message[] = [];
  // The controls describe Dense layers; the other kinds ride on the hidden layer they follow.
  const layers = denseLayers(spec);
  const bands = bandsOf(spec);
  const output = layers[layers.length - 1];
  const first = layers[0];
  const s: Record<string, string | number | boolean> = { ...base, ...optimizerDefaults(spec.optimizer.name) };
  s.outputActivation = output.activation ?? 'linear';
  s.loss = canonicalLoss(spec.loss);
  for (const [specKey, key] of LAYER_KEYS) {
    s[key] = first[specKey];
    if (layers.some((l) => l[specKey] !== first[specKey]))
      notes.push(msg('modelLoad.layersDiffer', { setting: labelMessage(key, SETTINGS[key].label), values: layers.map((l) => String(l[specKey])).join(', ') }));
  }
  s.optimizer = spec.optimizer.name;
  const o = spec.optimizer as unknown as Record<string, number | boolean | undefined>;
  for (const f of optimizerFields(spec.optimizer.name)) if (o[f.key] !== undefined) s[settingOfField(f.key)] = o[f.key]!;
  s.precision = run.precision;
  s.seed = run.seed;
  s.batchSize = run.batchSize;
  // Values past the controls' ranges stay in the engine; a link cannot carry them.
  for (const key of Object.keys(SETTINGS) as SettingKey[]) {
    const checked = parseSetting(SETTINGS[key], s[key], key);
    if (!checked.ok) notes.push(msg('modelLoad.outOfRange', { error: checked.error, value: String(s[key]) }));
  }
  const hidden: HiddenLayer[] = layers.slice(0, -1).map((l, k) => {
    const after = bands[k + 1].map((b) => withoutName(b.layer));
    return { units: l.units, activation: l.activation ?? DENSE_DEFAULTS.activation, ...(after.length > 0 ? { after } : {}) };
  });
  if (bands[0].length > 0) notes.push(plainMessage(LAYER_TEXT.extraBeforeFirst));
  if (bands[layers.length].length > 0) notes.push(plainMessage(LAYER_TEXT.extraAfterOutput));
  if (hidden.length > MAX_HIDDEN_LAYERS) notes.push(msg('modelLoad.tooManyLayers', { count: hidden.length, max: MAX_HIDDEN_LAYERS }));
  const wide = hidden.findIndex((l) => !parseSetting(LAYER_SETTINGS.units, l.units).ok);
  if (wide >= 0) notes.push(msg('modelLoad.wideLayer', { layer: wide + 1, units: hidden[wide].units, max: LAYER_SETTINGS.units.max }));
  return { settings: s as Settings, hidden, notes };
}

const LAYER_FIELDS = ['units', 'activation', 'use_bias', 'kernel_initializer', 'bias_initializer', 'l1', 'l2'] as const;

/** The same model whatever the key order, layer names aside. */
export function sameModel(a: ModelSpec, b: ModelSpec): boolean {
  const layer = (l: LayerSpec) => (isDense(l) ? LAYER_FIELDS.map((k) => l[k] ?? null) : sortedEntries(withoutName(l as unknown as ExtraLayer)));
  const optimizer = (o: FullOptimizerSpec) => Object.entries(o).sort(([x], [y]) => (x < y ? -1 : 1));
  const key = (s: ModelSpec) => JSON.stringify([s.input_dim, s.loss, s.layers.map(layer), optimizer(s.optimizer)]);
  return key(a) === key(b);
}

const sortedEntries = (o: object) => Object.entries(o).sort(([x], [y]) => (x < y ? -1 : 1));

function withoutName(l: ExtraLayer): ExtraLayer {
  const { name: _name, ...rest } = l as ExtraLayer & { name?: string };
  return rest as ExtraLayer;
}

export function withoutNames(spec: ModelSpec): ModelSpec {
  return { ...spec, layers: spec.layers.map(({ name: _name, ...l }) => l) };
}

export function describe(spec: ModelSpec): Message {
  return msg('modelLoad.model', { count: spec.input_dim, layers: spec.layers.map((l) => (isDense(l) ? `${l.units} ${l.activation ?? DENSE_DEFAULTS.activation}` : summaryLabel(l as unknown as ExtraLayer))).join(' → ') });
}
