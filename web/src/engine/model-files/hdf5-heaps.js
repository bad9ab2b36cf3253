// A check of an HDF5 file's global heaps before the HDF5 library reads it. A global heap
// collection ("GCOL", format spec III.E) holds variable-length data, such as the strings Keras
// writes in model_config and training_config. The library walks a collection's objects one after
// the other, each `need` bytes on from the last (H5HG__cache_heap_deserialize); an object whose
// size makes that step 0 (free space of size 0), or makes it leave the collection, keeps the walk
// from ever ending (the found input: bytes inserted into a Keras .h5 model, which hung
// h5wasm reading model_config); a collection larger than the file made it trap. Objects of a valid collection lie inside it, each step at least
// one object header long, so such a collection can only be damaged.
import { failWith } from '../arguments.js';

const SIGNATURE = [0x47, 0x43, 0x4f, 0x4c]; // "GCOL"
const ALIGN = 8;

/** The superblock's "size of lengths" (bytes), 8 unless the file says otherwise. @param {Uint8Array} bytes */
function sizeOfLengths(bytes) {
  const version = bytes[8];
  const at = version >= 2 ? 10 : 14;
  const size = bytes[at];
  return size === 2 || size === 4 || size === 8 ? size : 8;
}

/** A little-endian unsigned integer of `size` bytes, as a number (exact up to 2^53). @param {Uint8Array} b @param {number} at @param {number} size */
function unsigned(b, at, size) {
  let v = 0;
  for (let i = size - 1; i >= 0; --i) v = v * 256 + b[at + i];
  return v;
}

/**
 * Refuses a file with a global heap collection the HDF5 library would walk without end.
 * @param {Uint8Array} bytes a whole HDF5 file @param {string} fileName for messages
 */
export function checkGlobalHeaps(bytes, fileName) {
  const L = sizeOfLengths(bytes);
  const header = 8 + L; // signature, version, 3 reserved, collection size
  const objectHeader = 8 + L; // index, reference count, 4 reserved, object size
  for (let i = bytes.indexOf(SIGNATURE[0]); i >= 0 && i + header <= bytes.length; i = bytes.indexOf(SIGNATURE[0], i + 1)) {
    if (bytes[i + 1] !== SIGNATURE[1] || bytes[i + 2] !== SIGNATURE[2] || bytes[i + 3] !== SIGNATURE[3] || bytes[i + 4] !== 1) continue;
    const size = unsigned(bytes, i + 8, L);
    if (size < header) continue; // not a collection: the signature's bytes inside other data
    // One that claims more bytes than the file holds made the library trap (memory access out of
    // bounds), and the next file read after it trapped too.
    if (i + size > bytes.length)
      failWith('files.hdf5_global_heap_size', '{file} is a damaged HDF5 file: its global heap at byte {offset} claims {size} bytes, past the end of the file ({length} bytes)', {
        file: fileName, offset: i, size, length: bytes.length,
      });
    const end = i + size;
    for (let p = i + header; p + objectHeader <= end;) {
      const index = bytes[p] | (bytes[p + 1] << 8);
      const objectSize = unsigned(bytes, p + 8, L);
      const need = index > 0 ? objectHeader + Math.ceil(objectSize / ALIGN) * ALIGN : objectSize;
      if (need === 0 || p + need > end)
        failWith('files.hdf5_global_heap', '{file} is a damaged HDF5 file: its global heap at byte {offset} (where variable-length strings such as model_config are kept) is broken at byte {at}, where the HDF5 library would read without end', {
          file: fileName, offset: i, at: p,
        });
      p += need;
    }
  }
}
