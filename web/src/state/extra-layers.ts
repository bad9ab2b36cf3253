// The layers of other kinds the network builder puts between Dense layers (Dropout,
// BatchNormalization), as edits of the hidden layers (HiddenLayer.after), and their place in a
// link: x=do:0.5~bn:0.99,  one item per hidden layer, its layers in order joined by "~", each
// a short name and its main argument. The engine checks every value when the model is built;
// the page checks a value against its control (settings.ts, EXTRA_SETTINGS) first.
import { EXTRA_SETTINGS, parseSetting, type HiddenLayer } from '../settings';
import type { ExtraLayer } from '../lib/layer-kinds';
import { classNameOf } from '../lib/layer-kinds';
import { catalogue } from '../lib/catalogue';
import { EXTRA_TEXT } from '../lib/layer-kinds-text';
import { plainMessage, say, type Message } from '../i18n';

/** The kinds the builder inserts, each with the argument its control edits. */
export const INSERTABLE = [
  { kind: 'Dropout', arg: 'rate' },
  { kind: 'BatchNormalization', arg: 'momentum' },
] as const;
export type InsertableKind = (typeof INSERTABLE)[number]['kind'];
export type ExtraArg = (typeof INSERTABLE)[number]['arg'];

/** The argument the builder edits on a layer of this kind, if it is one the builder makes. */
export function editedArg(l: ExtraLayer): ExtraArg | null {
  return INSERTABLE.find((k) => k.kind === classNameOf(l))?.arg ?? null;
}

/** A new layer of the kind with Keras's default (the engine's catalogue). */
export function freshLayer(kind: InsertableKind): ExtraLayer {
  const entry = catalogue().layerKinds.find((k) => k.className === kind)!;
  const arg = INSERTABLE.find((k) => k.kind === kind)!.arg;
  return { kind, [arg]: entry.defaults[arg as keyof typeof entry.defaults] } as unknown as ExtraLayer;
}

type Edit = (hidden: HiddenLayer[]) => HiddenLayer[] | Message | string | null;
const withAfter = (h: HiddenLayer[], index: number, after: ExtraLayer[]) =>
  h.map((l, i) => (i !== index ? l : after.length > 0 ? { ...l, after } : { units: l.units, activation: l.activation }));

/** Inserts a layer of `kind` at the end of the layers after hidden layer `index`. */
export const insertExtra = (index: number, kind: InsertableKind): Edit => (h) =>
  !h[index] ? null : withAfter(h, index, [...(h[index].after ?? []), freshLayer(kind)]);

export const removeExtra = (index: number, at: number): Edit => (h) =>
  !h[index]?.after?.[at] ? null : withAfter(h, index, h[index].after!.filter((_, j) => j !== at));

/** Sets the edited argument of a layer; a value outside its control's range is said, and nothing changes. */
export const setExtra = (index: number, at: number, raw: unknown): Edit => (h) => {
  const layer = h[index]?.after?.[at];
  const arg = layer && editedArg(layer);
  if (!layer || !arg) return null;
  const parsed = parseSetting(EXTRA_SETTINGS[arg], raw);
  if (!parsed.ok) return parsed.error;
  if ((layer as unknown as Record<string, unknown>)[arg] === parsed.value) return null;
  return withAfter(h, index, h[index].after!.map((l, j) => (j === at ? ({ ...l, [arg]: parsed.value } as ExtraLayer) : l)));
};

// ---- the link -----------------------------------------------------------------------------------

/** Short names in a link, and the argument each carries (null: none). */
const SHORT: { short: string; kind: string; arg: string | null }[] = [
  { short: 'do', kind: 'Dropout', arg: 'rate' },
  { short: 'bn', kind: 'BatchNormalization', arg: 'momentum' },
  { short: 'ln', kind: 'LayerNormalization', arg: 'epsilon' },
  { short: 'act', kind: 'Activation', arg: 'activation' },
  { short: 'lrelu', kind: 'LeakyReLU', arg: 'negative_slope' },
  { short: 'elu', kind: 'ELU', arg: 'alpha' },
  { short: 'relu', kind: 'ReLU', arg: null },
  { short: 'prelu', kind: 'PReLU', arg: null },
  { short: 'softmax', kind: 'Softmax', arg: null },
];
export const EXTRA_URL = 'x';

/** The x= list: one item per hidden layer ('' for none); null when no layer has any. */
export function encodeExtras(hidden: readonly HiddenLayer[]): string[] | null {
  if (!hidden.some((h) => (h.after ?? []).length > 0)) return null;
  return hidden.map((h) =>
    (h.after ?? [])
      .map((l) => {
        const s = SHORT.find((x) => x.kind === classNameOf(l));
        if (!s) return null;
        const v = s.arg ? (l as unknown as Record<string, unknown>)[s.arg] : undefined;
        return v === undefined || v === null ? s.short : `${s.short}:${String(v)}`;
      })
      .filter((t): t is string => t !== null)
      .join('~'),
  );
}

/** Reads x= onto the hidden layers; a token it cannot read is reported and left out. */
export function decodeExtras(items: string[], hidden: HiddenLayer[], problems: Message[]): HiddenLayer[] {
  if (items.length > hidden.length) problems.push(plainMessage(EXTRA_TEXT.urlTooMany(items.length, hidden.length)));
  return hidden.map((h, i) => {
    const tokens = (items[i] ?? '').split('~').filter((t) => t !== '');
    const after: ExtraLayer[] = [];
    for (const token of tokens) {
      const [short, value] = token.includes(':') ? [token.slice(0, token.indexOf(':')), token.slice(token.indexOf(':') + 1)] : [token, undefined];
      const s = SHORT.find((x) => x.short === short);
      if (!s) {
        problems.push(plainMessage(EXTRA_TEXT.urlUnknownKind(token, i + 1)));
        continue;
      }
      const layer: Record<string, unknown> = { kind: s.kind };
      if (s.arg && value !== undefined) {
        const def = s.arg === 'rate' || s.arg === 'momentum' ? EXTRA_SETTINGS[s.arg] : null;
        const parsed = def ? parseSetting(def, value) : s.arg === 'activation' ? { ok: true as const, value } : parseSetting({ ...EXTRA_SETTINGS.rate, label: s.arg, min: -Infinity, max: Infinity, maxExclusive: false }, value);
        if (!parsed.ok) {
          problems.push(plainMessage(EXTRA_TEXT.urlBadValue(token, i + 1, say(parsed.error))));
          continue;
        }
        layer[s.arg] = parsed.value;
      }
      after.push(layer as unknown as ExtraLayer);
    }
    return after.length > 0 ? { ...h, after } : h;
  });
}
