// The wrapper's argument checks and its one error type: before a binding is called, each
// argument is brought to the type it expects (a number, a string, a boolean, a fresh array), and a
// returned Error is thrown as a NeuroStepError with the engine's message (see neurostep.js).

/** @typedef {import('./neurostep').Mat} Mat */
/** @typedef {import('./neurostep').Dataset} Dataset */
/** @typedef {ArrayLike<number>} Numbers */

/**
 * What every method throws: `message` is the engine's own (English). A message the core knows by
 * a stable id also carries it and its arguments, so that a page can say it in its reader's
 * language (web/src/i18n/engine.ts).
 */
export class NeuroStepError extends Error {
  /**
   * @param {string} message
   * @param {string} [id]
   * @param {Record<string, string>} [args]
   */
  constructor(message, id, args) {
    super(message);
    this.name = 'NeuroStepError';
    if (id !== undefined) {
      /** @type {string | undefined} */
      this.id = id;
      /** @type {Record<string, string> | undefined} */
      this.args = { ...args };
    }
  }
}

/**
 * The English of a message template: each {name} replaced by its argument, as the core's
 * format_message does ("line {line}" -> "line 3").
 * @param {string} english @param {Record<string, string>} args
 */
export const formatMessage = (english, args) => english.replace(/\{([A-Za-z]\w*)\}/g, (m, k) => (k in args ? args[k] : m));

/**
 * Throws the wrapper's own message with a stable id, as the core's fail_with does: the id and
 * its arguments (as text) beside the English, for the page to say in its reader's language. The
 * catalogues hold each id under "engine" (tests/i18n checks the English is this template).
 * @param {string} id @param {string} english @param {Record<string, unknown>} [args]
 * @returns {never}
 */
export function failWith(id, english, args = {}) {
  /** @type {Record<string, string>} */
  const text = {};
  for (const [k, v] of Object.entries(args)) text[k] = String(v);
  throw new NeuroStepError(formatMessage(english, text), id, text);
}

/**
 * The same error put in context ("model.json: ..."), as the core's fail_at: the id and arguments
 * stay, `at` says where; an error without an id stays one.
 * @param {string} at @param {unknown} err @returns {never}
 */
export function failAt(at, err) {
  const e = /** @type {{message?: unknown, id?: unknown, args?: Record<string, string>}} */ (err instanceof Error ? err : {});
  const message = err instanceof Error ? err.message : String(err);
  if (typeof e.id !== 'string') throw new NeuroStepError(`${at}: ${message}`);
  throw new NeuroStepError(`${at}: ${message}`, e.id, { ...e.args, at });
}

/**
 * A binding's result, or the Error it returned thrown afresh (so that its stack is the caller's).
 * @param {any} result
 */
export function unwrap(result) {
  if (result instanceof Error) throw new NeuroStepError(result.message, /** @type {any} */ (result).id, /** @type {any} */ (result).args);
  return result;
}

// ---- arguments ----------------------------------------------------------------------------------

/** @param {unknown} v */
export function describe(v) {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v);
  if (v === null || typeof v !== 'object') return String(v);
  return Array.isArray(v) ? 'an array' : 'an object';
}

/** @param {unknown} v @param {string} what @returns {number} */
export function number(v, what) {
  if (typeof v !== 'number') failWith('wrapper.not_number', '{what} must be a number, got {got}', { what, got: describe(v) });
  return v;
}

/** @param {unknown} v @param {string} what @returns {string} */
export function string(v, what) {
  if (typeof v !== 'string') failWith('wrapper.not_string', '{what} must be a string, got {got}', { what, got: describe(v) });
  return v;
}

/** @param {unknown} v @param {string} what @returns {boolean} */
export function boolean(v, what) {
  if (typeof v !== 'boolean') failWith('wrapper.not_boolean', '{what} must be true or false, got {got}', { what, got: describe(v) });
  return v;
}

/** @param {unknown} v @param {string} what @returns {Record<string, any>} */
export function object(v, what) {
  if (v === null || typeof v !== 'object') failWith('wrapper.not_object', '{what} must be an object, got {got}', { what, got: describe(v) });
  return /** @type {Record<string, any>} */ (v);
}

/**
 * Numbers the binding can copy with one TypedArray.set: typed arrays as they are, a plain array
 * converted here (where a value that is not a number cannot throw inside wasm).
 * @param {unknown} v @param {string} what @returns {Numbers}
 */
export function numbers(v, what) {
  if (ArrayBuffer.isView(v) && !(v instanceof DataView) && !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array))
    return /** @type {Numbers} */ (/** @type {unknown} */ (v));
  if (Array.isArray(v)) return Float64Array.from(v, Number);
  failWith('wrapper.not_numbers', '{what} must be an array of numbers or a typed array, got {got}', { what, got: describe(v) });
}

/** @param {unknown} v @param {string} what @returns {string[]} */
export function strings(v, what) {
  if (!Array.isArray(v)) failWith('wrapper.not_strings', '{what} must be an array of strings, got {got}', { what, got: describe(v) });
  return v.map((s, i) => (typeof s === 'number' ? String(s) : string(s, `${what}[${i}]`)));
}

/** @param {unknown} v @param {string} what @returns {Dataset} */
export function dataset(v, what) {
  const d = object(v, what);
  return {
    rows: d.rows,
    features: d.features,
    targets: d.targets,
    x: numbers(d.x, `${what}.x`),
    y: numbers(d.y, `${what}.y`),
    featureNames: d.featureNames === undefined ? [] : strings(d.featureNames, `${what}.featureNames`),
    targetNames: d.targetNames === undefined ? [] : strings(d.targetNames, `${what}.targetNames`),
    ...(d.sourceRows === undefined ? {} : { sourceRows: numbers(d.sourceRows, `${what}.sourceRows`) }),
  };
}

/** @param {unknown} v @param {string} what @returns {Mat} */
export function mat(v, what) {
  const m = object(v, what);
  return { rows: m.rows, cols: m.cols, data: numbers(m.data, `${what}.data`) };
}
