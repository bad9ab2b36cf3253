// Structure-aware mutations of a zip (a .keras archive): entries dropped, renamed, duplicated
// (two entries of one name, which fflate's zipSync cannot write), added or reordered, one entry's
// content mutated as its own format (the caller's `inner`), stored or deflated, and sizes in the
// headers that lie (a few bytes that claim gigabytes once inflated).
import { deflateSync, unzipSync } from 'fflate';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; ++n) {
    let c = n;
    for (let k = 0; k < 8; ++k) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** @param {Uint8Array} bytes */
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * A zip of the entries, each stored or deflated; `claimedSize` overrides the size an entry says it
 * inflates to.
 * @param {{name: string, bytes: Uint8Array, deflate?: boolean, claimedSize?: number}[]} entries
 */
export function writeZip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const e of entries) {
    const name = new TextEncoder().encode(e.name);
    const data = e.deflate ? deflateSync(e.bytes) : e.bytes;
    const size = e.claimedSize ?? e.bytes.length;
    const header = (central) => {
      const h = new Uint8Array(central ? 46 : 30);
      const v = new DataView(h.buffer);
      v.setUint32(0, central ? 0x02014b50 : 0x04034b50, true);
      const at = central ? 2 : 0;
      if (central) v.setUint16(4, 20, true);
      v.setUint16(4 + at, 20, true);
      v.setUint16(6 + at, 0x0800, true); // names in UTF-8
      v.setUint16(8 + at, e.deflate ? 8 : 0, true);
      v.setUint32(14 + at, crc32(e.bytes), true);
      v.setUint32(18 + at, data.length, true);
      v.setUint32(22 + at, size, true);
      v.setUint16(26 + at, name.length, true);
      if (central) v.setUint32(42, offset, true);
      return h;
    };
    locals.push(header(false), name, data);
    centrals.push(header(true), name);
    offset += 30 + name.length + data.length;
  }
  const cdSize = centrals.reduce((n, p) => n + p.length, 0);
  const end = new Uint8Array(22);
  const v = new DataView(end.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, entries.length, true);
  v.setUint16(10, entries.length, true);
  v.setUint32(12, cdSize, true);
  v.setUint32(16, offset, true);
  const parts = [...locals, ...centrals, end];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const NAMES = ['config.json', 'model.weights.h5', 'metadata.json', 'Config.json', 'model/config.json', 'assets/x', 'model.weights.h5 ', '', 'config.json/'];

/**
 * One mutation of an archive, or null when the bytes are not a zip fflate reads.
 * @param {ReturnType<import('./random.mjs').makeRandom>} r @param {Uint8Array} bytes
 * @param {(name: string, bytes: Uint8Array) => {bytes: Uint8Array, op: string}} inner
 * @returns {{bytes: Uint8Array, op: string} | null}
 */
export function mutateZip(r, bytes, inner) {
  let map;
  try {
    map = unzipSync(bytes);
  } catch {
    return null;
  }
  const entries = Object.entries(map).map(([name, b]) => ({ name, bytes: b, deflate: r.chance(0.3) }));
  const op = r.weighted([[6, 'inner'], [2, 'drop'], [2, 'rename'], [2, 'duplicate'], [1, 'add'], [1, 'reorder'], [1, 'claim']]);
  const k = r.below(entries.length);
  const e = entries[k];
  let what = op;
  if (!e && op !== 'add') return { bytes: writeZip([{ name: r.pick(NAMES), bytes: new Uint8Array(4) }]), op: 'add to empty' };
  switch (op) {
    case 'inner': {
      const m = inner(e.name, e.bytes);
      e.bytes = m.bytes;
      what = `${e.name}: ${m.op}`;
      break;
    }
    case 'drop':
      entries.splice(k, 1);
      what = `drop ${e.name}`;
      break;
    case 'rename':
      what = `rename ${e.name}`;
      e.name = r.pick(NAMES);
      break;
    case 'duplicate': {
      const copy = { ...e, bytes: r.chance(0.5) ? inner(e.name, e.bytes).bytes : e.bytes };
      entries.splice(r.chance(0.5) ? k : k + 1, 0, copy);
      what = `duplicate ${e.name}`;
      break;
    }
    case 'add':
      entries.push({ name: r.pick(NAMES), bytes: r.chance(0.5) && e ? e.bytes : new TextEncoder().encode('{}'), deflate: r.chance(0.5) });
      break;
    case 'reorder':
      entries.reverse();
      break;
    default:
      // A size that lies: inflating it would need that much memory (a zip bomb's header).
      e.deflate = true;
      e.claimedSize = r.pick([0, 1, e.bytes.length - 1, e.bytes.length + 1, 0x7fffffff, 0xfffffffe, 2 ** 30]);
      what = `claim ${e.claimedSize} for ${e.name}`;
  }
  return { bytes: writeZip(entries), op: `zip ${what}` };
}
