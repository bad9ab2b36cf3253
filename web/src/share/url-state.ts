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
  problems: string[];
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
  const problems: string[] = [];
  // Values stay escaped until read: a list is split at its commas first.
  const raw = new Map<string, string>();
  for (const piece of hash.replace(/^#/, '').split('&')) {
    if (piece === '') continue;
    const at = piece.indexOf('=');
    const name = decodeText(at < 0 ? piece : piece.slice(0, at));
    if (name === null) problems.push(`“${shorten(piece)}” is not readable (a broken %-escape); ignored`);
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
    const parsed = parseSetting(def, def.type === 'boolean' ? booleanOf(text) : text);
    if (parsed.ok) {
      values[key] = parsed.value;
      out.fromLink.push(key);
    } else problems.push(`${def.url}=${shorten(text)}: ${parsed.error}; ${usedInstead(def, values[key])}`);
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
      const what = unknown.map((n) => `“${shorten(n)}”`).join(', ');
      problems.push(
        `hide: ${what} ${unknown.length === 1 ? 'is not a control' : 'are not controls'} of this page and ${unknown.length === 1 ? 'was' : 'were'} ignored. hide= takes the groups ${groups.join(', ')}, or a control by its name in the link: ${settings.map((x) => x.name).join(', ')}.`,
      );
    }
  }

  for (const name of raw.keys()) if (!known.has(name)) problems.push(`“${shorten(name)}” is not a setting of this page; ignored`);
  return out;
}

/** The hash's parameters, unescaped as they are read; what cannot be unescaped is reported. */
class Params {
  constructor(
    private readonly raw: Map<string, string>,
    private readonly problems: string[],
  ) {}

  value(name: string): string | undefined {
    const text = this.raw.get(name);
    if (text === undefined) return undefined;
    const value = decodeText(text);
    if (value === null) this.problems.push(`${name}=${shorten(text)} is not readable (a broken %-escape); ignored`);
    return value ?? undefined;
  }

  /** The comma-separated items; [] for an empty value. */
  list(name: string): string[] | undefined {
    const text = this.raw.get(name);
    if (text === undefined) return undefined;
    if (text === '') return [];
    const items = text.split(',').map(decodeText);
    if (items.some((i) => i === null)) {
      this.problems.push(`${name}=${shorten(text)} is not readable (a broken %-escape); ignored`);
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

function usedInstead(def: SettingDef, value: string | number | boolean): string {
  return `the default, ${shownValue(def, value)}, is used`;
}

/** A setting's value as its control shows it (an option's label, on/off). */
export function shownValue(def: SettingDef, value: string | number | boolean): string {
  return def.type === 'boolean' ? (value ? 'on' : 'off') : def.type === 'choice' ? (def.options.find((o) => o.value === value)?.label ?? String(value)) : String(value);
}

/** u=10,8&a=relu,tanh: one item per hidden layer; null when the link names no layers. */
function readLayers(params: Params, problems: string[]): HiddenLayer[] | null {
  const lists = entries(LAYER_SETTINGS).map(([key, def]) => ({ key, def, items: params.list(def.url) ?? null }));
  if (lists.every((l) => l.items === null)) return null;
  const count = Math.max(...lists.map((l) => l.items?.length ?? 0));
  if (count > MAX_HIDDEN_LAYERS) {
    problems.push(`the link has ${count} hidden layers, more than the ${MAX_HIDDEN_LAYERS} this page shows; the default layers are used`);
    return null;
  }
  const layers: Record<string, string | number | boolean>[] = Array.from({ length: count }, () => ({}));
  for (const { key, def, items } of lists) {
    for (let i = 0; i < count; ++i) {
      const raw = items?.[i];
      const parsed = raw === undefined ? null : parseSetting(def, raw);
      if (parsed?.ok) layers[i][key] = parsed.value;
      else {
        // A list the link leaves out altogether takes the defaults without a word.
        layers[i][key] = def.default;
        const what = `${def.url} (hidden layer ${i + 1})`;
        if (parsed) problems.push(`${what}=${shorten(raw!)}: ${parsed.error}; ${usedInstead(def, def.default)}`);
        else if (items !== null) problems.push(`${what} is missing; ${usedInstead(def, def.default)}`);
      }
    }
  }
  return layers as unknown as HiddenLayer[];
}

/** d= (with dataset=custom): the rows, or a note that they were too many to include. */
function readData(params: Params, out: DecodedUrl): void {
  const raw = params.value(DATA);
  if (out.settings.dataset !== 'custom') {
    if (raw !== undefined) out.problems.push(`${DATA}= holds data, but the dataset is not “Your data”; ignored`);
    return;
  }
  const fallback = `${usedInstead(SETTINGS.dataset, SETTINGS.dataset.default)} instead`;
  out.settings.dataset = SETTINGS.dataset.default;
  if (raw === undefined) {
    out.problems.push(`the dataset is “Your data” but the link holds no rows (${DATA}=); ${fallback}`);
    return;
  }
  const omitted = raw.match(/^omitted:(\d+)$/);
  if (omitted) {
    out.problems.push(`this link was made with your own data of ${Number(omitted[1]).toLocaleString('en-US')} rows, too many to fit in a link (the limit is ${URL_DATA_MAX_ROWS}); ${fallback}. Ask for the CSV file and import it.`);
    return;
  }
  try {
    const d = decodeData(raw);
    const names = params.list(NAMES);
    if (names && names.length === d.features + d.targets && names.every((n) => n !== '') && new Set(names).size === names.length) {
      d.featureNames = names.slice(0, d.features);
      d.targetNames = names.slice(d.features);
    } else if (names) out.problems.push(`${NAMES}: ${names.length} column names for ${d.features + d.targets} columns (or empty or repeated ones); default names are used`);
    out.dataset = d;
    out.settings.dataset = 'custom';
  } catch (err) {
    out.problems.push(`${DATA}: ${err instanceof Error ? err.message : String(err)}; ${fallback}`);
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
  // The article's example in Teach mode is still the article's example.
  const keys = (Object.keys(SETTINGS) as SettingKey[]).filter((k) => SETTINGS[k].apply !== 'mode');
  return (
    decoded.dataset === null &&
    keys.every((k) => decoded.settings[k] === start.settings[k]) &&
    JSON.stringify(decoded.hidden) === JSON.stringify(start.hidden)
  );
}
