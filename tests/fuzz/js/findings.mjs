// The model-file fuzzer's findings, each reduced to the smallest change of a valid file the
// engine writes that shows it: the input, the valid file it came from, and the refusal (id and
// message) that replaced what the readers did before. tests/wasm/model_files_fuzz.test.mjs
// checks them; `node tests/fuzz/js/findings.mjs` writes them as seeds to tests/fuzz/corpus/js_model_files/.
import path from 'node:path';
import { unzipSync } from 'fflate';
import { kerasConfig } from '../../../web/src/engine/model-files/export-keras.js';
import { h5Ready, writeTree } from './h5-tree.mjs';
import { writeZip } from './mutate-zip.mjs';
import { CORPUS, writeInputDir } from './seeds.mjs';

const enc = (v) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
const SPEC = { input_dim: 3, layers: [{ units: 4, activation: 'tanh' }, { kind: 'BatchNormalization' }, { units: 2, activation: 'softmax' }], loss: 'categorical_crossentropy', optimizer: { name: 'adam', learning_rate: 0.01 } };

/** Keras 2's save_weights layout of the trainer; `declare` makes one dataset claim far more values than it holds. */
function legacyTree(trainer, layerNames, declare = null) {
  return {
    attrs: [{ name: 'layer_names', value: layerNames }],
    children: layerNames.map((name, l) => {
      const weights = Object.entries(trainer.layerWeights(l));
      const datasets = weights.map(([w, t]) => ({ name: `${w}:0`, node: { dataset: true, shape: t.shape, dtype: '<f', data: Float32Array.from(t.data), attrs: [], declared: declare && l === 0 && w === 'kernel' ? declare : undefined } }));
      return { name, node: { attrs: [{ name: 'weight_names', value: weights.map(([w]) => `${name}/${w}:0`) }], children: [{ name, node: { attrs: [], children: datasets } }] } };
    }),
  };
}

/** The first global heap collection's free-space object (index 0) given `size`: [bytes, its offset]. */
function withFreeSpace(bytes, size) {
  const out = bytes.slice();
  const v = new DataView(out.buffer);
  const at = Buffer.from(out).indexOf('GCOL');
  const end = at + Number(v.getBigUint64(at + 8, true));
  for (let p = at + 16; p + 16 <= end;) {
    const index = v.getUint16(p, true);
    const objectSize = Number(v.getBigUint64(p + 8, true));
    if (index === 0) {
      v.setBigUint64(p + 8, BigInt(size), true);
      return out;
    }
    p += 16 + Math.ceil(objectSize / 8) * 8;
  }
  throw new Error('no free space in the global heap');
}

/** The architecture with its BatchNormalization layer twice, under one name. @param {any} doc */
function twiceNamed(doc) {
  const out = structuredClone(doc);
  const layers = out.config.layers;
  const k = layers.findIndex((l) => l.class_name === 'BatchNormalization');
  layers.splice(k + 1, 0, structuredClone(layers[k]));
  return out;
}

/** The first global heap collection claiming `size` bytes. */
function withHeapSize(bytes, size) {
  const out = bytes.slice();
  new DataView(out.buffer).setBigUint64(Buffer.from(out).indexOf('GCOL') + 8, BigInt(size), true);
  return out;
}

/**
 * Every finding: {label, files, valid, id, message, loads?}. `loads`: the input now loads (with a note).
 * @param {any} ns the engine
 */
export async function fuzzFindings(ns) {
  await h5Ready();
  const t = ns.createTrainer(SPEC, { seed: 4 });
  const { config, layerNames } = kerasConfig(t);
  const { compile_config: _compile, ...bare } = config;
  const { modelJson, weights } = t.exportTfjs();
  const tfjs = (mutate) => {
    const doc = structuredClone(modelJson);
    mutate(doc);
    return [{ name: 'model.json', bytes: enc(doc) }, { name: 'weights.bin', bytes: weights }];
  };
  const validTfjs = tfjs(() => {});
  const h5Model = (modelConfig, trainingConfig) =>
    writeTree({ attrs: [{ name: 'model_config', value: modelConfig }, { name: 'training_config', value: JSON.stringify(trainingConfig) }], children: [{ name: 'model_weights', node: legacyTree(t, layerNames) }] });
  const training = { loss: 'categorical_crossentropy', optimizer_config: { class_name: 'Adam', config: { learning_rate: 0.01 } } };
  const validH5 = [{ name: 'model.h5', bytes: h5Model(JSON.stringify(bare), training) }];
  const archive = await t.exportKerasArchive();
  const archiveWeights = unzipSync(archive)['model.weights.h5'];
  const json = { name: 'model.json', bytes: enc(bare) };
  const findings = [
    {
      label: 'a weightsManifest group that is null (was: TypeError, reading "paths" of null, in index.js)',
      files: tfjs((d) => d.weightsManifest.push(null)), valid: validTfjs,
      id: 'files.tfjs_group', message: /^model\.json: weightsManifest group 2 must be an object with "paths" and "weights", got null$/,
    },
    {
      label: 'a weightsManifest that is an object (was: TypeError, flatMap is not a function)',
      files: tfjs((d) => (d.weightsManifest = { ...d.weightsManifest })), valid: validTfjs,
      id: 'files.tfjs_manifest', message: /^model\.json: weightsManifest must be a list of groups$/,
    },
    {
      label: 'a manifest group whose paths are one string (was: TypeError, (g.paths ?? []).map is not a function)',
      files: tfjs((d) => (d.weightsManifest[0].paths = './weights.bin')), valid: validTfjs,
      id: 'files.tfjs_paths', message: /^model\.json: weightsManifest group 1: "paths" must be a list of shard file names, got "\.\/weights\.bin"$/,
    },
    {
      label: 'a weight of shape [-1] (was: RangeError, invalid typed array length)',
      files: tfjs((d) => (d.weightsManifest[0].weights[1].shape = [-1])), valid: validTfjs,
      id: 'files.tfjs_shape', message: /^model\.json: weight "dense\/bias" \(weightsManifest group 1\) has shape \[-1\]; a shape is a list of sizes, whole numbers from 0$/,
    },
    {
      label: 'a weight of shape [2.5] (was: RangeError, invalid typed array length)',
      files: tfjs((d) => (d.weightsManifest[0].weights[0].shape = [2.5])), valid: validTfjs,
      id: 'files.tfjs_shape', message: /weight "dense\/kernel" \(weightsManifest group 1\) has shape \[2\.5\]; a shape is a list of sizes/,
    },
    {
      label: "an .h5 model whose global heap's free space is 0 bytes long (was: HDF5 reading model_config without end)",
      files: [{ name: 'model.h5', bytes: withFreeSpace(validH5[0].bytes, 0) }], valid: validH5,
      id: 'files.hdf5_global_heap', message: /^model\.h5 is a damaged HDF5 file: its global heap at byte \d+ \(where variable-length strings such as model_config are kept\) is broken at byte \d+/,
    },
    {
      label: "an .h5 model whose global heap's free space runs past the heap (was: a wasm trap in h5wasm, memory access out of bounds)",
      files: [{ name: 'model.h5', bytes: withFreeSpace(validH5[0].bytes, 1 << 20) }], valid: validH5,
      id: 'files.hdf5_global_heap', message: /^model\.h5 is a damaged HDF5 file/,
    },
    {
      label: 'an .h5 model whose global heap claims more bytes than the file holds (was: a wasm trap in h5wasm, memory access out of bounds, after which the next valid file trapped too)',
      files: [{ name: 'model.h5', bytes: withHeapSize(validH5[0].bytes, 2 ** 55) }], valid: validH5,
      id: 'files.hdf5_global_heap_size', message: /^model\.h5 is a damaged HDF5 file: its global heap at byte \d+ claims 36028797018963970 bytes, past the end of the file \(\d+ bytes\)$/,
    },
    {
      label: 'a weights file of 10 kB whose kernel claims 2^27 values (was: read for 6 to 8 s into 512 MB, h5wasm heap grown to 2 GB for good)',
      files: [json, { name: 'weights.h5', bytes: writeTree(legacyTree(t, layerNames, [2 ** 27])) }], valid: [json, { name: 'weights.h5', bytes: writeTree(legacyTree(t, layerNames)) }],
      id: 'files.hdf5_dataset_too_large', message: /^weights\.h5: the dataset dense\/dense\/kernel:0 holds 134217728 values \(shape \[134217728\]\), more than a whole model here may have \(20000000 parameters\)$/,
    },
    {
      label: 'a weights file whose kernel is stored in 4096 x 4097 chunks of one value (was: h5wasm\'s heap grown to 2 GB for good)',
      files: [json, { name: 'weights.h5', bytes: writeTree(legacyTree(t, layerNames, [4096, 4097])) }], valid: [json, { name: 'weights.h5', bytes: writeTree(legacyTree(t, layerNames)) }],
      id: 'files.hdf5_chunks', message: /^weights\.h5: the dataset dense\/dense\/kernel:0 is stored in 16781312 chunks \(of shape \[1, 1\]\); NeuroStep reads at most 65536, as each costs the HDF5 library memory$/,
    },
    {
      label: 'a to_json() architecture with two layers of one name (was: loaded, and its TF.js export, whose weights are by layer name, did not load back)',
      files: [{ name: 'model.json', bytes: enc(twiceNamed(bare)) }], valid: [json],
      // The engine's Keras reader refuses it now (keras.name_twice), before the page's check of the names.
      id: 'keras.name_twice', message: /^model\.json: layer 4 \("batch_normalization"\): the name "batch_normalization" is already that of layer 3 \("batch_normalization"\); Keras gives every layer of a model a name of its own$/,
    },
    {
      label: 'an .h5 model whose model_config is null beside a training_config (was: TypeError, reading "compile_config" of null)',
      files: [{ name: 'model.h5', bytes: h5Model('null', training) }], valid: validH5,
      id: 'model_file.not_object', message: /^model\.h5: a model must be a JSON object, got null$/,
    },
    {
      label: "a TF.js trainingConfig whose optimizer config is text (was: TypeError, 'in' on a string)",
      files: tfjs((d) => (d.modelTopology.training_config = { loss: 'categorical_crossentropy', optimizer_config: { class_name: 'Adam', config: 'learningRate' } })), valid: validTfjs,
      loads: true, message: /its compile settings could not be used/,
    },
    {
      label: 'a .keras archive whose model.weights.h5 claims 1 GB once inflated (was: fflate allocated 1 GB first; 15 s in the fuzzer)',
      files: [{ name: 'claims.keras', bytes: writeZip([{ name: 'config.json', bytes: enc(config) }, { name: 'model.weights.h5', bytes: archiveWeights, deflate: true, claimedSize: 2 ** 30 }]) }],
      valid: [{ name: 'model.keras', bytes: archive }],
      id: 'files.zip_entry_too_large', message: /^claims\.keras: its model\.weights\.h5 says it inflates to 1073741824 bytes, more than a model here can need \(268435456 at most\)$/,
    },
    {
      label: 'a .keras archive with an extra entry that claims 4 GB once inflated (fflate allocated 4 GB for it; now only the three entries read are inflated)',
      files: [{ name: 'big.keras', bytes: writeZip([{ name: 'config.json', bytes: enc(config) }, { name: 'model.weights.h5', bytes: archiveWeights }, { name: 'assets/big.bin', bytes: new Uint8Array(64), deflate: true, claimedSize: 0xfffffffe }]) }],
      valid: [{ name: 'model.keras', bytes: archive }], loads: true, message: null,
    },
  ];
  t.dispose();
  return findings;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const { loadEngine } = await import('../../wasm/engine.mjs');
  const ns = await loadEngine();
  const fs = await import('node:fs');
  for (const d of fs.existsSync(CORPUS) ? fs.readdirSync(CORPUS) : []) if (d.startsWith('finding-')) fs.rmSync(path.join(CORPUS, d), { recursive: true });
  for (const [i, f] of (await fuzzFindings(ns)).entries()) writeInputDir(path.join(CORPUS, `finding-${String(i + 1).padStart(2, '0')}`), f.files, { label: f.label, id: f.id ?? null });
  console.log(`wrote the findings to ${path.relative(process.cwd(), CORPUS)}/`);
}
