// The engine's errors carry a stable id and their arguments beside the English text, through the
// WebAssembly binding and the wrapper (NeuroStepError.id / .args); the catalogues say each in
// English exactly as the engine does, and in Chinese without English words; an error without an
// id keeps its English. Needs the built module (web/public/wasm, `bash scripts/build.sh`).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import i18next from 'i18next';
import { loadEngine, articleSpec } from '../wasm/engine.mjs';
import { englishWords } from './english-words.mjs';
import { engineMessageProblems, messageOf, say as pageSay } from './page-i18n.mjs';

const read = (p) => JSON.parse(fs.readFileSync(new URL(`../../web/src/i18n/${p}`, import.meta.url), 'utf8'));
const i18n = i18next.createInstance();
let ns;
before(async () => {
  await i18n.init({
    lng: 'en', fallbackLng: 'en', resources: { en: { translation: read('en.json') }, 'zh-CN': { translation: read('zh-CN.json') } },
    interpolation: { prefix: '{', suffix: '}', escapeValue: false }, nsSeparator: false, initAsync: false,
  });
  ns = await loadEngine();
});

/** What the page says for an engine error (web/src/i18n/engine.ts, in short). */
function say(err, lng) {
  const args = { ...err.args };
  if (args.what !== undefined) args.what = i18n.t(`engine.what.${args.what}`, { lng, defaultValue: args.what });
  return i18n.t(`engine.${err.id}`, { ...args, lng });
}

function caught(f) {
  try {
    f();
  } catch (err) {
    return err;
  }
  assert.fail('no error');
}

const cases = [
  ['a CSV field that is not a number', () => ns.parseCsv('a,b\n1,x\n'), 'csv.field_not_number', { line: '2', column: '2', name: ' ("b")', field: '"x"' }],
  ['a ragged CSV row', () => ns.parseCsv('a,b\n1,2\n3,4\n1,2,3\n'), 'csv.ragged', { line: '4', expected: '2', found: '3' }],
  ['an empty CSV field', () => ns.parseCsv('a,b\n1,\n'), 'csv.field_empty', { line: '2', column: '2' }],
  ['a CSV of one column', () => ns.parseCsv('a\n1\n'), 'csv.one_column', { delimiter: ',' }],
  ['an empty CSV', () => ns.parseCsv(''), 'csv.empty', {}],
  [
    'data of the wrong width',
    () => {
      const t = ns.createTrainer(articleSpec, {});
      try {
        t.setData({ rows: 1, features: 2, targets: 1, x: [0, 1], y: [1] });
      } finally {
        t.dispose();
      }
    },
    'data.features',
    { what: 'training data', features: '2', inputs: '8' },
  ],
];

for (const [name, make, id, args] of cases) {
  test(`${name}: id ${id}, its arguments, and both languages`, () => {
    const err = caught(make);
    assert.equal(err.name, 'NeuroStepError');
    assert.equal(err.id, id, err.message);
    for (const [k, v] of Object.entries(args)) assert.equal(err.args[k], v, `${k} of ${err.message}`);
    assert.equal(say(err, 'en'), err.message, 'the English catalogue says what the engine says');
    const zh = say(err, 'zh-CN');
    assert.notEqual(zh, err.message);
    assert.ok(!/\{[A-Za-z]\w*\}/.test(zh), zh);
    assert.deepEqual(englishWords(zh.replace(/"[^"]*"|'[^']*'/g, ' ')), [], zh);
  });
}

test('a setting out of range (batch size 0) carries its id, and the page says it in Chinese', () => {
  const t = ns.createTrainer(articleSpec, {});
  try {
    const err = caught(() => t.setBatchSize(0));
    assert.equal(err.name, 'NeuroStepError');
    assert.match(err.message, /^batch size must be in \[1, \d+\], got 0$/);
    assert.equal(err.id, 'trainer.batch_size');
    assert.equal(err.args.value, '0');
    assert.deepEqual(engineMessageProblems(err, englishWords), []);
    assert.match(pageSay(messageOf(err), 'zh-CN'), /^批次大小必须在 \[1, \d+\] 之内，而这里是 0$/);
  } finally {
    t.dispose();
  }
});

test('an error without an id keeps its English text (the page shows it as it is)', () => {
  const m = messageOf(new Error('plain English'));
  assert.equal(pageSay(m, 'zh-CN'), 'plain English');
});

test("a table's notices carry their id and arguments, and both languages say them", () => {
  const { notices } = ns.readTable('a;b;c\n1,5;red;0\n2,5;blue;1\n3,5;red;0\n');
  const ids = notices.map((n) => n.id);
  assert.deepEqual(ids, ['csv_notice.delimiter_semicolon', 'csv_notice.decimal_comma', 'csv_notice.one_hot']);
  const oneHot = notices[2];
  assert.equal(oneHot.kind, 'one_hot');
  assert.deepEqual({ ...oneHot.args }, { column: '2', name: ' ("b")', span: '2', values: 'b=blue, b=red' });
  for (const n of notices) {
    assert.equal(say(n, 'en'), n.message, 'the English catalogue says what the engine says');
    const zh = say(n, 'zh-CN');
    assert.notEqual(zh, n.message);
    assert.ok(!/\{[A-Za-z]\w*\}/.test(zh), zh);
    assert.deepEqual(englishWords(zh.replace(/"[^"]*"|“[^”]*”/g, ' ')), [], zh);
  }
});
