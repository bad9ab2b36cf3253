// Byte-level mutations of one file, blind to its format: bit flips, interesting bytes and 32-bit
// values, byte runs, truncation, insertion, deletion, a chunk copied within the file, and
// splicing with another file. Each returns new bytes; the input is never changed.

/** Files are kept under this size, so that insertions cannot grow an input without end. */
export const MAX_FILE_BYTES = 1 << 20;

const INTERESTING_BYTES = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x20, 0x22, 0x2c, 0x30, 0x39, 0x5b, 0x5d, 0x7b, 0x7d];
// Sizes and offsets that break length fields: 0, -1, powers of two, the 32-bit limits.
const INTERESTING_U32 = [0, 1, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];

/** @param {Uint8Array} a @param {Uint8Array} b */
const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/**
 * One blind mutation.
 * @param {ReturnType<import('./random.mjs').makeRandom>} r
 * @param {Uint8Array} bytes
 * @param {Uint8Array | null} other another file, for splicing
 * @returns {{bytes: Uint8Array, op: string}}
 */
export function mutateBytes(r, bytes, other) {
  const n = bytes.length;
  if (n === 0) return { bytes: r.chance(0.5) && other ? other.slice(0, r.below(other.length + 1)) : Uint8Array.of(r.below(256)), op: 'fill-empty' };
  const at = r.below(n);
  const op = r.weighted([[6, 'flip'], [4, 'byte'], [3, 'u32'], [3, 'run'], [3, 'truncate'], [3, 'insert'], [3, 'delete'], [2, 'copy'], [2, 'splice'], [1, 'swap']]);
  const out = bytes.slice();
  switch (op) {
    case 'flip': {
      const flips = r.size(16);
      for (let i = 0; i < flips; ++i) out[r.below(n)] ^= 1 << r.below(8);
      return { bytes: out, op };
    }
    case 'byte':
      out[at] = r.chance(0.7) ? r.pick(INTERESTING_BYTES) : r.below(256);
      return { bytes: out, op };
    case 'u32': {
      const v = r.pick(INTERESTING_U32);
      const big = r.chance(0.3);
      for (let i = 0; i < 4 && at + i < n; ++i) out[at + i] = (v >>> (8 * (big ? 3 - i : i))) & 0xff;
      return { bytes: out, op };
    }
    case 'run': {
      const len = r.size(Math.min(n - at, 4096));
      out.fill(r.chance(0.5) ? r.pick(INTERESTING_BYTES) : r.below(256), at, at + len);
      return { bytes: out, op };
    }
    case 'truncate':
      return { bytes: bytes.slice(0, r.chance(0.5) ? at : Math.max(0, n - r.size(n))), op };
    case 'insert': {
      const len = Math.min(r.size(1024), MAX_FILE_BYTES - n);
      if (len <= 0) return { bytes: out, op: 'insert-none' };
      const fill = new Uint8Array(len);
      if (r.chance(0.5)) fill.fill(r.below(256));
      else for (let i = 0; i < len; ++i) fill[i] = r.below(256);
      return { bytes: concat(bytes.subarray(0, at), fill, bytes.subarray(at)), op };
    }
    case 'delete':
      return { bytes: concat(bytes.subarray(0, at), bytes.subarray(Math.min(n, at + r.size(n - at)))), op };
    case 'copy': {
      const from = r.below(n);
      const len = r.size(Math.min(n - from, 1024));
      const chunk = bytes.slice(from, from + len);
      if (r.chance(0.5)) {
        out.set(chunk.subarray(0, n - at), at);
        return { bytes: out, op: 'copy-over' };
      }
      if (n + len > MAX_FILE_BYTES) return { bytes: out, op: 'copy-none' };
      return { bytes: concat(bytes.subarray(0, at), chunk, bytes.subarray(at)), op: 'copy-in' };
    }
    case 'splice': {
      if (!other || other.length === 0) return { bytes: bytes.slice(0, at), op: 'truncate' };
      // The head of one file and the tail of the other, cut at the same or at random places.
      const cut = r.chance(0.5) ? Math.min(at, other.length) : r.below(other.length);
      const joined = concat(bytes.subarray(0, at), other.subarray(cut));
      return { bytes: joined.length > MAX_FILE_BYTES ? joined.slice(0, MAX_FILE_BYTES) : joined, op };
    }
    default: {
      // Two chunks swapped: a reordered structure with every byte still valid.
      const len = r.size(Math.min(64, Math.floor(n / 2) || 1));
      const a = r.below(Math.max(1, n - len));
      const b = r.below(Math.max(1, n - len));
      const ca = bytes.slice(a, a + len);
      out.copyWithin(a, b, b + len);
      out.set(ca.subarray(0, n - b), b);
      return { bytes: out, op: 'swap' };
    }
  }
}
