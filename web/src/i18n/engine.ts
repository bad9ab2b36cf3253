// Errors as Messages, so that each is said in the reader's language when it is shown.
//
// The engine: a C++ `neurostep::Error` may carry a stable id and named arguments beside its
// English text (cpp/core/error.hpp, `fail_with`). The binding hands all three to JavaScript as an
// Error with `id` and `args` (cpp/bindings/js_values.hpp), the wrapper keeps them on its
// NeuroStepError, the worker posts them with its answer, and here they become the Message
// {key: 'engine.<id>', vars: args, text: English}. `say` uses the catalogue's text when it has
// the id and the engine's English otherwise (tests/i18n lists the ids without a translation).
//
// The page and the worker: a MessageError carries its Message; its `message` is the English.
import { isMessage, msg, say, type Message, type MessageValue } from './index';

export class MessageError extends Error {
  constructor(readonly msg: Message) {
    super(say(msg, 'en'));
    this.name = 'MessageError';
  }
}

/** Throws the catalogue's message `key` (its English is the Error's message). */
export function fail(key: string, vars?: Readonly<Record<string, MessageValue>>): never {
  throw new MessageError(msg(key, vars));
}

/** Arguments whose values are words, said in the page's language (engine.what.<value>). */
const WORD_ARGS = ['what'] as const;

/**
 * Arguments the engine writes as short English phrases of a fixed form, said again in the page's
 * language: a count of rows ("3 rows"), and lists that may name columns ("column 3") and end in
 * "and 7 more" (csv_table.hpp's rows_text, column_label and short_list).
 */
const ROW_COUNT_ARGS = ['dropped', 'remain'] as const;
const LIST_ARGS = ['columns', 'values', 'classes'] as const;

/** What a message names ("training data", "batch size 500", "training data: rows") in the page's language. */
function whatMessage(word: string): Message {
  const batch = word.match(/^batch size (\d+)$/);
  if (batch) return { key: 'engine.whatBatchSize', vars: { size: Number(batch[1]) }, text: word };
  // A field of what is named ("training data: rows"): the field is the API's own name.
  const field = word.match(/^(.+): (\w+)$/);
  if (field) return { key: 'engine.whatField', vars: { what: whatMessage(field[1]), field: field[2] }, text: word };
  const layer = layerLabel(word);
  return typeof layer === 'object' ? layer : { key: `engine.what.${word}`, text: word };
}

/** Arguments that name a layer as layer_label writes it: "layer 3", "layer 3 ("dense")", "model: layer 2 ...". */
const LAYER_ARGS = ['layer', 'at'] as const;
function layerLabel(text: string): MessageValue {
  const m = text.match(/^(model: )?layer (\d+)(.*)$/s);
  if (!m) return text;
  const label: Message = { key: 'engine.layerLabel', vars: { index: Number(m[2]), name: m[3] }, text: text.slice(m[1]?.length ?? 0) };
  return m[1] ? { key: 'engine.inModel', vars: { label }, text } : label;
}

/** Arguments that say a column's role ("target", "feature"). */
const ROLE_ARGS = ['role'] as const;

/** What a JSON value was when it was not what was wanted: "an array", "an object", or the value itself. */
const SHOWN = { 'an array': 'engine.shown.array', 'an object': 'engine.shown.object' } as Record<string, string>;

function rowCount(text: string): MessageValue {
  const m = text.match(/^(\d+) rows?$/);
  return m ? { key: 'engine.rowCount', vars: { count: Number(m[1]) }, text } : text;
}

/** A count of layers ("3 layers", web/src/engine/model-files/assign.js). */
const LAYER_COUNT_ARGS = ['fileLayers', 'modelLayers'] as const;
function layerCount(text: string): MessageValue {
  const m = text.match(/^(\d+) layers?$/);
  return m ? { key: 'engine.layerCount', vars: { count: Number(m[1]) }, text } : text;
}

function phraseList(text: string): MessageValue {
  const more = text.match(/^(.*), and (\d+) more$/s);
  const items: MessageValue[] = (more ? more[1] : text).split(', ').map((item) => {
    const column = item.match(/^column (\d+)(.*)$/s);
    return column ? { key: 'engine.columnLabel', vars: { column: Number(column[1]), name: column[2] }, text: item } : item;
  });
  const list: Message = { list: items, text: more ? more[1] : text };
  return more ? { key: 'engine.andMore', vars: { items: list, count: Number(more[2]) }, text } : list;
}

/** The Message of an engine error: its id and arguments, and its English for an unknown id. */
export function engineMessage(id: string | undefined, args: Readonly<Record<string, string>> | undefined, english: string): Message {
  if (!id) return { text: english };
  const vars: Record<string, MessageValue> = { ...args };
  for (const name of WORD_ARGS) {
    const word = args?.[name];
    if (word !== undefined) vars[name] = whatMessage(word);
  }
  for (const name of ROW_COUNT_ARGS) if (args?.[name] !== undefined) vars[name] = rowCount(args[name]);
  for (const name of LIST_ARGS) if (args?.[name] !== undefined) vars[name] = phraseList(args[name]);
  for (const name of LAYER_COUNT_ARGS) if (args?.[name] !== undefined) vars[name] = layerCount(args[name]);
  for (const name of LAYER_ARGS) if (args?.[name] !== undefined) vars[name] = layerLabel(args[name]);
  for (const name of ROLE_ARGS) if (args?.[name] !== undefined) vars[name] = { key: `engine.role.${args[name]}`, text: args[name] };
  const got = args?.got;
  if (got !== undefined && SHOWN[got]) vars.got = { key: SHOWN[got], text: got };
  // An argument that is a message of its own carries its id beside it: {reason} and {reason_id}.
  for (const [name, value] of Object.entries(args ?? {}))
    if (name.endsWith('_id') && args?.[name.slice(0, -3)] !== undefined)
      vars[name.slice(0, -3)] = { key: `engine.${value}`, vars: { ...vars }, text: args[name.slice(0, -3)] };
  const inner: Message = { key: `engine.${id}`, vars, text: args?.at ? english.slice(args.at.length + 2) : english };
  // An error that another check put in context ("layers[1]: ...") keeps its id and says where.
  return args?.at ? { key: 'engine.at', vars: { at: layerLabel(args.at), message: inner }, text: english } : inner;
}

/** A table's notice (read_table) as a Message: by its id when it has one, else its English. */
export const noticeMessage = (n: { id?: string; args?: Readonly<Record<string, string>>; message: string }): Message =>
  engineMessage(n.id, n.args, n.message);

/** Any error or rejection as a Message: its own, the engine's, or its text. */
export function messageOf(err: unknown): Message {
  if (err instanceof MessageError) return err.msg;
  if (typeof err === 'object' && err !== null) {
    const e = err as { msg?: unknown; id?: unknown; args?: unknown; message?: unknown };
    if (isMessage(e.msg)) return e.msg;
    const text = typeof e.message === 'string' ? e.message : String(err);
    if (typeof e.id === 'string') return engineMessage(e.id, stringArgs(e.args), text);
    return { text };
  }
  return { text: String(err) };
}

function stringArgs(v: unknown): Record<string, string> | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) out[k] = String(x);
  return out;
}

/** What crosses from the worker to the page for a failed request: plain data, no Error object. */
export interface PostedError {
  error: string;
  message?: Message;
}
export const postedError = (err: unknown): PostedError => {
  const m = messageOf(err);
  return { error: say(m, 'en'), message: m };
};
/** The page's side: an Error again, with its Message. */
export const fromPosted = (p: PostedError): Error => (p.message ? new MessageError(p.message) : new Error(p.error));
