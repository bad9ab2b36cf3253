// One fuzz input from another: a list of files ({name, bytes}) changed by one to three
// mutations, each chosen by what a file holds (a zip, HDF5, JSON, other bytes) or acting on the
// list itself (a file dropped, duplicated, renamed, added from another seed, the order changed).
// Structure-aware mutations keep the outer format valid so that the readers behind it are
// reached; blind byte mutations (mutate-bytes.mjs) test the outer parsers themselves.
import { mutateBytes } from './mutate-bytes.mjs';
import { mutateH5 } from './mutate-h5.mjs';
import { mutateJsonText } from './mutate-json.mjs';
import { mutateZip } from './mutate-zip.mjs';

const HDF5 = [0x89, 0x48, 0x44, 0x46];
const isHdf5 = (b) => b.length >= 8 && HDF5.every((x, i) => b[i] === x);
const isZip = (b) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const decoder = new TextDecoder('utf-8', { fatal: true });
const textOf = (b) => {
  try {
    return decoder.decode(b);
  } catch {
    return null;
  }
};

/**
 * One file's bytes mutated by what they hold.
 * @param {ReturnType<import('./random.mjs').makeRandom>} r @param {Uint8Array} bytes @param {() => Uint8Array | null} other
 * @param {number} depth (an archive's entries are mutated as files of their own, once)
 * @returns {{bytes: Uint8Array, op: string}}
 */
export function mutateFile(r, bytes, other, depth = 0) {
  if (r.chance(0.6)) {
    if (isZip(bytes) && depth === 0) {
      const m = mutateZip(r, bytes, (name, inner) => mutateFile(r, inner, () => null, depth + 1));
      if (m) return m;
    } else if (isHdf5(bytes)) {
      const m = mutateH5(r, bytes);
      if (m) return m;
    } else {
      const text = textOf(bytes);
      const m = text === null ? null : mutateJsonText(r, text);
      if (m) return { bytes: new TextEncoder().encode(m.text), op: `json ${m.op}` };
    }
  }
  const m = mutateBytes(r, bytes, other());
  return { bytes: m.bytes, op: `bytes ${m.op}` };
}

const NAMES = ['model.json', 'weights.bin', 'group1-shard1of1.bin', 'model.keras', 'model.h5', 'config.json', 'model.weights.h5', 'x.bin', 'a.json'];

/**
 * A new input from `input`; `donors` are other inputs, for splicing and borrowed files.
 * @param {ReturnType<import('./random.mjs').makeRandom>} r
 * @param {{name: string, bytes: Uint8Array}[]} input @param {{name: string, bytes: Uint8Array}[][]} donors
 * @returns {{files: {name: string, bytes: Uint8Array}[], ops: string[]}}
 */
export function mutateInput(r, input, donors) {
  let files = input.map((f) => ({ name: f.name, bytes: f.bytes }));
  const ops = [];
  const donorFile = () => {
    const d = r.pick(donors);
    return d && d.length ? r.pick(d) : null;
  };
  for (let i = 0, n = r.weighted([[6, 1], [3, 2], [1, 3]]); i < n; ++i) {
    const op = files.length === 0 ? 'add' : r.weighted([[14, 'file'], [1, 'drop'], [1, 'duplicate'], [1, 'rename'], [1, 'add'], [1, 'reorder']]);
    const k = r.below(files.length);
    if (op === 'file') {
      const f = files[k];
      const m = mutateFile(r, f.bytes, () => {
        const d = donorFile();
        return d ? d.bytes : null;
      });
      files[k] = { name: f.name, bytes: m.bytes };
      ops.push(`${f.name}: ${m.op}`);
    } else if (op === 'drop') {
      ops.push(`drop ${files[k].name}`);
      files.splice(k, 1);
    } else if (op === 'duplicate') {
      files.push({ name: r.chance(0.5) ? files[k].name : r.pick(NAMES), bytes: files[k].bytes });
      ops.push(`duplicate ${files[k].name}`);
    } else if (op === 'rename') {
      const name = r.pick([...NAMES, '', files[k].name.toUpperCase(), `dir/${files[k].name}`, ...files.map((f) => f.name)]);
      ops.push(`rename ${files[k].name} -> ${name}`);
      files[k] = { name, bytes: files[k].bytes };
    } else if (op === 'add') {
      const d = donorFile();
      if (d) files.push({ name: d.name, bytes: d.bytes });
      ops.push(`add ${d?.name}`);
    } else {
      files = [...files].reverse();
      ops.push('reorder');
    }
  }
  return { files, ops };
}
