// Numbers as Teach mode and the activation explorer show them: 4 significant digits (the exact value is kept in a
// data-value attribute and in the cell's title), in text and in TeX.
import type { Mat } from '../engine/neurostep';

/** Element (i, j) of a column-major Mat. */
export const at = (m: Mat, i: number, j = 0): number => m.data[i + j * m.rows];
/** The flat index of (i, j), as the data-src paths name elements. */
export const idx = (m: Mat, i: number, j = 0): number => i + j * m.rows;

/**
 * 4 significant digits without trailing zeros: 0.5, -0.3412, 1.234e-5. Exponents below 1e-4
 * and from 1e5. The minus sign is ASCII so that the text reads back as a number.
 */
export function fmt4(v: number): string {
  return fmtSig(v, 4);
}

/** fmt4 with `digits` significant digits (for the diagram's tight spaces). */
export function fmtSig(v: number, digits: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  if (v === 0) return '0';
  const a = Math.abs(v);
  const fixed = v.toPrecision(digits);
  if (a >= 1e-4 && a < 1e5 && (digits >= 4 || !fixed.includes('e'))) return fixed.includes('.') && !fixed.includes('e') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  const [mantissa, exponent] = v.toExponential(digits - 1).split('e');
  const m = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return `${m}e${exponent.replace('+', '')}`;
}

/** fmt4 for the screen: a real minus sign. */
export const show = (v: number): string => fmt4(v).replace(/^-/, '−').replace('e-', 'e−');

/** show with `digits` significant digits. */
export const showSig = (v: number, digits: number): string => fmtSig(v, digits).replace(/^-/, '−').replace('e-', 'e−');

/** A number in TeX, 4 significant digits: 1.234\times10^{-5}. */
export function texNumber(v: number): string {
  const s = fmt4(v);
  const e = s.indexOf('e');
  if (e < 0) return s;
  return `${s.slice(0, e)}{\\times}10^{${s.slice(e + 1)}}`;
}

/** The exact value as text that reads back to the same double (String(-0) would lose the sign). */
export const exact = (v: number): string => (Object.is(v, -0) ? '-0' : String(v));

/** The exact value for a reader (a tooltip): all its digits, with a real minus sign. */
export const exactShown = (v: number): string => exact(v).replace(/^-/, '−').replace('e-', 'e−');

/**
 * A number in a formula that carries its exact value, and where it came from (a path into the
 * TeachView, e.g. layers.0.z.data.3), as data attributes: KaTeX's \htmlData.
 */
export function N(v: number, src?: string): string {
  const attrs = src ? `src=${src}, value=${exact(v)}` : `value=${exact(v)}`;
  return `\\htmlData{${attrs}}{${texNumber(v)}}`;
}

/** As N, in parentheses when negative (for products: 0.5 \cdot (-0.25)). */
export function P(v: number, src?: string): string {
  return v < 0 || Object.is(v, -0) ? `\\left(${N(v, src)}\\right)` : N(v, src);
}

/** A path to element i of a Mat field: `${base}.data.${i}`. */
export const path = (base: string, i: number): string => `${base}.data.${i}`;
