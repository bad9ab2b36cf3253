// The page's state in the address's hash, so that a link reproduces the page. Everything is
// derived from the settings table (settings.ts):
//   <url>=<value>      every entry of SETTINGS under its `url` name (true/false for on/off)
//   u=10,8&a=relu,tanh the hidden layers: one list per LAYER_SETTINGS entry, one item per layer
//   x=do:0.5~bn:0.99,  the layers of other kinds after each hidden layer (state/extra-layers.ts)
//   d=2x1:t:.5,1,0,... your own data (dataset=custom), up to URL_DATA_MAX_ROWS rows (below)
//   dn=x1,x2,label     its column names
//   hide=data,learning_rate   controls a lesson hides (share/hide.ts)
// Reading checks every value against the table; a value that fails is left at its default and
// reported, so a link opens even when it was mangled or made by a newer page.
import { LAYER_SETTINGS, MAX_HIDDEN_LAYERS, parseSetting, SETTINGS, type HiddenLayer, type SettingDef, type SettingKey, type Settings } from '../settings';
import type { Dataset } from '../lib/types';
import { hideShortNames, resolveHidden } from './hide';
import { msg, type Message } from '../i18n';
import { messageOf } from '../i18n/engine';
import { optionMessage } from '../i18n/settings-text';
import { decodeData, encodeData } from './url-data';
import { decodeExtras, encodeExtras, EXTRA_URL } from '../state/extra-layers';

/** Rows of your own data a link carries; a larger dataset is left out (and the link says so). */
export const URL_DATA_MAX_ROWS = 200;

const DATA = 'd';
const NAMES = 'dn';
const HIDE = 'hide';
const OMITTED = 'omitted';

// The names the table gives must not collide with each other or with the three above.
(() => {
  const seen = new Set([DATA, NAMES, HIDE, EXTRA_URL]);
  for (const def of [...Object.values(SETTINGS), ...Object.values(LAYER_SETTINGS)] as SettingDef[]) {
    if (seen.has(def.url)) console.error(`share/url-state.ts: the URL name "${def.url}" is used twice`);
    seen.add(def.url);
  }
})();

export interface UrlState {
  settings: Settings;
  hidden: readonly HiddenLayer[];
  /** The rows on the page; written only when settings.dataset is 'custom'. */
  dataset: Dataset | null;
  hide: readonly string[];
}

export interface DecodedUrl {
  /** Whether the hash held anything at all. */
  given: boolean;
  /** Every setting: the link's value where it was valid, the default otherwise. */
  settings: Settings;
  /** The settings the link gave a valid value for. */
  fromLink: SettingKey[];
  hidden: HiddenLayer[];
  /** Your own data (settings.dataset is then 'custom'). */
  dataset: Dataset | null;
  hide: string[];
  /** One sentence per value that was ignored, saying what is used instead. */
  problems: Message[];
}

// ---- writing ----------------------------------------------------------------------------------

/** The hash (without '#') and, when your data were too large to include, their row count. */
export function encodeHash(state: UrlState): { hash: string; omittedRows: number | null } {
  const parts: string[] = [];
  for (const [key, def] of entries(SETTINGS)) parts.push(`${def.url}=${escape(formatValue(def, state.settings[key]))}`);
  for (const [key, def] of entries(LAYER_SETTINGS)) parts.push(`${def.url}=${list(state.hidden.map((l) => String(l[key])))}`);
  const extras = encodeExtras(state.hidden);
  if (extras) parts.push(`${EXTRA_URL}=${list(extras)}`);
  let omittedRows: number | null = null;
  const d = state.dataset;
  if (state.settings.dataset === 'custom' && d) {
    if (d.rows <= URL_DATA_MAX_ROWS) {
      parts.push(`${DATA}=${encodeData(d)}`);
      parts.push(`${NAMES}=${list([...d.featureNames, ...d.targetNames])}`);
    } else {
      omittedRows = d.rows;
      parts.push(`${DATA}=${OMITTED}:${d.rows}`);
    }
  }
  if (state.hide.length > 0) parts.push(`${HIDE}=${list(state.hide)}`);
  return { hash: parts.join('&'), omittedRows };
}

function formatValue(def: SettingDef, value: string | number | boolean): string {
  return def.type === 'boolean' ? (value ? 'true' : 'false') : String(value);
}

/** encodeURIComponent, but keeping the colon, which a fragment allows and which reads well. */
function escape(text: string): string {
  return encodeURIComponent(text).replace(/%3A/gi, ':');
}

/** Items joined by commas; a comma inside an item stays escaped. */
function list(items: readonly string[]): string {
  return items.map(escape).join(',');
}

// ---- reading ----------------------------------------------------------------------------------

export function decodeHash(hash: string, defaults: { settings: Settings; hidden: readonly HiddenLayer[] }): DecodedUrl {
  const problems: Message[] = [];
  // Values stay escaped until read: a list is split at its commas first.
  const raw = new Map<string, string>();
  for (const piece of hash.replace(/^#/, '').split('&')) {
    if (piece === '') continue;
    const at = piece.indexOf('=');
    const name = decodeText(at < 0 ? piece : piece.slice(0, at));
    if (name === null) problems.push(msg('url.brokenEscape', { text: shorten(piece) }));
    else raw.set(name, at < 0 ? '' : piece.slice(at + 1));
  }
  const params = new Params(raw, problems);
  const out: DecodedUrl = {
    given: raw.size > 0 || problems.length > 0,
    settings: { ...defaults.settings },
    fromLink: [],
    hidden: defaults.hidden.map((l) => ({ ...l })),
    dataset: null,
    hide: [],
    problems,
  };
  const known = new Set<string>([DATA, NAMES, HIDE]);

  const values = out.settings as Record<string, string | number | boolean>;
  for (const [key, def] of entries(SETTINGS)) {
    known.add(def.url);
    const text = params.value(def.url);
    if (text === undefined) continue;
    const parsed = parseSetting(def, def.type === 'boolean' ? booleanOf(text) : text, key);
    if (parsed.ok) {
      values[key] = parsed.value;
      out.fromLink.push(key);
    } else problems.push(msg('url.invalid', { name: def.url, value: shorten(text), error: parsed.error, default: shownValue(def, values[key], key) }));
  }

  const layers = readLayers(params, problems);
  for (const def of Object.values(LAYER_SETTINGS)) known.add(def.url);
  if (layers) out.hidden = layers;
  known.add(EXTRA_URL);
  const extras = params.list(EXTRA_URL);
  if (extras !== undefined) out.hidden = decodeExtras(extras, out.hidden, problems);

  readData(params, out);

  const hide = params.list(HIDE);
  if (hide !== undefined) {
    const { valid, unknown } = resolveHidden(hide.filter((n) => n !== ''));
    out.hide = valid;
    if (unknown.length > 0) {
      const { groups, settings } = hideShortNames();
      problems.push(
        msg('url.hideUnknown', { count: unknown.length, names: { list: unknown.map((n) => `“${shorten(n)}”`) }, groups: { list: groups }, settings: { list: settings.map((x) => x.name) } }),
      );
    }
  }

  for (const name of raw.keys()) if (!known.has(name)) problems.push(msg('url.unknownSetting', { name: shorten(name) }));
  return out;
}

/** The hash's parameters, unescaped as they are read; what cannot be unescaped is reported. */
class Params {
  constructor(
    private readonly raw: Map<string, string>,
    private readonly problems: Message[],
  ) {}

  value(name: string): string | undefined {
    const text = this.raw.get(name);
    if (text === undefined) return undefined;
    const value = decodeText(text);
    if (value === null) this.problems.push(msg('url.valueBrokenEscape', { name, text: shorten(text) }));
    return value ?? undefined;
  }

  /** The comma-separated items; [] for an empty value. */
  list(name: string): string[] | undefined {
    const text = this.raw.get(name);
    if (text === undefined) return undefined;
    if (text === '') return [];
    const items = text.split(',').map(decodeText);
    if (items.some((i) => i === null)) {
      this.problems.push(msg('url.valueBrokenEscape', { name, text: shorten(text) }));
      return undefined;
    }
    return items as string[];
  }
}

function decodeText(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function booleanOf(raw: string): boolean | string {
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  return raw;
}

/** A setting's value as its control shows it (an option's label, on/off), in the page's language. */
export function shownValue(def: SettingDef, value: string | number | boolean, key?: string): Message | string {
  if (def.type === 'boolean') return msg(value ? 'settings.on' : 'settings.off');
  if (def.type === 'choice') {
    const label = def.options.find((o) => o.value === value)?.label ?? String(value);
    return key ? optionMessage(key, String(value), label) : label;
  }
  return String(value);
}

/** u=10,8&a=relu,tanh: one item per hidden layer; null when the link names no layers. */
function readLayers(params: Params, problems: Message[]): HiddenLayer[] | null {
  const lists = entries(LAYER_SETTINGS).map(([key, def]) => ({ key, def, items: params.list(def.url) ?? null }));
  if (lists.every((l) => l.items === null)) return null;
  const count = Math.max(...lists.map((l) => l.items?.length ?? 0));
  if (count > MAX_HIDDEN_LAYERS) {
    problems.push(msg('url.tooManyLayers', { count, max: MAX_HIDDEN_LAYERS }));
    return null;
  }
  const layers: Record<string, string | number | boolean>[] = Array.from({ length: count }, () => ({}));
  for (const { key, def, items } of lists) {
    for (let i = 0; i < count; ++i) {
      const raw = items?.[i];
      const parsed = raw === undefined ? null : parseSetting(def, raw, key);
      if (parsed?.ok) layers[i][key] = parsed.value;
      else {
        // A list the link leaves out altogether takes the defaults without a word.
        layers[i][key] = def.default;
        const shown = shownValue(def, def.default, key);
        if (parsed) problems.push(msg('url.layerInvalid', { name: def.url, layer: i + 1, value: shorten(raw!), error: parsed.error, default: shown }));
        else if (items !== null) problems.push(msg('url.layerMissing', { name: def.url, layer: i + 1, default: shown }));
      }
    }
  }
  return layers as unknown as HiddenLayer[];
}

/** d= (with dataset=custom): the rows, or a note that they were too many to include. */
function readData(params: Params, out: DecodedUrl): void {
  const raw = params.value(DATA);
  if (out.settings.dataset !== 'custom') {
    if (raw !== undefined) out.problems.push(msg('url.dataNotCustom', { name: DATA }));
    return;
  }
  const fallback = shownValue(SETTINGS.dataset, SETTINGS.dataset.default, 'dataset');
  out.settings.dataset = SETTINGS.dataset.default;
  if (raw === undefined) {
    out.problems.push(msg('url.noRows', { name: DATA, default: fallback }));
    return;
  }
  const omitted = raw.match(/^omitted:(\d+)$/);
  if (omitted) {
    out.problems.push(msg('url.omitted', { rows: Number(omitted[1]).toLocaleString('en-US'), max: URL_DATA_MAX_ROWS, default: fallback }));
    return;
  }
  try {
    const d = decodeData(raw);
    const names = params.list(NAMES);
    if (names && names.length === d.features + d.targets && names.every((n) => n !== '') && new Set(names).size === names.length) {
      d.featureNames = names.slice(0, d.features);
      d.targetNames = names.slice(d.features);
    } else if (names) out.problems.push(msg('url.names', { name: NAMES, count: names.length, columns: d.features + d.targets }));
    out.dataset = d;
    out.settings.dataset = 'custom';
  } catch (err) {
    out.problems.push(msg('url.dataError', { name: DATA, message: messageOf(err), default: fallback }));
  }
}

// ---- helpers ----------------------------------------------------------------------------------

function entries<T extends Record<string, SettingDef>>(table: T): [keyof T & string, SettingDef][] {
  return Object.entries(table) as [keyof T & string, SettingDef][];
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** Whether the decoded state is the page's start state (the intro then tells the article's story). */
export function isStartState(decoded: DecodedUrl, start: { settings: Settings; hidden: readonly HiddenLayer[] }): boolean {
  // The article's example in Teach mode, or in another language, is still the article's example.
  const keys = (Object.keys(SETTINGS) as SettingKey[]).filter((k) => SETTINGS[k].apply !== 'mode' && SETTINGS[k].apply !== 'language');
  return (
    decoded.dataset === null &&
    keys.every((k) => decoded.settings[k] === start.settings[k]) &&
    JSON.stringify(decoded.hidden) === JSON.stringify(start.hidden)
  );
}
