// Fuzzes the model-file readers written in JavaScript (web/src/engine/model-files/: the .keras
// archive, Keras's .h5 layouts, TF.js model.json and its shards, the weights they carry) through
// ns.readModelFiles, as the page's worker calls it (web/src/worker/model-io.ts).
//
//   node tests/fuzz/js/fuzz_model_files.mjs [seconds, default 20] [--seed N] [--timeout ms]
//   node tests/fuzz/js/fuzz_model_files.mjs --replay DIR...   (judge saved inputs and say what happened)
//
// Seeds are files the engine writes (seeds.mjs) and the regression inputs in
// tests/fuzz/corpus/js_model_files/; each input is a seed or an earlier input that reached a new
// verdict (a refusal id not seen before), mutated (mutate.mjs). The oracle (oracle.mjs) runs in a
// worker thread (oracle-worker.mjs, runner.mjs). A run shorter than a minute uses seed 1, so that
// npm test explores the same inputs every time; a longer one draws a fresh seed and prints it.
// Each finding (an exception without an id, a hang, a leak, a broken promise) is written to
// build/fuzz/artifacts-js/<kind>-<hash>/ and makes the run exit 1.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadEngine } from '../../wasm/engine.mjs';
import { h5Ready } from './h5-tree.mjs';
import { judge } from './oracle.mjs';
import { freshSeed, makeRandom } from './random.mjs';
import { Mutator, Runner } from './runner.mjs';
import { makeSeeds, readInputDir, writeInputDir } from './seeds.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const ARTIFACTS = path.join(ROOT, 'build/fuzz/artifacts-js');
const POOL_SIZE = 2000;
const MAX_FINDINGS = 25;

function parseArgs(argv) {
  const o = { seconds: 20, seed: null, timeout: 5000, replay: null };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--seed') o.seed = Number(argv[++i]) >>> 0;
    else if (a === '--timeout') o.timeout = Number(argv[++i]);
    else if (a === '--replay') o.replay = argv.slice(i + 1);
    else if (/^\d+$/.test(a)) o.seconds = Number(a);
    else throw new Error(`unknown argument ${a}; usage: fuzz_model_files.mjs [seconds] [--seed N] [--timeout ms] [--replay DIR...]`);
    if (o.replay) break;
  }
  return o;
}

const opts = parseArgs(process.argv.slice(2));
const ns = await loadEngine();
await h5Ready();

if (opts.replay) {
  let bad = 0;
  for (const dir of opts.replay) {
    const v = await judge(ns, readInputDir(dir));
    if (v.outcome === 'finding') ++bad;
    console.log(`${dir}: ${JSON.stringify(v)}`);
  }
  process.exit(bad ? 1 : 0);
}

const seed = opts.seed ?? (opts.seconds < 60 ? 1 : freshSeed());
console.log(`fuzz-js: model-file readers, ${opts.seconds} s, seed ${seed} (again: node tests/fuzz/js/fuzz_model_files.mjs ${opts.seconds} --seed ${seed})`);
const r = makeRandom(seed);
const seeds = await makeSeeds(ns);
const generated = seeds.filter((s) => !s.refusable);
const canaries = [generated.find((s) => s.label.endsWith('.keras')), generated.find((s) => s.label.endsWith('.h5'))].map((s) => s.files);
const runner = new Runner(canaries, opts.timeout);
const mutator = new Mutator();

/** signature -> {dir, count} */
const findings = new Map();
const signature = (v) => `${v.kind}|${String(v.message).replace(/\d+/g, 'N').slice(0, 120)}|${(v.stack ?? '').split('\n').find((l) => /web\/src|tests\/fuzz/.test(l)) ?? ''}`;

function record(v, files, extra) {
  const sig = signature(v);
  const known = findings.get(sig);
  if (known) {
    ++known.count;
    return;
  }
  const hash = createHash('sha1');
  for (const f of files) hash.update(f.name).update(f.bytes);
  const dir = path.join(ARTIFACTS, `${v.kind.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 40)}-${hash.digest('hex').slice(0, 10)}`);
  writeInputDir(dir, files, { finding: v, seed, ...extra });
  findings.set(sig, { dir, count: 1 });
  console.log(`fuzz-js: FINDING ${v.kind}: ${String(v.message).slice(0, 300)}\n  input: ${path.relative(ROOT, dir)}`);
}

// Every generated seed must load (the engine reads what it writes); a corpus seed, or a fixture
// NeuroStep does not read, may be refused.
for (const s of seeds) {
  const { verdict } = await runner.run(s.files);
  if (verdict.outcome === 'finding') record(verdict, s.files, { seedLabel: s.label });
  else if (!s.refusable && verdict.outcome !== 'loaded') record({ outcome: 'finding', kind: 'seed does not load', message: `${s.label}: ${JSON.stringify(verdict)}` }, s.files, { seedLabel: s.label });
}

const pool = [];
const seen = new Set();
const tally = { inputs: 0, loaded: 0, refused: 0, findings: 0, mutatorErrors: 0, slowest: 0 };
const ids = new Map();
const started = Date.now();
const deadline = started + opts.seconds * 1000;
let nextReport = started + 60000;
while (Date.now() < deadline && findings.size < MAX_FINDINGS) {
  const parent = pool.length && r.chance(0.5) ? r.pick(pool) : r.pick(seeds).files;
  const mutated = await mutator.mutate(parent, [r.pick(seeds).files, r.pick(seeds).files], r.next());
  if (mutated.failed) {
    // Not the readers' finding, but kept: the input that h5wasm could not re-write may be one.
    ++tally.mutatorErrors;
    if (tally.mutatorErrors <= 3) console.log(`fuzz-js: the mutator failed (${mutated.failed})`);
    if (/hung/.test(mutated.failed)) record({ outcome: 'finding', kind: 'mutator hung', message: mutated.failed }, parent, {});
    continue;
  }
  const { verdict, ms } = await runner.run(mutated.files);
  ++tally.inputs;
  tally.slowest = Math.max(tally.slowest, ms);
  const key = verdict.outcome === 'refused' ? verdict.id : verdict.outcome === 'loaded' ? `loaded ${verdict.format}` : 'finding';
  if (verdict.outcome === 'refused') {
    ++tally.refused;
    ids.set(verdict.id, (ids.get(verdict.id) ?? 0) + 1);
  } else if (verdict.outcome === 'loaded') ++tally.loaded;
  else {
    ++tally.findings;
    record(verdict, mutated.files, { ops: mutated.ops });
  }
  // An input that reached a verdict not seen before is kept to be mutated further; a few others too.
  if (verdict.outcome !== 'finding' && (!seen.has(key) || r.chance(0.05))) {
    seen.add(key);
    if (pool.length < POOL_SIZE) pool.push(mutated.files);
    else pool[r.below(POOL_SIZE)] = mutated.files;
  }
  if (Date.now() >= nextReport) {
    nextReport += 60000;
    console.log(`fuzz-js: ${Math.round((Date.now() - started) / 1000)} s, ${tally.inputs} inputs, ${tally.loaded} loaded, ${tally.refused} refused (${ids.size} ids), ${findings.size} findings`);
  }
}
await Promise.all([runner.stop(), mutator.stop()]);

const secs = (Date.now() - started) / 1000;
const top = [...ids].sort((a, b) => b[1] - a[1]).map(([id, n]) => `${id} ${n}`);
console.log(`fuzz-js: ${tally.inputs} inputs in ${secs.toFixed(0)} s (${(tally.inputs / secs).toFixed(1)}/s, slowest ${Math.round(tally.slowest)} ms) from ${seeds.length} seeds: ${tally.loaded} loaded, ${tally.refused} refused with ${ids.size} message ids, ${tally.findings} findings${tally.mutatorErrors ? `, ${tally.mutatorErrors} mutator errors` : ''}`);
console.log(`fuzz-js: refusals by id: ${top.join(', ')}`);
if (findings.size) {
  for (const [sig, f] of findings) console.log(`fuzz-js: finding x${f.count}: ${sig.split('|')[0]} (${path.relative(ROOT, f.dir)})`);
  console.log(`fuzz-js: ${findings.size} distinct findings; inputs in ${path.relative(ROOT, ARTIFACTS)}/ (node tests/fuzz/js/fuzz_model_files.mjs --replay DIR)`);
  process.exit(1);
}
console.log(`fuzz-js: no findings (seed ${seed})`);
