// Structure-aware mutations of JSON documents (model.json, to_json() text, the config.json of an
// archive, an .h5 model's model_config attribute): a field deleted, renamed or replaced by another
// type, a huge, negative, fractional or tiny number, an array cut, grown, shuffled or nested, a
// value moved from elsewhere in the document; and TensorFlow.js's weightsManifest with wrong
// shapes, dtypes, names, groups, paths and quantization.

const REPLACEMENTS = [null, true, false, '', 'x', 'float16', 'relu', 0, -1, 1, 1.5, -0.5, 3, 1e308, -1e308, 2 ** 31, 2 ** 32, 2 ** 53 + 2, 4096, 4097, 1e9, 5e-324, [], {}, [null], [0], [-1], [1e9], { class_name: 'Dense' }];

/** Every place in the document: [{holder, key, value, depth}]. @param {any} doc */
function placesOf(doc) {
  const out = [];
  const walk = (v, depth) => {
    if (!v || typeof v !== 'object' || depth > 40) return;
    for (const key of Object.keys(v)) {
      out.push({ holder: v, key, value: v[key], depth });
      walk(v[key], depth + 1);
    }
  };
  walk(doc, 0);
  return out;
}

const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

/** @param {ReturnType<import('./random.mjs').makeRandom>} r @param {unknown} v */
function swapType(r, v) {
  if (typeof v === 'number') return r.pick([String(v), [v], { value: v }, v !== 0, -v, v * 2 + 1, v + 0.5, Math.trunc(v * 1e6) * 1e6, -1]);
  if (typeof v === 'string') return r.pick([Number(v) || 1, [v], { name: v }, `${v}_1`, v.toUpperCase(), v.slice(0, -1), `${v}/${v}`, v.repeat(3), '']);
  if (typeof v === 'boolean') return r.pick([Number(v), String(v), !v, null]);
  if (Array.isArray(v)) return r.pick([Object.fromEntries(v.map((x, i) => [i, x])), v.length ? v[0] : null, [...v, ...v], v.slice(1), [v], [...v].reverse(), v.length]);
  if (v && typeof v === 'object') return r.pick([Object.values(v), Object.keys(v), JSON.stringify(v), { ...v, config: v }, {}]);
  return r.pick(REPLACEMENTS);
}

/**
 * One mutation of a parsed document, in place (the root object itself is never replaced).
 * @param {ReturnType<import('./random.mjs').makeRandom>} r @param {any} doc @returns {string} what was done
 */
export function mutateDoc(r, doc) {
  const places = placesOf(doc);
  if (places.length === 0) return 'none';
  const p = r.pick(places);
  const isArray = Array.isArray(p.holder);
  const op = r.weighted([[4, 'delete'], [5, 'replace'], [5, 'swap-type'], [3, 'number'], [2, 'move'], [2, 'array'], [1, 'rename'], [1, 'nest']]);
  switch (op) {
    case 'delete':
      if (isArray) p.holder.splice(Number(p.key), 1);
      else delete p.holder[p.key];
      return `delete ${p.key}`;
    case 'replace':
      p.holder[p.key] = clone(r.pick(REPLACEMENTS));
      return `replace ${p.key}`;
    case 'swap-type':
      p.holder[p.key] = swapType(r, p.value);
      return `swap-type ${p.key}`;
    case 'number': {
      const numbers = places.filter((q) => typeof q.value === 'number');
      const q = numbers.length ? r.pick(numbers) : p;
      q.holder[q.key] = r.pick([0, -1, -q.value, q.value + 1, q.value - 1, q.value * 1000, q.value / 3, 1e308, 2 ** 31 - 1, 2 ** 31, 1e-300, 1e9, 65536]);
      return `number ${q.key}`;
    }
    case 'move':
      p.holder[p.key] = clone(r.pick(places).value);
      return `move into ${p.key}`;
    case 'array': {
      const arrays = places.filter((q) => Array.isArray(q.value) && q.value.length);
      if (!arrays.length) return 'none';
      const a = r.pick(arrays).value;
      const k = r.below(a.length);
      const how = r.pick(['dup', 'drop', 'swap', 'empty', 'many']);
      if (how === 'dup') a.splice(k, 0, clone(a[k]));
      else if (how === 'drop') a.splice(k, 1);
      else if (how === 'swap') [a[k], a[0]] = [a[0], a[k]];
      else if (how === 'empty') a.length = 0;
      else for (let i = 0; i < 40; ++i) a.push(clone(a[k]));
      return `array ${how}`;
    }
    case 'rename': {
      if (isArray) return 'none';
      const v = p.holder[p.key];
      delete p.holder[p.key];
      p.holder[r.pick([p.key.slice(1), `${p.key}s`, p.key.toUpperCase(), `_${p.key}`, 'name'])] = v;
      return `rename ${p.key}`;
    }
    default: {
      let v = p.value;
      for (let i = 0, n = r.pick([2, 10, 200]); i < n; ++i) v = [v];
      p.holder[p.key] = v;
      return `nest ${p.key}`;
    }
  }
}

const DTYPES = ['float32', 'float16', 'int32', 'float64', 'bool', 'uint8', 'complex64', 'string', '', null, 4];
const SHAPES = (s) => [[], [0], [-1], [2.5], [1e9], [2 ** 31, 2 ** 31], ['3'], [null], [...s, 1], [1, ...s], s.slice(1), [...s].reverse(), s.map((d) => d + 1), s.map((d) => d * 0), 'shape', null];

/**
 * A mutation of a TF.js model.json's weightsManifest, in place.
 * @param {ReturnType<import('./random.mjs').makeRandom>} r @param {any} doc @returns {string}
 */
export function mutateManifest(r, doc) {
  const groups = Array.isArray(doc.weightsManifest) ? doc.weightsManifest : null;
  if (!groups || groups.length === 0) return mutateDoc(r, doc);
  const g = r.pick(groups);
  if (!g || typeof g !== 'object' || Array.isArray(g)) return mutateDoc(r, doc);
  const weights = Array.isArray(g.weights) ? g.weights : [];
  const entries = weights.filter((x) => x && typeof x === 'object' && !Array.isArray(x));
  const w = entries.length ? r.pick(entries) : null;
  const op = r.weighted([[4, 'shape'], [3, 'dtype'], [2, 'name'], [1, 'group'], [1, 'quantize'], [2, 'weights'], [2, 'paths'], [1, 'groups']]);
  if (op === 'shape' && w) w.shape = clone(r.pick(SHAPES(Array.isArray(w.shape) ? w.shape : [1])));
  else if (op === 'dtype' && w) w.dtype = r.pick(DTYPES);
  else if (op === 'name' && w) w.name = r.pick(['', '/', 'kernel', `x/${w.name}`, String(w.name).split('/').pop(), `${w.name}_1`, 'a/b/c/bias', String(r.pick(entries).name), 7]);
  else if (op === 'group' && w) w.group = r.pick(['optimizer', 'model', null]);
  else if (op === 'quantize' && w) w.quantization = r.pick([{ dtype: 'uint8', scale: 0.01, min: -1 }, { dtype: 'float16' }, {}, 'yes', true]);
  else if (op === 'weights') {
    const k = r.below(weights.length + 1);
    const how = r.pick(['drop', 'dup', 'swap', 'none', 'object']);
    if (how === 'drop') weights.splice(k, 1);
    else if (how === 'dup' && w) weights.splice(k, 0, clone(w));
    else if (how === 'swap' && weights.length > 1) [weights[0], weights[weights.length - 1]] = [weights[weights.length - 1], weights[0]];
    else if (how === 'none') delete g.weights;
    else g.weights = { ...weights };
  } else if (op === 'paths') {
    const paths = Array.isArray(g.paths) ? g.paths : [];
    g.paths = clone(r.pick([[], ['missing.bin'], [...paths, ...paths], [...paths].reverse(), paths.map((p) => `../${p}`), [3], 'weights.bin', [null], null, paths.slice(1)]));
  } else if (op === 'groups') {
    const how = r.pick(['split', 'dup', 'drop', 'non-object']);
    if (how === 'split' && weights.length > 1) groups.push({ paths: g.paths, weights: weights.splice(r.below(weights.length)) });
    else if (how === 'dup') groups.push(clone(g));
    else if (how === 'drop') groups.splice(groups.indexOf(g), 1);
    else groups.push(r.pick([null, 1, 'x', []]));
  } else return mutateDoc(r, doc);
  return `manifest ${op}`;
}

/**
 * A mutation of JSON text; raw text edits for what JSON.stringify cannot write (1e999, -0,
 * duplicate keys). Returns null when the text is not JSON.
 * @param {ReturnType<import('./random.mjs').makeRandom>} r @param {string} text @returns {{text: string, op: string} | null}
 */
export function mutateJsonText(r, text) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (r.chance(0.1)) {
    const numbers = [...text.matchAll(/-?\d+(\.\d+)?([eE][+-]?\d+)?/g)];
    if (numbers.length) {
      const m = r.pick(numbers);
      const raw = r.pick(['1e999', '-1e999', '-0', '1e-999', '123456789012345678901234567890', '0.1e1', '4294967296']);
      return { text: text.slice(0, m.index) + raw + text.slice((m.index ?? 0) + m[0].length), op: `raw number ${raw}` };
    }
  }
  if (r.chance(0.05) && text.startsWith('{')) return { text: `{"class_name": "Dense", ${text.slice(1)}`, op: 'duplicate key' };
  if (!doc || typeof doc !== 'object' || r.chance(0.03)) return { text: JSON.stringify(r.chance(0.5) ? swapType(r, doc) : r.pick(REPLACEMENTS)), op: 'root' };
  const op = doc.weightsManifest && r.chance(0.6) ? mutateManifest(r, doc) : mutateDoc(r, doc);
  return { text: JSON.stringify(doc), op };
}
