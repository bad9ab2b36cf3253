// A seeded random stream for the model-file fuzzer: the same seed gives the same inputs, so a
// short run (npm test) explores the same inputs every time and a finding reproduces.
// xoshiro128** (Blackman and Vigna), seeded through splitmix32.

/** @param {number} seed a 32-bit unsigned integer */
export function makeRandom(seed) {
  let x = seed >>> 0;
  const split = () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const s = [split(), split(), split(), split()];
  const rotl = (v, k) => ((v << k) | (v >>> (32 - k))) >>> 0;
  /** A uniform 32-bit unsigned integer. */
  const next = () => {
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  };
  const r = {
    next,
    /** An integer in [0, n). @param {number} n */
    below: (n) => (n <= 0 ? 0 : next() % n),
    /** An integer in [lo, hi]. @param {number} lo @param {number} hi */
    between: (lo, hi) => lo + (next() % (hi - lo + 1)),
    /** True with probability p. @param {number} p */
    chance: (p) => next() / 4294967296 < p,
    /** @template T @param {T[]} items @returns {T} */
    pick: (items) => items[next() % items.length],
    /**
     * One of the choices, each as likely as its weight.
     * @template T @param {[number, T][]} weighted @returns {T}
     */
    weighted: (weighted) => {
      const total = weighted.reduce((n, [w]) => n + w, 0);
      let k = next() % total;
      for (const [w, v] of weighted) {
        if (k < w) return v;
        k -= w;
      }
      return weighted[weighted.length - 1][1];
    },
    /** A size that is usually small: most mutations touch a few bytes, some many. @param {number} max */
    size: (max) => Math.max(1, Math.min(max, next() % 4 === 0 ? 1 + (next() % max) : 1 + (next() % 8))),
  };
  return r;
}

/** A fresh seed for a long run, from the clock and the process. */
export function freshSeed() {
  return (Date.now() ^ (process.pid << 16) ^ Math.floor(Math.random() * 4294967296)) >>> 0;
}
