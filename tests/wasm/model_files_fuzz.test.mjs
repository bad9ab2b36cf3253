// What the model-file fuzzer (tests/fuzz/js/fuzz_model_files.mjs) found in the readers written in
// JavaScript, each input reduced and made here from files the engine writes: every one is now
// refused with a NeuroStepError whose id both catalogues say, quickly, and the engine still reads
// a valid file afterwards. The same inputs are seeds of the fuzzer (tests/fuzz/corpus/js_model_files/).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { loadEngine } from './engine.mjs';
import { fuzzFindings } from '../fuzz/js/findings.mjs';

const catalogue = (lang) => JSON.parse(fs.readFileSync(new URL(`../../web/src/i18n/${lang}.json`, import.meta.url), 'utf8')).engine;
const catalogues = [catalogue('en'), catalogue('zh-CN')];
const textOf = (c, id) => id.split('.').reduce((node, k) => node?.[k], c);

let ns, findings;
before(async () => {
  ns = await loadEngine();
  findings = await fuzzFindings(ns);
});

test('every reduced finding is refused with its id and message, in time, and both catalogues say it', async () => {
  assert.ok(findings.length >= 8, `only ${findings.length} findings`);
  for (const f of findings.filter((x) => !x.loads)) {
    const started = performance.now();
    await assert.rejects(ns.readModelFiles(f.files), (err) => {
      assert.equal(err.name, 'NeuroStepError', `${f.label}: ${err.stack}`);
      assert.equal(err.id, f.id, `${f.label}: ${err.message}`);
      assert.match(err.message, f.message, f.label);
      for (const c of catalogues) assert.equal(typeof textOf(c, err.id), 'string', `${f.label}: ${err.id} has no text in a catalogue`);
      return true;
    });
    const ms = performance.now() - started;
    assert.ok(ms < 2000, `${f.label} took ${Math.round(ms)} ms`);
  }
});

test('the findings that were exceptions in files the engine can use now load, with a note where part was left out', async () => {
  const loading = findings.filter((x) => x.loads);
  assert.ok(loading.length >= 2);
  for (const f of loading) {
    const read = await ns.readModelFiles(f.files);
    if (f.message) assert.ok(read.notes.some((n) => f.message.test(n)), `${f.label}: ${read.notes}`);
    else assert.deepEqual(read.notes, [], f.label);
    assert.ok(read.weighted, f.label);
    read.trainer.dispose();
  }
});

test('after every finding the engine still reads the valid files they were made from', async () => {
  for (const f of findings) await ns.readModelFiles(f.files).then((r) => r.trainer.dispose(), () => {});
  for (const f of findings) {
    const read = await ns.readModelFiles(f.valid);
    assert.ok(read.weighted || read.format === 'keras-json', f.label);
    read.trainer.dispose();
  }
});

test('reading the findings 20 times over leaks no memory of the engine', async () => {
  const once = async () => {
    for (const f of findings) await ns.readModelFiles(f.files).then((r) => r.trainer.dispose(), () => {});
  };
  await once();
  const first = ns.memoryStats();
  for (let i = 0; i < 20; ++i) await once();
  const last = ns.memoryStats();
  for (const key of ['allocatedBytes', 'emvalHandles', 'stackPointer']) assert.equal(last[key], first[key], key);
});

test("the fuzzer's oracle calls anything but a refusal with an id a finding", async () => {
  const { judge } = await import('../fuzz/js/oracle.mjs');
  const { NeuroStepError } = await import('../../web/src/engine/arguments.js');
  const throwing = (err) => ({ readModelFiles: async () => { throw err; } });
  const files = [{ name: 'x.json', bytes: new Uint8Array(2) }];
  assert.deepEqual(await judge(throwing(new NeuroStepError('no', 'files.none', {})), files).then((v) => [v.outcome, v.id]), ['refused', 'files.none']);
  for (const [err, kind] of [[new TypeError('x is null'), /^TypeError while reading$/], [new NeuroStepError('no id'), /^NeuroStepError without an id/], [new RangeError('bad length'), /^RangeError/], ['a string', /^thrown string/]]) {
    const v = await judge(throwing(err), files);
    assert.equal(v.outcome, 'finding');
    assert.match(v.kind, kind);
  }
  // A loaded model whose saved file does not load back is a finding too.
  const t = ns.createTrainer({ input_dim: 2, layers: [{ units: 2 }], loss: 'mean_squared_error' });
  const broken = { readModelFiles: async () => ({ trainer: t, notes: [], format: 'spec' }), createTrainer: () => { throw new TypeError('cannot read it'); } };
  const v = await judge(broken, files);
  assert.equal(v.outcome, 'finding');
  assert.match(v.kind, /^TypeError after loading$/);
});

test('after the raw input that left the HDF5 library corrupt, valid files are written and read again', async () => {
  const { readInputDir, CORPUS } = await import('../fuzz/js/seeds.mjs');
  const damaged = readInputDir(`${CORPUS}/raw-name-not-defined`);
  const t = ns.createTrainer({ input_dim: 3, layers: [{ units: 4 }, { kind: 'BatchNormalization' }, { units: 1 }], loss: 'mean_squared_error' }, { seed: 2 });
  for (let i = 0; i < 3; ++i) {
    await assert.rejects(ns.readModelFiles(damaged), (err) => err.id === 'files.hdf5_unreadable');
    const archive = await t.exportKerasArchive();
    const read = await ns.readModelFiles([{ name: 'again.keras', bytes: archive }]);
    assert.deepEqual(read.trainer.layerWeights(0).kernel.data, t.layerWeights(0).kernel.data.map(Math.fround));
    read.trainer.dispose();
  }
  t.dispose();
});
