// The engine's data beyond the generators: tables (read_table and its notices), scaling, the task
// a target calls for, and the image sets, fetched only when picked (cpp/bindings/table_bindings.cpp).
// NeuroStep's methods of the same names call these with its module; see README.md for the API.
import { dataset, describe, failWith, NeuroStepError, number, numbers, object, string, strings, unwrap } from './arguments.js';

/** @typedef {import('./neurostep').Dataset} Dataset */
/** @typedef {import('./neurostep').Preprocessing} Preprocessing */
/** @typedef {import('./neurostep').TableOptions} TableOptions */
/** @typedef {import('./neurostep').ImageSetInfo} ImageSetInfo */

/** A dataset with its optional class names and image shape: arguments.js's dataset (without
 * source rows, which a table or image set does not have) plus those two. @param {unknown} v @param {string} what */
export function describedDataset(v, what) {
  const { sourceRows: _sourceRows, ...d } = dataset(v, what);
  const raw = object(v, what);
  return {
    ...d,
    classNames: raw.classNames === undefined ? [] : strings(raw.classNames, `${what}.classNames`),
    imageShape: raw.imageShape === undefined ? [] : Array.from(numbers(raw.imageShape, `${what}.imageShape`)),
  };
}

/** @param {unknown} v @returns {Preprocessing} */
function preprocessing(v) {
  const p = object(v, 'preprocessing');
  return {
    scaling: string(p.scaling, 'preprocessing.scaling'),
    offset: p.offset === undefined ? new Float64Array(0) : numbers(p.offset, 'preprocessing.offset'),
    scale: p.scale === undefined ? new Float64Array(0) : numbers(p.scale, 'preprocessing.scale'),
  };
}

/** @param {unknown} v @param {string} what @returns {Uint8Array} */
function bytes(v, what) {
  if (v instanceof Uint8Array) return v;
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  failWith('wrapper.not_bytes', '{what} must be a Uint8Array or an ArrayBuffer, got {got}', { what, got: describe(v) });
}

/** @param {any} m @param {string} text @param {TableOptions} [options] */
export function readTable(m, text, options = {}) {
  const { header = 'auto', targetColumns = [], featureColumns = [], delimiter = 'auto', skipLines = 0, missing = 'refuse' } =
    object(options, 'options');
  return unwrap(m.read_table(string(text, 'CSV text'), string(header, 'header'), strings(targetColumns, 'targetColumns'),
    strings(featureColumns, 'featureColumns'), string(delimiter, 'delimiter'), number(skipLines, 'skipLines'),
    string(missing, 'missing')));
}

/** @param {any} m */
export const scaling = {
  /** @param {any} m @param {unknown} train @param {string} kind */
  fit: (m, train, kind) => unwrap(m.fit_scaling(describedDataset(train, 'train'), string(kind, 'scaling'))),
  /** @param {any} m @param {unknown} p @param {unknown} d */
  apply: (m, p, d) => unwrap(m.apply_scaling(preprocessing(p), describedDataset(d, 'dataset'))),
  /** @param {any} m @param {unknown} p @param {unknown} x @param {unknown} rows */
  inputs: (m, p, x, rows) => unwrap(m.scale_inputs(preprocessing(p), numbers(x, 'x'), number(rows, 'rows'))),
  /** @param {any} m @param {unknown} d */
  advise: (m, d) => unwrap(m.advise_scaling(describedDataset(d, 'dataset'))),
  /** @param {any} m @param {unknown} text */
  ofModel: (m, text) => unwrap(m.model_preprocessing(string(text, 'model text'))),
  /** @param {any} m @param {unknown} text @param {unknown} p */
  intoModel: (m, text, p) => unwrap(m.with_preprocessing(string(text, 'model text'), preprocessing(p))),
  /** @param {any} m @param {unknown} script @param {unknown} p */
  intoKeras: (m, script, p) => unwrap(m.keras_with_preprocessing(string(script, 'Keras script'), preprocessing(p))),
};

/** @param {any} m @param {unknown} d */
export function pickTask(m, d) {
  return unwrap(m.pick_task(describedDataset(d, 'dataset')));
}

/** @param {any} m @param {string} name @param {unknown} train @param {unknown} test @param {unknown} count */
export function loadImageDataset(m, name, train, test, count) {
  return unwrap(m.load_image_dataset(string(name, 'image dataset name'), bytes(train, 'trainBytes'),
    test == null ? new Uint8Array(0) : bytes(test, 'testBytes'), number(count, 'count')));
}

/**
 * The gunzipped bytes of `file` + '.gz' under baseUrl (the page's datasets/ folder).
 * @param {string} file @param {string | URL} baseUrl @param {typeof fetch} get @returns {Promise<Uint8Array>}
 */
export async function fetchGzipped(file, baseUrl, get) {
  const base = new URL(baseUrl, globalThis.location?.href ?? 'file:///');
  const url = new URL(`${file}.gz`, base);
  const response = await get(url);
  if (!response.ok || !response.body)
    failWith('images.fetch', 'cannot fetch {url}: {status} {statusText}', { url: url.href, status: response.status, statusText: response.statusText });
  const stream = response.body.pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
