// Keras 3's .keras archive (keras/src/saving/saving_lib.py): a zip of config.json (the model
// serialised as to_json() gives it, with compile_config once compiled), metadata.json
// ({keras_version, date_saved}) and model.weights.h5 (keras-h5.js's Keras 3 layout). fflate
// reads and writes the zip; it is loaded only when an archive arrives or is written.
import { failWith } from '../arguments.js';

/** The entries of an archive that are read. */
const PARTS = new Set(['config.json', 'metadata.json', 'model.weights.h5']);
/** The most an entry may inflate to: 20 M parameters (limits.hpp) in float64 and HDF5's overhead, or the core's 256 MB of JSON text. */
const MAX_ENTRY_BYTES = 256 << 20;

/** Whether the bytes start a zip (a local file header, "PK\3\4"). @param {Uint8Array} bytes */
export function isZip(bytes) {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * The archive's parts.
 * @param {Uint8Array} bytes @param {string} fileName
 * @returns {Promise<{config: any, metadata: any, weights: Uint8Array}>}
 */
export async function readKerasArchive(bytes, fileName) {
  const { unzipSync } = await import('fflate');
  /** @type {Record<string, Uint8Array>} */
  let entries;
  /** @type {string[]} */
  const names = [];
  /** @type {{name: string, originalSize: number} | null} */
  let oversize = null;
  try {
    // Only the entries read here are inflated: an archive's other files (assets) may be large,
    // and the size an entry claims is what fflate allocates for it before inflating (a claim of
    // 1 GB took 15 s in the fuzzer).
    entries = unzipSync(bytes, {
      filter: (f) => {
        names.push(f.name);
        if (!PARTS.has(f.name)) return false;
        if (f.originalSize > MAX_ENTRY_BYTES) oversize ??= f;
        return f.originalSize <= MAX_ENTRY_BYTES;
      },
    });
  } catch (err) {
    failWith('files.zip_unreadable', '{file} is not a readable zip archive ({detail})', { file: fileName, detail: err instanceof Error ? err.message : String(err) });
  }
  if (oversize)
    failWith('files.zip_entry_too_large', '{file}: its {entry} says it inflates to {size} bytes, more than a model here can need ({max} at most)', {
      file: fileName, entry: oversize.name, size: oversize.originalSize, max: MAX_ENTRY_BYTES,
    });
  for (const need of ['config.json', 'model.weights.h5'])
    if (!Object.hasOwn(entries, need) && names.length === 0)
      failWith('files.zip_empty', '{file} is a zip without {need}, so it is not a Keras .keras archive (it holds nothing)', { file: fileName, need });
    else if (!Object.hasOwn(entries, need))
      failWith('files.zip_without', '{file} is a zip without {need}, so it is not a Keras .keras archive (it holds {names})', { file: fileName, need, names: names.join(', ') });
  /** @param {string} name */
  const json = (name) => {
    try {
      return JSON.parse(new TextDecoder().decode(entries[name]));
    } catch (err) {
      failWith('files.entry_not_json', '{file}: {entry} is not JSON ({detail})', { file: fileName, entry: name, detail: err instanceof Error ? err.message : String(err) });
    }
  };
  return { config: json('config.json'), metadata: Object.hasOwn(entries, 'metadata.json') ? json('metadata.json') : null, weights: entries['model.weights.h5'] };
}

/**
 * The bytes of a .keras archive. Entries are stored, as Keras's zipfile writes them.
 * @param {any} config @param {any} metadata @param {Uint8Array} weights @returns {Promise<Uint8Array>}
 */
export async function writeKerasArchive(config, metadata, weights) {
  const { zipSync, strToU8 } = await import('fflate');
  return zipSync({
    'metadata.json': strToU8(JSON.stringify(metadata)),
    'config.json': strToU8(JSON.stringify(config)),
    'model.weights.h5': weights,
  }, { level: 0, mtime: new Date('2026-01-01T00:00:00Z') });
}
