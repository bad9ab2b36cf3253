// The page's languages: English and Simplified Chinese, through i18next. The catalogues are plain
// JSON beside this file (en.json, zh-CN.json; keys by meaning, placeholders as {name}, plurals as
// i18next's key_one / key_other); GLOSSARY.md fixes the Chinese words. `t` reads the language
// signal, so a component that calls it while rendering is drawn again when the language changes.
//
// Messages that outlive a render (an error shown until the next action, a notice, the worker's
// reason for stopping) are kept as a Message — a key and its values — and said when shown
// (`say`), so that switching the language translates them too. The engine's errors arrive with a
// stable id and their arguments beside the English text (engine.ts): a known id is said in the
// page's language, an unknown one in the engine's English.
import i18next from 'i18next';
import { signal } from '@preact/signals';
import en from './en.json';
import zhCN from './zh-CN.json';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];
export const isLanguage = (v: unknown): v is Language => (LANGUAGES as readonly unknown[]).includes(v);

/** A value in a message: text, a number (written as is: code-like numbers keep one format), or another message. */
export type MessageValue = string | number | Message;
export interface Message {
  /** A key of the catalogues; may be absent for a text that has no translation (`text` then). */
  key?: string;
  vars?: Readonly<Record<string, MessageValue>>;
  /** What is said when the key is unknown: the English the message came with (an engine error). */
  text?: string;
  /** A list of messages, said one after the other with the language's separator ("a, b" / "a、b"). */
  list?: readonly MessageValue[];
}

const i18n = i18next.createInstance();
void i18n.init({
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  load: 'currentOnly',
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  // ICU-style {name} placeholders, the same as the engine's messages; text is never HTML-escaped
  // (Preact writes it as text; markup in a catalogue string goes through <T>).
  interpolation: { prefix: '{', suffix: '}', escapeValue: false },
  nsSeparator: false,
  returnNull: false,
  initAsync: false,
});

// A setting's label inside an English sentence reads in lower case ("differ in weight initializer").
i18n.services.formatter?.add('lowercase', (value: unknown) => String(value).toLowerCase());

/** The page's language. Set it through the `lang` setting (settings.ts), which follows the address. */
export const language = signal<Language>('en');

/** The translation of `key` in the page's language, with {placeholders} filled in. */
export function t(key: string, vars?: Readonly<Record<string, MessageValue>>): string {
  return translate(language.value, key, vars);
}

/** The same in a given language (the worker's English messages, tests). */
export function translate(lng: Language, key: string, vars?: Readonly<Record<string, MessageValue>>): string {
  return i18n.t(key, { ...resolveVars(lng, vars), lng }) as string;
}

/** Whether the catalogue of `lng` has `key` (with `vars.count`, its plural forms count). */
export function has(key: string, lng: Language = language.peek(), vars?: Readonly<Record<string, MessageValue>>): boolean {
  const count = vars?.count;
  return i18n.exists(key, { lng, fallbackLng: false, ...(typeof count === 'number' ? { count } : {}) });
}

export const msg = (key: string, vars?: Readonly<Record<string, MessageValue>>): Message => ({ key, vars });
export const plainMessage = (text: string): Message => ({ text });
export const isMessage = (v: unknown): v is Message =>
  typeof v === 'object' && v !== null && ('key' in v || 'text' in v || 'list' in v) && !Array.isArray(v);

/** A message in the page's language (or a given one); a plain string is said as it is. */
export function say(m: Message | string | null | undefined, lng: Language = language.value): string {
  if (m === null || m === undefined) return '';
  if (typeof m === 'string') return m;
  if (m.list) return m.list.map((v) => (typeof v === 'object' ? say(v, lng) : String(v))).join(translate(lng, 'list.separator'));
  if (m.key && (has(m.key, lng, m.vars) || (m.text === undefined && has(m.key, 'en', m.vars)))) return translate(lng, m.key, m.vars);
  return m.text ?? m.key ?? '';
}

function resolveVars(lng: Language, vars?: Readonly<Record<string, MessageValue>>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (vars) for (const [k, v] of Object.entries(vars)) out[k] = typeof v === 'object' ? say(v, lng) : v;
  return out;
}

/** Items of a list joined the language's way ("a, b" / "a、b"). */
export function joinList(items: readonly string[], kind: 'separator' | 'semicolon' = 'separator'): string {
  return items.join(t(`list.${kind}`));
}

// ---- numbers ----------------------------------------------------------------------------------
// Counts (rows, steps, parameters) follow the locale; weights, losses and everything in a formula
// keep one format in every language (lib/data-view.ts fmt, teaching/format.ts).

const integerFormats = new Map<Language, Intl.NumberFormat>();
/** 12,345 in the page's language. */
export function formatCount(v: number, lng: Language = language.value): string {
  let f = integerFormats.get(lng);
  if (!f) integerFormats.set(lng, (f = new Intl.NumberFormat(lng, { maximumFractionDigits: 0 })));
  return f.format(Math.round(v));
}

// ---- the page's language: the address, the browser, the last visit ------------------------------

const STORAGE_KEY = 'neurostep.lang';

/**
 * The language a page without `lang=` in its address opens in: the one chosen on the last visit,
 * else the first of the browser's languages that the page speaks (any Chinese: zh-CN), else English.
 */
export function preferredLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    /* storage can be off (a privacy setting): fall through to the browser's languages */
  }
  const wanted = typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const l of wanted) {
    const tag = String(l).toLowerCase();
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
  }
  return 'en';
}

/** Makes `lng` the page's language: the text, <html lang>, the title, and the next visit's default. */
export function applyLanguage(lng: Language): void {
  language.value = lng;
  if (typeof document !== 'undefined') {
    document.documentElement.lang = lng;
    document.title = translate(lng, 'app.documentTitle');
    document.querySelector('meta[name="description"]')?.setAttribute('content', translate(lng, 'app.description'));
  }
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    /* not remembered: the next visit starts from the browser's languages */
  }
}
