// The data a saved model was trained on, kept in its file under "data" (the engine checks only
// that it is an object: cpp/core/model_file.hpp), so that a loaded model opens on them: a
// built-in dataset by its generator and settings, your own data by their rows (up to a size),
// and larger data by a fingerprint that recognises them when they are on the page.
import type { Dataset } from '../lib/types';
import { SETTINGS, type Settings } from '../settings';
import { fail } from '../i18n/engine';

/** Your own data are written into the file up to this many values (rows x columns). */
export const MODEL_DATA_MAX_VALUES = 200_000;

interface Split {
  testRatio: number;
  splitSeed: number;
}
interface Shape {
  rows: number;
  features: number;
  targets: number;
  featureNames: string[];
  targetNames: string[];
}
export type DataRecord =
  | ({ kind: 'generated'; name: Settings['dataset']; count: number; noise: number; seed: number } & Split)
  | ({ kind: 'rows'; x: number[]; y: number[] } & Shape & Split)
  | ({ kind: 'fingerprint'; fingerprint: string } & Shape & Split);

/** FNV-1a over the values' float64 bytes and the shape: equal data, equal fingerprint. */
export function fingerprint(d: Dataset): string {
  let h = 0x811c9dc5;
  const mix = (bytes: Uint8Array) => {
    for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  };
  mix(new Uint8Array(Float64Array.from([d.rows, d.features, d.targets]).buffer));
  mix(new Uint8Array(Float64Array.from(d.x).buffer));
  mix(new Uint8Array(Float64Array.from(d.y).buffer));
  return h.toString(16).padStart(8, '0');
}

/** The record of the data on the page, for the model file. */
export function dataRecord(s: Settings, d: Dataset): DataRecord {
  const split = { testRatio: s.testRatio, splitSeed: s.dataSeed };
  if (s.dataset !== 'custom') return { kind: 'generated', name: s.dataset, count: s.count, noise: s.noise, seed: s.dataSeed, ...split };
  const shape = { rows: d.rows, features: d.features, targets: d.targets, featureNames: [...d.featureNames], targetNames: [...d.targetNames] };
  if (d.rows * (d.features + d.targets) <= MODEL_DATA_MAX_VALUES) return { kind: 'rows', ...shape, x: Array.from(d.x), y: Array.from(d.y), ...split };
  return { kind: 'fingerprint', ...shape, fingerprint: fingerprint(d), ...split };
}

/** The engine's model file with the record added. */
export function withData(file: string, record: DataRecord): string {
  return JSON.stringify({ ...JSON.parse(file), data: record }, null, 2);
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isNames = (v: unknown, n: number): v is string[] => Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'string');

/** The record in a model file, checked; null when the file has none. A bad record is an error that says what is wrong. */
export function readRecord(doc: unknown): DataRecord | null {
  if (!isObject(doc) || doc.data === undefined) return null;
  const r = doc.data;
  // Each problem is a whole sentence of the catalogues (modelData.*), said in the page's language.
  if (!isObject(r)) fail('modelData.notObject');
  if (!isNumber(r.testRatio) || !isNumber(r.splitSeed)) fail('modelData.needsSplit');
  const split = { testRatio: r.testRatio, splitSeed: r.splitSeed };
  if (r.kind === 'generated') {
    const names: string[] = SETTINGS.dataset.options.map((o) => o.value).filter((v) => v !== 'custom');
    if (typeof r.name !== 'string' || !names.includes(r.name)) fail('modelData.unknownDataset', { name: JSON.stringify(r.name), names: { list: names } });
    if (!isNumber(r.count) || !isNumber(r.noise) || !isNumber(r.seed)) fail('modelData.needsGenerated');
    return { kind: 'generated', name: r.name as Settings['dataset'], count: r.count, noise: r.noise, seed: r.seed, ...split };
  }
  if (!isNumber(r.rows) || !isNumber(r.features) || !isNumber(r.targets)) fail('modelData.needsShape');
  if (!isNames(r.featureNames, r.features) || !isNames(r.targetNames, r.targets)) fail('modelData.needsNames');
  const shape = { rows: r.rows, features: r.features, targets: r.targets, featureNames: r.featureNames, targetNames: r.targetNames };
  if (r.kind === 'rows') {
    const ok = (v: unknown, n: number) => Array.isArray(v) && v.length === n && v.every(isNumber);
    if (!ok(r.x, r.rows * r.features) || !ok(r.y, r.rows * r.targets)) fail('modelData.badRows', { rows: r.rows, features: r.features, targets: r.targets });
    return { kind: 'rows', ...shape, x: r.x as number[], y: r.y as number[], ...split };
  }
  if (r.kind === 'fingerprint' && typeof r.fingerprint === 'string') return { kind: 'fingerprint', ...shape, fingerprint: r.fingerprint, ...split };
  fail('modelData.unknownKind');
}

/** The rows of a "rows" record as a dataset. */
export function recordDataset(r: Extract<DataRecord, { kind: 'rows' }>): Dataset {
  return { rows: r.rows, features: r.features, targets: r.targets, x: Float64Array.from(r.x), y: Float64Array.from(r.y), featureNames: r.featureNames, targetNames: r.targetNames };
}
