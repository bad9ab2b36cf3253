// Your own data in the page's address (url-state.ts writes them as d=): the codec.
//
// <features>x<targets>:<encoding>:<values>, the values row by row (a row's features, then its
// targets). Encodings, whichever is shortest:
//   t    text: the shortest decimal that reads back as the same double, without a leading 0
//        (.5, -.25, 1e-7), comma-separated
//   f32  base64url of little-endian float32s (when every value is exactly a float32)
//   f64  base64url of little-endian float64s (clicked points have 16 or 17 digits)

import { catalogue } from '../lib/catalogue';
import { fail } from '../i18n/engine';
import type { Dataset } from '../lib/types';

export function encodeData(d: Dataset): string {
  const values = rowValues(d);
  const text = values.map((v) => String(v).replace(/^(-?)0\./, '$1.')).join(',');
  const f32 = values.every((v) => Math.fround(v) === v) ? base64url(new Uint8Array(Float32Array.from(values).buffer)) : null;
  const f64 = base64url(new Uint8Array(Float64Array.from(values).buffer));
  const candidates: [string, string][] = [['t', text], ['f64', f64]];
  if (f32 !== null) candidates.push(['f32', f32]);
  const [encoding, payload] = candidates.reduce((a, b) => (b[1].length < a[1].length ? b : a));
  return `${d.features}x${d.targets}:${encoding}:${payload}`;
}

export function decodeData(text: string): Dataset {
  const m = text.match(/^(\d+)x(\d+):(t|f32|f64):(.*)$/s);
  if (!m) fail('url.dataForm');
  const features = Number(m[1]), targets = Number(m[2]);
  const most = catalogue().limits.maxUnits; // the engine's widest input and output
  if (features < 1 || targets < 1 || features > most || targets > most) fail('url.dataShape', { features, targets, most });
  let values: number[];
  if (m[3] === 't') {
    values = m[4] === '' ? [] : m[4].split(',').map((s) => (s.trim() === '' ? NaN : Number(s)));
  } else {
    const bytes = fromBase64url(m[4]);
    const size = m[3] === 'f32' ? 4 : 8;
    if (bytes.length % size !== 0) fail('url.dataBytes', { encoding: m[3], bytes: bytes.length });
    values = Array.from(m[3] === 'f32' ? new Float32Array(bytes.buffer, 0, bytes.length / 4) : new Float64Array(bytes.buffer, 0, bytes.length / 8));
  }
  const width = features + targets;
  if (values.length === 0 || values.length % width !== 0) fail('url.dataRows', { count: values.length, width, features, targets });
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) fail('url.dataNotFinite', { index: bad + 1, row: Math.floor(bad / width) + 1 });
  const rows = values.length / width;
  const x = new Float64Array(rows * features), y = new Float64Array(rows * targets);
  for (let r = 0; r < rows; ++r) {
    for (let f = 0; f < features; ++f) x[r * features + f] = values[r * width + f];
    for (let t = 0; t < targets; ++t) y[r * targets + t] = values[r * width + features + t];
  }
  const name = (p: string, n: number) => Array.from({ length: n }, (_, i) => (n === 1 && p === 'y' ? 'y' : `${p}${i + 1}`));
  return { rows, features, targets, x, y, featureNames: name('x', features), targetNames: name('y', targets) };
}

function rowValues(d: Dataset): number[] {
  const out: number[] = [];
  for (let r = 0; r < d.rows; ++r) {
    for (let f = 0; f < d.features; ++f) out.push(d.x[r * d.features + f]);
    for (let t = 0; t < d.targets; ++t) out.push(d.y[r * d.targets + t]);
  }
  return out;
}

// Typed arrays are little-endian on every platform a browser runs on.
function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) fail('url.dataBase64Characters');
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  } catch {
    fail('url.dataBase64');
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
