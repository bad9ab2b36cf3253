// The two catalogues of the page (web/src/i18n/en.json, zh-CN.json): every key in both, with the
// same placeholders and the same markup; the Chinese free of untranslated English; every key the
// page's code names literally present; and every engine message id (cpp/, `fail_with`; the wrapper's
// web/src/engine, `failWith`) with its
// English, the same as the core's, and its Chinese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next from 'i18next';
import { englishWords } from './english-words.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (p) => JSON.parse(fs.readFileSync(path.join(root, p), 'utf8'));
const en = read('web/src/i18n/en.json');
const zh = read('web/src/i18n/zh-CN.json');

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** key -> {forms: {one: text, other: text} | {'': text}} */
function flatten(tree, prefix = '', out = new Map()) {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'object' && v !== null) flatten(v, key, out);
    else {
      assert.equal(typeof v, 'string', `${key} is not a string`);
      const m = key.match(PLURAL);
      const base = m ? key.slice(0, -m[0].length) : key;
      const entry = out.get(base) ?? {};
      entry[m ? m[1] : ''] = v;
      out.set(base, entry);
    }
  }
  return out;
}
const enKeys = flatten(en);
const zhKeys = flatten(zh);
const placeholders = (forms) => new Set(Object.values(forms).flatMap((s) => [...s.matchAll(/\{([A-Za-z]\w*)(?:,\s*\w+)?\}/g)].map((m) => m[1])));
const tags = (forms) => new Set(Object.values(forms).flatMap((s) => [...s.matchAll(/<\/?([A-Za-z][\w-]*)\s*\/?>/g)].map((m) => m[1])));
const sorted = (set) => [...set].sort();
const EMPHASIS = new Set(['b', 'i', 'strong', 'em', 'sub', 'sup']);

test('every key of each catalogue is in the other', () => {
  const missingZh = [...enKeys.keys()].filter((k) => !zhKeys.has(k));
  const missingEn = [...zhKeys.keys()].filter((k) => !enKeys.has(k));
  assert.deepEqual(missingZh, [], `keys without a Chinese text: ${missingZh.join(', ')}`);
  assert.deepEqual(missingEn, [], `keys without an English text: ${missingEn.join(', ')}`);
  assert.ok(enKeys.size > 400, `only ${enKeys.size} keys`);
});

test('plural forms: English has one and other where it has any, Chinese has other', () => {
  for (const [key, forms] of enKeys) {
    const plural = Object.keys(forms).filter((f) => f !== '');
    if (plural.length === 0) continue;
    assert.ok(forms.one !== undefined && forms.other !== undefined && forms[''] === undefined, `${key}: English needs _one and _other`);
    assert.ok(zhKeys.get(key).other !== undefined, `${key}: Chinese needs _other (zh has no other plural form)`);
  }
});

test('the same placeholders and the same markup in both languages', () => {
  for (const [key, forms] of enKeys) {
    const other = zhKeys.get(key);
    if (!other) continue;
    assert.deepEqual(sorted(placeholders(other)), sorted(placeholders(forms)), `${key}: placeholders differ`);
    // Slots (<neg/>, <W/>) and code are the same; a translation may stress a word more (<b>).
    const strict = (set) => sorted(new Set([...set].filter((t) => !EMPHASIS.has(t))));
    assert.deepEqual(strict(tags(other)), strict(tags(forms)), `${key}: slots or code differ`);
    for (const t of tags(forms)) assert.ok(tags(other).has(t), `${key}: the translation drops <${t}>`);
  }
});

test('the Chinese catalogue holds no untranslated English', () => {
  const found = [];
  for (const [key, forms] of zhKeys) {
    if (key === 'language.en') continue; // the language's own name
    for (const text of Object.values(forms)) {
      const words = englishWords(text);
      if (words.length) found.push(`${key}: ${words.join(' ')}`);
    }
  }
  assert.deepEqual(found, []);
});

test('i18next reads both catalogues with the page settings, and plurals resolve', async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: 'en', fallbackLng: 'en', resources: { en: { translation: en }, 'zh-CN': { translation: zh } },
    interpolation: { prefix: '{', suffix: '}', escapeValue: false }, nsSeparator: false, initAsync: false,
  });
  assert.equal(i18n.t('network.hiddenCount', { count: 1 }), '1 hidden layer');
  assert.equal(i18n.t('network.hiddenCount', { count: 2 }), '2 hidden layers');
  assert.equal(i18n.t('network.hiddenCount', { count: 1, lng: 'zh-CN' }), '1 个隐藏层');
  // Every text fills its placeholders: no {name} is left once each has a value.
  for (const [lng, keys] of [['en', enKeys], ['zh-CN', zhKeys]]) {
    for (const [key, forms] of keys) {
      const vars = Object.fromEntries([...placeholders(forms)].map((p) => [p, 7]));
      for (const form of Object.keys(forms)) {
        const count = form === 'one' ? 1 : form === 'other' ? 7 : undefined;
        const out = i18n.t(key, { ...vars, ...(count === undefined ? {} : { count }), lng });
        assert.ok(!/\{[A-Za-z]\w*(,\s*\w+)?\}/.test(out), `${lng} ${key}: ${out}`);
      }
    }
  }
});

test('every key the page names literally is in the catalogues', () => {
  const files = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx)$/.test(e.name)) files.push(p);
    }
  };
  walk(path.join(root, 'web/src'));
  const missing = [];
  const call = /\b(?:t|tr|msg|fail|has)\(\s*'([a-zA-Z][\w.-]*)'|\bk="([a-zA-Z][\w.-]*)"|\bkey: '([a-zA-Z][\w-]*\.[\w.-]*)'/g;
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    for (const m of text.matchAll(call)) {
      const key = m[1] ?? m[2] ?? m[3];
      if (!key.includes('.')) continue; // not a catalogue key (a call of another t or fail)
      if (!enKeys.has(key)) missing.push(`${path.relative(root, f)}: ${key}`);
    }
  }
  assert.deepEqual(missing, []);
});

/** The engine's message ids: fail_with (errors) and message_with (notices) ("id", "English {arg}", ...) in cpp/. */
function engineIds() {
  const ids = new Map();
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(hpp|cpp)$/.test(e.name)) {
        // Comments out (an example in one is not a message), then each call: the id, the English
        // template (adjacent string literals join).
        const text = fs.readFileSync(p, 'utf8').replace(/^\s*\/\/.*$/gm, '');
        for (const m of text.matchAll(/\b(?:fail_with|message_with)\(\s*"([a-z0-9_]+\.[a-z0-9_.]+)",\s*((?:"(?:[^"\\\n]|\\.)*"\s*)+)/g)) {
          const english = [...m[2].matchAll(/"((?:[^"\\\n]|\\.)*)"/g)].map((s) => JSON.parse(`"${s[1]}"`)).join('');
          ids.set(m[1], { english, file: path.relative(root, p) });
        }
      }
    }
  };
  walk(path.join(root, 'cpp'));
  // The wrapper's own messages (web/src/engine, `failWith("id", "English {arg}", ...)`).
  const walkJs = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walkJs(p);
      else if (/\.js$/.test(e.name))
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/\bfailWith\(\s*'([a-z0-9_]+\.[a-z0-9_.]+)',\s*(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)")/g))
          ids.set(m[1], { english: (m[2] ?? m[3]).replace(/\\'/g, "'"), file: path.relative(root, p) });
    }
  };
  walkJs(path.join(root, 'web/src/engine'));
  return ids;
}

test('every engine message id has its English (as the core writes it) and its Chinese', () => {
  const ids = engineIds();
  assert.ok(ids.size >= 8, `only ${ids.size} message ids found in cpp/`);
  const untranslated = [], wrong = [];
  for (const [id, { english, file }] of ids) {
    const key = `engine.${id}`;
    if (!zhKeys.has(key)) untranslated.push(`${id} (${file})`);
    const ours = enKeys.get(key)?.[''];
    if (ours !== english) wrong.push(`${id}: the core says "${english}", en.json "${ours}"`);
  }
  assert.deepEqual(untranslated, [], 'engine message ids without a translation (they fall back to English)');
  assert.deepEqual(wrong, []);
});
