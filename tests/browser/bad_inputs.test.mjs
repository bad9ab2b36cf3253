// The catalogue of bad inputs (tests/BAD_INPUTS.md, B01 to B15) made on the page, in headless
// Chromium: every way a user can make each class of bad input (a pasted or uploaded CSV, a typed
// setting, a table cell, a weight typed in the diagram, a model or weights file, a link). For each
// the test checks the promise of the catalogue at page level:
//   1. a message says what was wrong and where (its key words, by regex);
//   2. nothing is lost: settings, hidden layers, dataset, the engine's spec, weights, counters and
//      the snapshot the page shows are exactly as before (window.__neurostep), and the controls
//      show the previous values;
//   3. the page keeps working: a Step advances the counter and changes the weights, finite loss;
//   4. no console errors, no "internal error".
// Each class has one page, trained a few steps with a test share, which its tests share; a link
// opens a page of its own and is compared with the page of the same link without the bad value.
// Inputs a class cannot be given from the page are listed, with the reason, in its describe.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { engineState, openPlayground, repoRoot, screenshot, startBrowser, textMatching } from './helpers.mjs';

const FIXTURES = join(repoRoot, 'tests', 'fixtures', 'keras');

/** @type {Awaited<ReturnType<typeof startBrowser>>} */
let browser;
let dir;
before(async () => {
  browser = await startBrowser();
  dir = mkdtempSync(join(tmpdir(), 'neurostep-bad-inputs-'));
});
after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

// ---- the page of a class ------------------------------------------------------------------------

/** Hidden layers, a test share and a few steps trained: a page with something to lose. */
const BUSY = 'n=40&test=0.25&u=5,3&a=tanh,relu';

/** One page for the tests of a describe: opened with `hash`, then trained `steps` steps. */
function classPage(hash, steps = 3) {
  const ctx = { page: null, errors: null };
  before(async () => {
    Object.assign(ctx, await openPlayground(browser.context, `${browser.baseUrl}#${hash}`));
    for (let i = 1; i <= steps; ++i) {
      await ctx.page.getByTestId('step').click();
      await ctx.page.waitForFunction((n) => window.__neurostep.snapshot().iterations === n, i);
    }
  });
  after(async () => {
    await ctx.page?.close();
  });
  return ctx;
}

/** What the controls show: every setting's input or select, the layer controls, the counters. */
function controls(page) {
  return page.evaluate(() => {
    const out = {};
    for (const field of document.querySelectorAll('[data-testid^="field-"]')) {
      const el = field.querySelector('input, select');
      if (el) out[field.dataset.testid] = el.type === 'checkbox' ? el.checked : el.value;
    }
    for (const el of document.querySelectorAll('select[data-testid^="activation-"], [data-testid="output-activation"], [data-testid="speed"]')) out[el.dataset.testid] = el.value;
    for (const el of document.querySelectorAll('[data-testid^="units-"]')) if (/^units-\d+$/.test(el.dataset.testid)) out[el.dataset.testid] = el.textContent;
    for (const id of ['hidden-count', 'data-summary', 'step-counter', 'epoch-counter']) out[id] = document.querySelector(`[data-testid="${id}"]`)?.textContent ?? null;
    out.layers = document.querySelector('[data-testid="network-diagram"]')?.dataset.layers ?? null;
    out.picked = [...document.querySelectorAll('[role=radiogroup][aria-label=Dataset] [aria-checked=true]')].map((e) => e.dataset.testid);
    out.cells = [...document.querySelectorAll('input.cell')].map((e) => e.value);
    return out;
  });
}

async function noInternalError(page) {
  assert.doesNotMatch(await page.locator('body').innerText(), /internal error/i);
}

/** One Step: the counter advances by one, the weights change, the loss is finite. */
async function keepsWorking(page, before) {
  const from = before.snapshot.iterations;
  await page.getByTestId('step').click();
  await page.waitForFunction((n) => window.__neurostep.snapshot().iterations === n + 1, from);
  const now = await engineState(page);
  assert.notDeepEqual(now.snapshot.weights, before.snapshot.weights, 'the step changed the weights');
  assert.ok(Number.isFinite(now.snapshot.loss), `a finite loss after the step, got ${now.snapshot.loss}`);
  await page.waitForFunction((n) => document.querySelector('[data-testid=step-counter]').textContent.replace(/\D/g, '') === String(n), from + 1);
}

/**
 * The promise for a bad input made on a class's page: `act` makes it and returns where the
 * message is; `undo` is what a user does next (Escape, close the dialog), if anything.
 */
async function refused(ctx, { act, message, undo, shot }) {
  const { page, errors } = ctx;
  const before = await engineState(page);
  const shown = await controls(page);
  let text;
  try {
    text = await textMatching(await act(page), message, 8000);
    if (shot) await screenshot(page, shot);
  } catch (err) {
    // Leave the page usable for the next test of the class.
    await undo?.(page).catch(() => {});
    throw err;
  }
  await undo?.(page);
  assert.deepEqual(await engineState(page), before, 'nothing lost: settings, layers, data, spec, weights and counters as before');
  assert.deepEqual(await controls(page), shown, 'the controls show the previous values');
  await noInternalError(page);
  await keepsWorking(page, before);
  assert.deepEqual(errors, []);
  return text;
}

// ---- ways to make a bad input -----------------------------------------------------------------

async function openCsvForm(page, targets = 1) {
  if ((await page.getByTestId('csv-text').count()) === 0) await page.getByTestId('csv-toggle').click();
  await page.getByTestId('csv-targets').fill(String(targets));
}

/** Data → Import CSV, pasted into the text box. */
const pasteCsv = (text, targets = 1) => async (page) => {
  await openCsvForm(page, targets);
  await page.getByTestId('csv-text').fill(text);
  await page.getByTestId('csv-load').click();
  return page.getByTestId('csv-error');
};

/** Data → Import CSV → Choose file…. */
const uploadCsv = (name, text) => async (page) => {
  await openCsvForm(page);
  await page.getByTestId('csv-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  return page.getByTestId('csv-error');
};

/** A setting typed into its box and applied with Enter; Escape then puts the value back. */
const typeSetting = (key, text) => async (page) => {
  const input = page.getByTestId(`field-${key}`).locator('input');
  await input.fill(text);
  await input.press('Enter');
  const error = page.getByTestId(`field-${key}`).locator('.field__error');
  await error.waitFor();
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  assert.equal(await input.inputValue(), text, 'the typed text stays, to be corrected');
  return error;
};
const escapeSetting = (key) => async (page) => {
  const input = page.getByTestId(`field-${key}`).locator('input');
  await input.press('Escape');
  await page.getByTestId(`field-${key}`).locator('.field__error').waitFor({ state: 'detached' });
};

/** A choice from a setting's drop-down. */
const chooseSetting = (key, value) => async (page) => {
  await page.getByTestId(`field-${key}`).locator('select').selectOption(value);
  return page.getByTestId(`field-${key}`).locator('.field__error');
};

/** A cell of the sample table (row 1 unless said), typed and applied with Enter. */
const editCell = (text, col = 0, row = 0) => async (page) => {
  await page.evaluate(() => document.querySelector('.samples-details')?.setAttribute('open', ''));
  const cell = page.locator(`input.cell[data-row="${row}"][data-col="${col}"]`);
  const old = await cell.inputValue();
  await cell.fill(text);
  await cell.press('Enter');
  await page.waitForFunction(([r, c, v]) => document.querySelector(`input.cell[data-row="${r}"][data-col="${c}"]`).value === v, [row, col, old]);
  return page.locator('.samples .field__error');
};

/** A weight (or with `bias`, a bias) of the diagram, clicked and typed into its editor. */
const editWeight = (text, bias = false) => async (page) => {
  const target = bias ? page.locator('rect.neuron[data-l="0"][data-u="0"]') : page.locator('[data-testid=edges-0] path.edge-hit');
  await target.first().click({ force: true });
  const editor = page.getByTestId('weight-editor');
  await editor.locator('input').fill(text);
  await editor.locator('input').press('Enter');
  return editor.locator('.field__error');
};
const closeWeightEditor = async (page) => {
  await page.getByTestId('weight-editor').locator('input').press('Escape');
  await page.getByTestId('weight-editor').waitFor({ state: 'detached' });
};

/** Share → Load a model, with a model file and optionally a weights file. */
const loadModel = (model, weights = null) => async (page) => {
  await page.getByTestId('share-toggle').click();
  await page.getByTestId('load-model').click();
  const file = (f) => ({ name: f.name, mimeType: 'application/json', buffer: f.path ? readFileSync(f.path) : Buffer.from(f.text) });
  await page.getByTestId('load-model-file').setInputFiles(file(model));
  await page.getByTestId('load-model-file-name').waitFor();
  if (weights) {
    await page.getByTestId('load-weights-file').setInputFiles(file(weights));
    await page.getByTestId('load-weights-file-name').waitFor();
  }
  await page.getByTestId('load-model-go').click();
  return page.getByTestId('load-error-message');
};
const closeLoadDialog = async (page) => {
  await page.getByTestId('load-dialog-close').click();
  await page.getByTestId('load-dialog').waitFor({ state: 'detached' });
};

/** A model file refused by the page: the dialog says why, and closing it leaves the page as it was. */
const modelRefused = (ctx, model, message, options = {}) =>
  refused(ctx, { act: loadModel(model, options.weights), message: new RegExp(`^This model cannot be loaded: ${message.source}`), undo: closeLoadDialog, shot: options.shot });

const spec = (s, name = 'model.json') => ({ name, text: typeof s === 'string' ? s : JSON.stringify(s) });
const fixture = (name) => ({ name, path: join(FIXTURES, name) });

// Keras's to_json() of 2 inputs -> Dense(3) [-> Dense(1)], as in the C++ test.
const kerasDense = (name, units, extra = {}) => ({ class_name: 'Dense', config: { name, units, activation: 'linear', ...extra } });
const kerasModel = (layers, rest = {}) => ({ class_name: 'Sequential', config: { layers: [{ class_name: 'InputLayer', config: { batch_shape: [null, 2] } }, ...layers] }, ...rest });
/** MODEL_FILE_WITH(w) of the catalogue: a NeuroStep model file of 2 -> Dense(3) with these weights. */
const modelFileWith = (weights) => spec(`{"format": "neurostep-model", "version": 1, "model": ${JSON.stringify(kerasModel([kerasDense('dense', 3)]))}, "weights": ${weights}}`, 'neurostep-model.json');
/** 2 -> Dense(3) -> Dense(1), uncompiled, for a weights file in get_weights() order. */
const TWO_LAYERS = spec(kerasModel([kerasDense('dense', 3), kerasDense('dense_1', 1)]), 'two_layers.json');
const weightsFile = (arrays) => spec(typeof arrays === 'string' ? arrays : JSON.stringify(arrays), 'weights.json');
const GOOD_WEIGHTS = [[[1, 2, 3], [4, 5, 6]], [0, 0, 0], [[1], [2], [3]], [0]];

// ---- links --------------------------------------------------------------------------------------

const references = new Map();

/** The state and controls of a page opened on a good link (opened once per link). */
async function reference(hash) {
  if (!references.has(hash)) {
    const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#${hash}`);
    await page.waitForFunction(() => location.hash.includes('opt='));
    references.set(hash, { state: await engineState(page), controls: await controls(page), hash: new URL(page.url()).hash });
    assert.equal(await page.getByTestId('url-notice').count(), 0, `the reference link ${hash} is valid`);
    assert.deepEqual(errors, []);
    await page.close();
  }
  return references.get(hash);
}

const withoutSeq = (state) => ({ ...state, snapshot: { ...state.snapshot, seq: 0 } });

/**
 * A link with a bad value opens as the same link without it would (settings, layers, data,
 * weights: nothing else is changed), says which value was ignored, writes the address it uses,
 * and works.
 */
async function linkRefused(bad, good, message, shot) {
  const ref = await reference(good);
  const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#${bad}`);
  try {
    const notice = await textMatching(page.getByTestId('url-notice'), message, 8000);
    assert.match(notice, /could not be used, so their defaults are shown/);
    if (shot) await screenshot(page, shot);
    const state = await engineState(page);
    assert.deepEqual(withoutSeq(state), withoutSeq(ref.state), 'the page is the one the link without the bad value opens');
    // Without the notice the page has the reference's layout (a virtual table shows as many rows).
    await page.getByTestId('notice-dismiss').click();
    await page.getByTestId('url-notice').waitFor({ state: 'detached' });
    await page.waitForFunction((n) => document.querySelectorAll('input.cell').length === n, ref.controls.cells.length, { timeout: 5000 }).catch(() => {});
    assert.deepEqual(await controls(page), ref.controls);
    await page.waitForFunction((hash) => location.hash === hash, ref.hash);
    await noInternalError(page);
    await keepsWorking(page, state);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
}

// ---- the catalogue ------------------------------------------------------------------------------

describe('B01 Empty', () => {
  // Not reachable: stepping before any data (the page always holds a dataset, and removing points
  // stops at one row); set_data with no rows (the CSV reader refuses an empty CSV first).
  const ctx = classPage(`data=xor&${BUSY}`);

  test('the Load button of an empty CSV box is disabled', async () => {
    await openCsvForm(ctx.page);
    await ctx.page.getByTestId('csv-text').fill('  \n');
    assert.equal(await ctx.page.getByTestId('csv-load').isDisabled(), true);
  });

  test('an empty CSV file uploaded', async () => {
    await refused(ctx, { act: uploadCsv('empty.csv', ''), message: /^the CSV text is empty$/ });
  });

  test('a CSV with a header and no rows pasted', async () => {
    await refused(ctx, { act: pasteCsv('a,b\n'), message: /^the CSV has a header but no data rows$/ });
  });

  test('a CSV of comments and blank lines pasted', async () => {
    await refused(ctx, { act: pasteCsv('# a comment\n\n  \n'), message: /^the CSV text is empty$/ });
  });

  test('a CSV with an empty field pasted', async () => {
    await refused(ctx, { act: pasteCsv('a,b\n1,\n'), message: /^line 2, column 2 \("b"\): the field is empty; a number is needed$/, shot: 'bad-inputs-csv-empty-field' });
  });

  test('a learning rate typed as nothing', async () => {
    await refused(ctx, { act: typeSetting('learningRate', ''), message: /^Learning rate must be a number$/, undo: escapeSetting('learningRate') });
  });

  test('a weight typed as nothing', async () => {
    await refused(ctx, { act: editWeight(''), message: /^Enter a finite number$/, undo: closeWeightEditor });
  });

  test('an empty model file', async () => {
    await modelRefused(ctx, spec(''), /invalid JSON at byte 1 \(line 1, column 1\): syntax error while parsing value - unexpected end of input/);
  });

  test('a model spec with no layers', async () => {
    await modelRefused(ctx, spec({ input_dim: 2, layers: [], loss: 'mse' }), /layers is empty; the model needs at least an output layer$/);
  });

  test('an empty weights file', async () => {
    await modelRefused(ctx, TWO_LAYERS, /weights\.json is not JSON: /, { weights: weightsFile('') });
  });

  test('a link whose data hold no values', async () => {
    await linkRefused(`${BUSY}&data=custom&d=2x1:t:`, BUSY, /d: 0 values do not make whole rows of 3 \(2 features \+ 1 targets\); the default, Article, is used instead/);
  });
});

describe('B02 Ragged rows', () => {
  // Not reachable: training or test data with more input rows than target rows (the page keeps
  // each row's inputs and targets together, in every path that makes data).
  const ctx = classPage(`data=xor&${BUSY}`);

  test('a ragged CSV pasted', async () => {
    await refused(ctx, { act: pasteCsv('a,b,c\n1,2,3\n4,5\n'), message: /^line 3: expected 3 fields but found 2 \(ragged row\)$/ });
  });

  test('a ragged CSV uploaded', async () => {
    await refused(ctx, { act: uploadCsv('ragged.csv', 'a,b,c\n1,2,3\n4,5,6\n7,8,9,10\n'), message: /^line 4: expected 3 fields but found 4 \(ragged row\)$/ });
  });

  test('a model file whose kernel rows differ in length', async () => {
    await modelRefused(ctx, modelFileWith('[{"kernel": [[1, 2, 3], [4, 5]], "bias": [0, 0, 0]}]'), /weights\[0\]\.kernel must be 2 x 3 \(inputs x units, Keras's orientation\) for layer 1 \("dense"\), got 2 rows of 3 or more values$/);
  });

  test('a Keras weights file whose kernel rows differ in length', async () => {
    await modelRefused(ctx, TWO_LAYERS, /weights\.json: weights\[0\]\.kernel must be 2 x 3 .*for layer 1 \("dense"\)/, { weights: weightsFile([[[1, 2, 3], [4, 5]], [0, 0, 0], [[1], [2], [3]], [0]]) });
  });

  test('a link whose data end in a partial row', async () => {
    await linkRefused(`${BUSY}&data=custom&d=2x1:t:1,2,3,4`, BUSY, /d: 4 values do not make whole rows of 3 \(2 features \+ 1 targets\)/);
  });
});

describe('B03 Non-numeric values', () => {
  const ctx = classPage(`data=xor&${BUSY}`);

  test('a CSV with a word for a number pasted', async () => {
    await refused(ctx, { act: pasteCsv('a,b\n1,two\n'), message: /^line 2, column 2 \("b"\): "two" is not a number$/ });
  });

  test('a CSV with a decimal comma pasted', async () => {
    await refused(ctx, { act: pasteCsv('a,b\n1,"1,5"\n'), message: /^line 2, column 2 \("b"\): "1,5" is not a number$/ });
  });

  test('a CSV with a hexadecimal number uploaded', async () => {
    await refused(ctx, { act: uploadCsv('hex.csv', 'a,b\n0x1F,1\n'), message: /^line 2, column 1 \("a"\): "0x1F" is not a number$/ });
  });

  test('a learning rate typed as "abc"', async () => {
    await refused(ctx, { act: typeSetting('learningRate', 'abc'), message: /^Learning rate must be a number$/, undo: escapeSetting('learningRate'), shot: 'bad-inputs-typed-learning-rate' });
  });

  test('a batch size typed as 2.5', async () => {
    await refused(ctx, { act: typeSetting('batchSize', '2.5'), message: /^Batch size must be a whole number$/, undo: escapeSetting('batchSize') });
  });

  test('a table cell typed as "abc"', async () => {
    await refused(ctx, { act: editCell('abc'), message: /^a cell must be a number$/ });
  });

  test('a weight typed as "abc"', async () => {
    await refused(ctx, { act: editWeight('abc'), message: /^Enter a finite number$/, undo: closeWeightEditor });
  });

  test('a model spec with "ten" units', async () => {
    await modelRefused(ctx, spec({ input_dim: 2, layers: [{ units: 'ten' }], loss: 'mse' }), /layers\[0\]\.units must be an integer, got "ten"$/);
  });

  test('a model spec with input_dim 2.5', async () => {
    await modelRefused(ctx, spec({ input_dim: 2.5, layers: [{ units: 1 }], loss: 'mse' }), /input_dim must be an integer, got 2\.5$/);
  });

  test('a model file with a weight "x"', async () => {
    await modelRefused(ctx, modelFileWith('[{"kernel": [[1, 2, "x"], [4, 5, 6]], "bias": [0, 0, 0]}]'), /weights\[0\]\.kernel\[0\]\[2\] must be a number, got "x"$/);
  });

  test('a link with lr=abc', async () => {
    await linkRefused(`data=xor&${BUSY}&lr=abc`, `data=xor&${BUSY}`, /lr=abc: Learning rate must be a number; the default, 0\.001, is used/, 'bad-inputs-link');
  });
});

describe('B04 NaN and infinity', () => {
  // Not reachable: set_weights with a NaN, predict or layer outputs on infinite inputs (the page
  // computes those inputs itself, on a finite grid).
  const ctx = classPage(`data=xor&${BUSY}`);

  test('a CSV with NaN pasted', async () => {
    await refused(ctx, { act: pasteCsv('a,b\nNaN,1\n'), message: /^line 2, column 1 \("a"\): NaN is not allowed \(found "NaN"\)$/ });
  });

  test('a CSV with -inf uploaded', async () => {
    await refused(ctx, { act: uploadCsv('inf.csv', 'a,b\n1,-inf\n'), message: /^line 2, column 2 \("b"\): infinity is not allowed \(found "-inf"\)$/ });
  });

  test('a learning rate typed as NaN', async () => {
    await refused(ctx, { act: typeSetting('learningRate', 'NaN'), message: /^Learning rate must be a number$/, undo: escapeSetting('learningRate') });
  });

  test('a learning rate typed as Infinity', async () => {
    await refused(ctx, { act: typeSetting('learningRate', 'Infinity'), message: /^Learning rate must be a number$/, undo: escapeSetting('learningRate') });
  });

  test('a weight typed as NaN', async () => {
    await refused(ctx, { act: editWeight('NaN'), message: /^Enter a finite number$/, undo: closeWeightEditor });
  });

  test('a bias typed as -Infinity', async () => {
    await refused(ctx, { act: editWeight('-Infinity', true), message: /^Enter a finite number$/, undo: closeWeightEditor });
  });

  test('a table cell typed as Infinity', async () => {
    await refused(ctx, { act: editCell('Infinity', 1), message: /^a cell must be a number$/ });
  });

  test('a model file with a null weight', async () => {
    await modelRefused(ctx, modelFileWith('[{"kernel": [[null, 2, 3], [4, 5, 6]], "bias": [0, 0, 0]}]'), /weights\[0\]\.kernel\[0\]\[0\] is null; weights must be finite numbers \(JSON writers put null where a weight was NaN or infinite\)$/);
  });

  test('a Keras weights file with a null weight', async () => {
    const weights = structuredClone(GOOD_WEIGHTS);
    weights[2][1][0] = null;
    await modelRefused(ctx, TWO_LAYERS, /weights\.json: weights\[1\]\.kernel\[1\]\[0\] is null; weights must be finite numbers/, { weights: weightsFile(weights) });
  });

  test('a model spec with NaN written in its JSON', async () => {
    await modelRefused(ctx, spec('{"input_dim": NaN}'), /invalid JSON at byte 15 \(line 1, column 15\): syntax error while parsing value - invalid literal/);
  });

  test('a link whose data hold NaN', async () => {
    await linkRefused(`${BUSY}&data=custom&d=2x1:t:1,NaN,0`, BUSY, /d: value 2 \(row 1\) is not a finite number; the default, Article, is used instead/);
  });
});

describe('B05 Huge numbers', () => {
  // The page trains in float32 unless told otherwise: values past 3.40282e+38 are refused there.
  // Not reachable: evaluate() on other data than the trainer's (the page evaluates only the data
  // the trainer took), set_weights with a huge bias (the page sets one weight or bias at a time).
  const ctx = classPage(`data=xor&${BUSY}`);

  test('a CSV with 1e999 pasted', async () => {
    await refused(ctx, { act: pasteCsv('a,b\n1e999,1\n'), message: /^line 2, column 1 \("a"\): "1e999" is out of range for a double$/ });
  });

  test('a CSV with 1e-400 pasted', async () => {
    await refused(ctx, { act: pasteCsv('a,b\n1e-400,1\n'), message: /^line 2, column 1 \("a"\): "1e-400" is out of range for a double$/ });
  });

  test('a CSV with 1e300 in row 9 uploaded: too large for float32, and the row named is the CSV\'s', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => (i === 8 ? '1e300,0.5,1' : `${i / 10},${(i % 3) / 2},${i % 2}`));
    await refused(ctx, { act: uploadCsv('huge.csv', `x1,x2,label\n${rows.join('\n')}\n`), message: /^row 9, feature 1 is 1e\+300, too large for float32, whose largest value is 3\.40282e\+38$/ });
  });

  test('a learning rate typed as 1e30', async () => {
    await refused(ctx, { act: typeSetting('learningRate', '1e30'), message: /^Learning rate must be in \[1e-6, 1e\+6\]$/, undo: escapeSetting('learningRate') });
  });

  test('a weight typed as 1e39', async () => {
    await refused(ctx, { act: editWeight('1e39'), message: /^a weight of 1e\+39 is too large for float32, whose largest value is 3\.40282e\+38$/, undo: closeWeightEditor, shot: 'bad-inputs-weight-editor' });
  });

  test('a bias typed as -1e300', async () => {
    await refused(ctx, { act: editWeight('-1e300', true), message: /^a bias of -1e\+300 is too large for float32, whose largest value is 3\.40282e\+38$/, undo: closeWeightEditor });
  });

  test('a table cell typed as 1e39: the row named is the table\'s', async () => {
    await refused(ctx, { act: editCell('1e39', 0, 0), message: /^row 1, feature 1 is 1e\+39, too large for float32, whose largest value is 3\.40282e\+38$/ });
  });

  test('a model file with a weight of 1e300', async () => {
    await modelRefused(ctx, modelFileWith('[{"kernel": [[1e300, 2, 3], [4, 5, 6]], "bias": [0, 0, 0]}]'), /layer 1: a weight is too large for float32, whose largest value is 3\.40282e\+38$/);
  });

  test('a model spec with 1e400 in its JSON', async () => {
    await modelRefused(ctx, spec('{"input_dim": 1e400}'), /invalid JSON: number overflow parsing '1e400'$/);
  });

  test('a link with lr=1e30 and n=99999', async () => {
    await linkRefused(`data=xor&${BUSY}&lr=1e30&n=99999`, `data=xor&${BUSY}&n=200`, /lr=1e30: Learning rate must be in \[1e-6, 1e\+6\]; the default, 0\.001, is used.*n=99999: Points must be in \[4, 2000\]; the default, 200, is used|n=99999: Points must be in \[4, 2000\]; the default, 200, is used.*lr=1e30: Learning rate must be in \[1e-6, 1e\+6\]/);
  });
});

describe('B06 Wrong width', () => {
  // Not reachable: data whose width the network does not take (the page builds the input and
  // output layers from the data's columns); a weight or bias index outside its layer (the diagram
  // offers only the weights there are); set_weights for too few layers.
  const ctx = classPage(`data=xor&${BUSY}`);

  test('a model file that takes 3 inputs, for data of 2', async () => {
    await modelRefused(
      ctx,
      spec({ input_dim: 3, layers: [{ units: 1 }], loss: 'mse' }),
      /this model takes 3 inputs and gives 1 output, and none of the data at hand fits it \(the current data have 2 input columns\)\. Import a CSV with 3 input columns and 1 target column/,
    );
  });

  test('a model file with 2 biases for 3 units', async () => {
    await modelRefused(ctx, modelFileWith('[{"kernel": [[1, 2, 3], [4, 5, 6]], "bias": [0, 0]}]'), /weights\[0\]\.bias must have 3 values \(one per unit of layer 1 \("dense"\)\), got 2$/);
  });

  test('a Keras weights file with too few arrays', async () => {
    await modelRefused(ctx, TWO_LAYERS, /weights\.json has 3 arrays but this model needs 4: layer 1's kernel \(2 x 3\) and bias \(3\), layer 2's kernel \(3 x 1\) and bias \(1\)$/, { weights: weightsFile(GOOD_WEIGHTS.slice(0, 3)) });
  });

  test('a Keras weights file with a 2 x 2 kernel for a 2 x 3 layer', async () => {
    await modelRefused(ctx, TWO_LAYERS, /weights\.json: weights\[0\]\.kernel must be 2 x 3 \(inputs x units, Keras's orientation\) for layer 1 \("dense"\), got 2 rows of 2 or more values$/, { weights: weightsFile([[[1, 2], [4, 5]], [0, 0, 0], [[1], [2], [3]], [0]]), shot: 'bad-inputs-weights-file' });
  });

  test('a CSV whose every column is a target', async () => {
    await refused(ctx, { act: pasteCsv('a,b,c\n1,2,3\n', 3), message: /^no feature column is left once the targets are taken$/ });
  });
});

describe('B07 Labels out of range for the loss', () => {
  // Not reachable: test targets out of range alone (a loss is checked against all rows, training
  // and test, and the page picks the loss that fits new data); a table cell or CSV whose targets
  // do not fit the loss (the page then pairs a loss that fits, as a new dataset does).
  const ctx = classPage(`data=plane&${BUSY}`);

  /** The training row a message names shows that target in the predictions table. */
  async function rowHolds(message, pattern) {
    const [, row, value] = message.match(pattern);
    const cells = await ctx.page.locator('[data-testid=pred-row]:not(.is-test)').nth(Number(row) - 1).locator('td').allTextContents();
    const shown = Number(cells[1].replace('\u2212', '-'));
    assert.ok(Math.abs(Number(value) - shown) <= 0.0006, `training row ${row} of the predictions table shows target ${cells[1]}, the message says ${value}`);
  }

  test('binary cross-entropy chosen for regression targets', async () => {
    const pattern = /^training data: row (\d+), target 1 is (-?[\d.e+-]+); binary_crossentropy needs targets in \[0, 1\]$/;
    const message = await refused(ctx, { act: chooseSetting('loss', 'binary_crossentropy'), message: pattern, shot: 'bad-inputs-loss' });
    await rowHolds(message, pattern);
    assert.equal(await ctx.page.getByTestId('model-error').textContent(), `The engine refused this change: ${message}`);
  });

  test('sparse categorical cross-entropy chosen for regression targets', async () => {
    const pattern = /^training data: row (\d+): class (-?[\d.e+-]+) is not an integer in \[0, 1\] \(the output layer has 2 units\)$/;
    await rowHolds(await refused(ctx, { act: chooseSetting('loss', 'sparse_categorical_crossentropy'), message: pattern }), pattern);
  });

  test('a softmax output chosen for regression targets: nothing lost, and the drop-down shows the previous output', async () => {
    await refused(ctx, {
      act: async (page) => {
        await page.getByTestId('output-activation').selectOption('softmax');
        return page.getByTestId('model-error');
      },
      message: /^The engine refused this change: /,
      // The same words as the test above may still be on screen: wait until the engine has answered.
      undo: (page) => page.evaluate(() => window.__neurostep.spec()),
    });
    assert.equal(await ctx.page.getByTestId('output-activation').inputValue(), 'linear');
  });

  test(
    'a softmax output chosen for regression targets: the message says why',
    async () => {
      await refused(ctx, {
        act: async (page) => {
          await page.getByTestId('output-activation').selectOption('softmax');
          return page.getByTestId('model-error');
        },
        message: /softmax/,
      });
    },
  );

  test(
    'a link with binary cross-entropy for regression data',
    async () => {
      await linkRefused(`data=sine&${BUSY}&loss=binary_crossentropy`, `data=sine&${BUSY}`, /loss=binary_crossentropy/);
    },
  );
});

describe('B08 A single class', () => {
  // Not reachable: a sparse categorical loss over 1 output unit from the controls (the page gives
  // that loss one unit per class, at least 2).
  const ctx = classPage(`data=xor&${BUSY}`);

  test('categorical cross-entropy chosen for one target column', async () => {
    await refused(ctx, { act: chooseSetting('loss', 'categorical_crossentropy'), message: /^categorical_crossentropy needs an output layer of at least 2 units \(one per class\), got 1$/ });
  });

  test('categorical cross-entropy chosen again: the same message, and the drop-down goes back again', async () => {
    await refused(ctx, {
      act: chooseSetting('loss', 'categorical_crossentropy'),
      message: /^categorical_crossentropy needs an output layer of at least 2 units \(one per class\), got 1$/,
      // The message is on screen from the first time: wait until the engine has answered.
      undo: (page) => page.evaluate(() => window.__neurostep.spec()),
    });
    assert.equal(await ctx.page.getByTestId('field-loss').locator('select').inputValue(), 'binary_crossentropy');
  });

  test('a model spec with softmax over 1 unit', async () => {
    await modelRefused(ctx, spec({ input_dim: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'softmax' }], loss: 'binary_crossentropy' }), /layer 2: softmax over a single unit always outputs 1; use sigmoid for one output$/);
  });

  test('a model spec with sparse categorical cross-entropy over 1 unit', async () => {
    await modelRefused(ctx, spec({ input_dim: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], loss: 'sparse_categorical_crossentropy' }), /sparse_categorical_crossentropy needs an output layer of at least 2 units \(one per class\), got 1$/);
  });

  test('a CSV whose every label is 1 is accepted and trains', async () => {
    const { page, errors } = ctx;
    await pasteCsv('a,b,label\n0,0,1\n0,1,1\n1,0,1\n1,1,1\n0.5,0.5,1\n0.2,0.8,1\n')(page);
    await page.waitForFunction(() => window.__neurostep.settings().dataset === 'custom' && window.__neurostep.dataset().rows === 6);
    assert.equal(await page.getByTestId('csv-error').count(), 0);
    const loaded = await engineState(page);
    assert.deepEqual(loaded.dataset.y, [1, 1, 1, 1, 1, 1]);
    assert.deepEqual([loaded.spec.loss, loaded.spec.layers.at(-1).activation], ['binary_crossentropy', 'sigmoid']);
    await keepsWorking(page, loaded);
    await page.getByTestId('epoch').click();
    await page.getByTestId('epoch').click();
    await page.waitForFunction(() => window.__neurostep.snapshot().epoch >= 2);
    assert.ok(Number.isFinite((await engineState(page)).snapshot.loss));
    assert.deepEqual(errors, []);
  });
});

describe('B09 Zero or absurd layer sizes', () => {
  // The page's own control cannot express 0 or more than 32 neurons: the stepper's buttons stop
  // there (tested below). A model file or a link can.
  const ctx = classPage(`data=xor&n=40&test=0.25&u=1,32&a=tanh,relu`);

  test('the neuron stepper stops at 1 and at 32', async () => {
    const { page } = ctx;
    assert.equal(await page.getByTestId('units-minus-1').isDisabled(), true);
    assert.equal(await page.getByTestId('units-plus-1').isDisabled(), false);
    assert.equal(await page.getByTestId('units-plus-2').isDisabled(), true);
    assert.equal(await page.getByTestId('units-minus-2').isDisabled(), false);
  });

  test('a model spec with a layer of 0 units', async () => {
    await modelRefused(ctx, spec({ input_dim: 2, layers: [{ units: 0 }], loss: 'mse' }), /layers\[0\]\.units must be between 1 and 4096, got 0$/);
  });

  test('a model spec with a layer of 5000 units', async () => {
    await modelRefused(ctx, spec({ input_dim: 2, layers: [{ units: 5000 }, { units: 1 }], loss: 'mse' }), /layers\[0\]\.units must be between 1 and 4096, got 5000$/);
  });

  test('a model spec with input_dim 0', async () => {
    await modelRefused(ctx, spec({ input_dim: 0, layers: [{ units: 1 }], loss: 'mse' }), /input_dim must be between 1 and 4096, got 0$/);
  });

  test('a link with a hidden layer of 0 neurons', async () => {
    await linkRefused('data=xor&n=40&test=0.25&u=0&a=relu', 'data=xor&n=40&test=0.25&u=4&a=relu', /u \(hidden layer 1\)=0: Neurons must be in \[1, 32\]; the default, 4, is used/);
  });

  test('a link with a hidden layer of 5000 neurons', async () => {
    await linkRefused('data=xor&n=40&test=0.25&u=3,5000&a=relu,tanh', 'data=xor&n=40&test=0.25&u=3,4&a=relu,tanh', /u \(hidden layer 2\)=5000: Neurons must be in \[1, 32\]; the default, 4, is used/);
  });
});

describe('B10 Absurd learning rates (and other settings)', () => {
  // Not reachable: epochs of -1 (the page trains one step or epoch at a time, or plays).
  const ctx = classPage(`data=plane&${BUSY}&opt=sgd&lr=0.01`);

  test('a learning rate typed as -1', async () => {
    await refused(ctx, { act: typeSetting('learningRate', '-1'), message: /^Learning rate must be in \[1e-6, 1e\+6\]$/, undo: escapeSetting('learningRate') });
  });

  test('a learning rate typed as 0', async () => {
    await refused(ctx, { act: typeSetting('learningRate', '0'), message: /^Learning rate must be in \[1e-6, 1e\+6\]$/, undo: escapeSetting('learningRate') });
  });

  test('a momentum typed as 1', async () => {
    await refused(ctx, { act: typeSetting('momentum', '1'), message: /^Momentum must be in \[0, 1\)$/, undo: escapeSetting('momentum') });
  });

  test('a batch size typed as 0', async () => {
    await refused(ctx, { act: typeSetting('batchSize', '0'), message: /^Batch size must be in \[1, 1e\+6\]$/, undo: escapeSetting('batchSize') });
  });

  test('a batch size typed as -5', async () => {
    await refused(ctx, { act: typeSetting('batchSize', '-5'), message: /^Batch size must be in \[1, 1e\+6\]$/, undo: escapeSetting('batchSize') });
  });

  test('a model spec with learning_rate -1', async () => {
    await modelRefused(ctx, spec({ input_dim: 2, layers: [{ units: 1 }], loss: 'mse', optimizer: { name: 'sgd', learning_rate: -1 } }), /optimizer: learning_rate must be a positive number, got -1$/);
  });

  test('a learning rate of 1e6, the limit itself, is accepted', async () => {
    const { page, errors } = ctx;
    const input = page.getByTestId('field-learningRate').locator('input');
    await input.fill('1e6');
    await input.press('Enter');
    await page.waitForFunction(async () => (await window.__neurostep.spec()).optimizer.learning_rate === 1e6);
    assert.equal(await page.getByTestId('field-learningRate').locator('.field__error').count(), 0);
    await input.fill('0.01');
    await input.press('Enter');
    await page.waitForFunction(async () => (await window.__neurostep.spec()).optimizer.learning_rate === 0.01);
    assert.deepEqual(errors, []);
  });

  test('a link with lr=-1 and batch=0', async () => {
    await linkRefused(`data=plane&${BUSY}&opt=sgd&lr=-1&batch=0`, `data=plane&${BUSY}&opt=sgd&lr=0.001`, /lr=-1: Learning rate must be in \[1e-6, 1e\+6\]; the default, 0\.001, is used.*batch=0: Batch size must be in \[1, 1e\+6\]; the default, 1, is used/);
  });
});

describe('B11 Invalid or truncated JSON', () => {
  // Not reachable: a spec that is a JSON array (only the file loader reads JSON, and an array is
  // "not a model" there, tested below); a lone UTF-16 surrogate (a file is read as UTF-8 text).
  const ctx = classPage(`data=xor&${BUSY}`);

  test('a saved model file cut in half', async () => {
    const { page } = ctx;
    await page.getByTestId('share-toggle').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-model').click()]);
    const text = readFileSync(await download.path(), 'utf8');
    assert.equal(JSON.parse(text).format, 'neurostep-model');
    await modelRefused(ctx, spec(text.slice(0, Math.floor(text.length / 2)), 'neurostep-model.json'), /invalid JSON at byte \d+ \(line \d+, column \d+\): syntax error while parsing/, { shot: 'bad-inputs-model-file' });
  });

  test('a model spec in single quotes', async () => {
    await modelRefused(ctx, spec("{'input_dim': 2}"), /invalid JSON at byte 2 \(line 1, column 2\): syntax error while parsing object key/);
  });

  test('a JSON object that is no model', async () => {
    await modelRefused(ctx, spec({ hello: 1 }), /not a model: expected a NeuroStep model file \(with "format"\), a Keras model\.to_json\(\) document \(with "class_name"\) or a model spec/);
  });

  test('a JSON array for a model', async () => {
    await modelRefused(ctx, spec([1, 2]), /a model must be a JSON object, got an array$/);
  });

  test('a model file of version 2', async () => {
    await modelRefused(ctx, spec({ format: 'neurostep-model', version: 2 }), /version 2 is not supported; this NeuroStep reads version 1$/);
  });

  test('a weights file that is not JSON', async () => {
    await modelRefused(ctx, TWO_LAYERS, /weights\.json is not JSON: /, { weights: weightsFile(JSON.stringify(GOOD_WEIGHTS).slice(0, -1)) });
  });

  test('a link with a broken %-escape', async () => {
    await linkRefused(`data=xor&${BUSY}&lr=%E0%A4%A`, `data=xor&${BUSY}`, /lr=%E0%A4%A is not readable \(a broken %-escape\); ignored/);
  });
});

describe('B12 Keras models NeuroStep cannot take', () => {
  const ctx = classPage(`data=xor&${BUSY}`);

  test('a Keras model with an LSTM layer', async () => {
    await modelRefused(ctx, fixture('unsupported_lstm.json'), /layer 3 \("lstm"\): unsupported layer class "LSTM"; NeuroStep imports Sequential models of Dense, Dropout, .* layers \(and an InputLayer\)$/);
  });

  test('a functional Keras model', async () => {
    await modelRefused(ctx, fixture('functional_model.json'), /unsupported model class "Functional"; NeuroStep imports Sequential models of Dense, Dropout/);
  });

  test('a Keras model with activation sparsemax', async () => {
    await modelRefused(ctx, spec(kerasModel([{ class_name: 'Dense', config: { name: 'dense', units: 1, activation: 'sparsemax' } }])), /layer 2 \("dense"\): unsupported activation "sparsemax"; NeuroStep supports linear, relu/);
  });

  test('a Keras model with a frozen layer', async () => {
    await modelRefused(ctx, spec(kerasModel([kerasDense('dense', 1, { trainable: false })])), /layer 2 \("dense"\): trainable is false \(a frozen layer\), which NeuroStep does not support$/);
  });

  test('a Keras model with a kernel constraint', async () => {
    await modelRefused(ctx, spec(kerasModel([kerasDense('dense', 1, { kernel_constraint: { class_name: 'RadialConstraint', config: {} } })])), /layer 2 \("dense"\): unsupported kernel_constraint "RadialConstraint"/);
  });

  test('a Keras model compiled with Nadam', async () => {
    await modelRefused(ctx, spec(kerasModel([kerasDense('dense', 1)], { compile_config: { loss: 'mse', optimizer: 'nadam' } })), /compile_config\.optimizer: unsupported optimizer "nadam"; NeuroStep has SGD, Adam, RMSprop and Adagrad$/);
  });

  test('a weights file given with a NeuroStep model file', async () => {
    await modelRefused(ctx, modelFileWith('[{"kernel": [[1, 2, 3], [4, 5, 6]], "bias": [0, 0, 0]}]'), /a weights file goes with a Keras model\.to_json\(\) architecture; neurostep-model\.json is a NeuroStep model file, which holds its own weights$/, { weights: weightsFile([[[1, 2, 3], [4, 5, 6]], [0, 0, 0]]) });
  });
});

describe('B13 Unknown names', () => {
  // The page's drop-downs offer only the names there are; a model file, a CSV's target columns
  // and a link can name others.
  const ctx = classPage(`data=xor&${BUSY}`);

  test('a model spec with activation sparsemax', async () => {
    await modelRefused(ctx, spec({ input_dim: 2, layers: [{ units: 1, activation: 'sparsemax' }], loss: 'mse' }), /layers\[0\]\.activation: unknown activation 'sparsemax'; valid names are: linear, relu/);
  });

  test('a model spec with initializer orthogonal', async () => {
    await modelRefused(ctx, spec({ input_dim: 2, layers: [{ units: 1, kernel_initializer: 'orthogonal' }], loss: 'mse' }), /layers\[0\]\.kernel_initializer: unknown initializer 'orthogonal'; valid names are: glorot_uniform/);
  });

  test('a model spec with loss hinge', async () => {
    await modelRefused(ctx, spec({ input_dim: 2, layers: [{ units: 1 }], loss: 'hinge' }), /loss: unknown loss 'hinge'; valid names are: mean_squared_error/);
  });

  test('a model spec with optimizer nadam', async () => {
    await modelRefused(ctx, spec({ input_dim: 2, layers: [{ units: 1 }], loss: 'mse', optimizer: 'nadam' }), /optimizer: unknown optimizer 'nadam'; valid names are: sgd, adam, rmsprop, adagrad$/);
  });

  test('a model spec with a misspelt key', async () => {
    await modelRefused(ctx, spec({ input_dim: 2, layers: [{ unit: 1 }], loss: 'mse' }), /layers\[0\]: unknown key "unit"; valid keys are units, activation/);
  });

  test('a CSV with more target columns than it has', async () => {
    await refused(ctx, { act: pasteCsv('a,b,c\n1,2,3\n', 5), message: /^5 target columns were asked for, but the CSV has only 3 columns$/ });
  });

  test('a link with activation swish, optimizer nadam and loss hinge', async () => {
    await linkRefused(
      `data=xor&n=40&test=0.25&u=5&a=sparsemax&opt=nadam&loss=hinge`,
      `data=xor&n=40&test=0.25&u=5&a=relu`,
      /loss=hinge: Loss: choose one of binary cross-entropy.*opt=nadam: Optimizer: choose one of Adam, SGD, RMSprop, Adagrad.*a \(hidden layer 1\)=sparsemax: Activation: choose one of ReLU/,
    );
  });
});

describe('B14 Diverging training', () => {
  const HASH = `data=plane&${BUSY}&opt=sgd&lr=0.01`;
  const ctx = classPage(HASH, 0);

  async function typeLearningRate(page, value) {
    const input = page.getByTestId('field-learningRate').locator('input');
    await input.fill(String(value));
    await input.press('Enter');
    await page.waitForFunction(async (lr) => (await window.__neurostep.spec()).optimizer.learning_rate === lr, value);
  }

  /** Trains to a checkpoint (steps more than 200 ms apart take one), then diverges with lr 1e6. */
  async function diverge(page) {
    const start = (await engineState(page)).snapshot.iterations;
    for (let i = 1; i <= 3; ++i) {
      await page.waitForTimeout(250);
      await page.getByTestId('step').click();
      await page.waitForFunction((n) => window.__neurostep.snapshot().iterations === n, start + i);
    }
    const good = await engineState(page);
    await typeLearningRate(page, 1e6);
    // The loss may first only explode (training may go on), then the numbers overflow.
    for (let i = 0; i < 10 && (await engineState(page)).snapshot.diverged !== 'nan'; ++i) {
      const seq = (await engineState(page)).snapshot.seq;
      await page.getByTestId('epoch').click();
      await page.waitForFunction((n) => window.__neurostep.snapshot().seq > n, seq);
    }
    const banner = await textMatching(page.getByTestId('divergence'), /^Training diverged at epoch/);
    return { good, banner };
  }

  test('SGD with a learning rate of 1e6 diverges: the page stops, says so, and Restore brings back the last good weights', async () => {
    const { page, errors } = ctx;
    const { good, banner } = await diverge(page);
    assert.match(banner, /Training diverged at epoch 1, step \d+: the loss or a weight became infinite or NaN \(not a number\)\..*Try a lower learning rate \(say 100000 instead of 1000000\), then restore the last good weights\./);
    await screenshot(page, 'bad-inputs-diverged');
    const diverged = await engineState(page);
    assert.equal(diverged.snapshot.diverged, 'nan');
    for (const id of ['step', 'epoch', 'play']) assert.equal(await page.getByTestId(id).isDisabled(), true, `${id} is disabled while diverged`);
    // Nothing else changed: the settings (but the learning rate typed), layers and data.
    assert.deepEqual(diverged.settings, { ...good.settings, learningRate: 1e6 });
    assert.deepEqual([diverged.hidden, diverged.dataset], [good.hidden, good.dataset]);

    await typeLearningRate(page, 0.01);
    await page.getByTestId('restore').click();
    await page.getByTestId('divergence').waitFor({ state: 'detached' });
    const restored = await engineState(page);
    assert.deepEqual(withoutSeq(restored), withoutSeq(good), 'the last good weights, counters and settings are back');
    await noInternalError(page);
    await keepsWorking(page, restored);
    assert.deepEqual(errors, []);
  });

  test('a diverged model, saved and loaded back, is refused, and the page stays as it was', async () => {
    // A page of its own, so that training takes the same course as above, to NaN weights (the
    // loss can overflow first, with weights still finite: such a file loads).
    const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#${HASH}`);
    const { good } = await diverge(page);
    const diverged = await engineState(page);
    const shown = await controls(page);
    await page.getByTestId('share-toggle').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-model').click()]);
    const text = readFileSync(await download.path(), 'utf8');
    assert.match(text, /null/, 'the diverged weights are saved as null');
    await textMatching(await loadModel(spec(text, 'diverged.json'))(page), /^This model cannot be loaded: weights\[\d+\]\.(kernel|bias)(\[\d+\])+ is null; weights must be finite numbers \(JSON writers put null where a weight was NaN or infinite\)$/);
    await closeLoadDialog(page);
    assert.deepEqual(await engineState(page), diverged, 'still the diverged trainer, untouched');
    assert.deepEqual(await controls(page), shown);
    await page.getByTestId('divergence').waitFor();
    await typeLearningRate(page, 0.01);
    await page.getByTestId('restore').click();
    await page.getByTestId('divergence').waitFor({ state: 'detached' });
    const restored = await engineState(page);
    assert.deepEqual(restored.snapshot.weights, good.snapshot.weights);
    await noInternalError(page);
    await keepsWorking(page, restored);
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe('B15 Memory limits', () => {
  // Not reachable in a test of reasonable size: CSV or JSON text over 256 MB, a dataset of over
  // 50 million values, the WebAssembly heap unable to grow. The page's own controls stop at 6
  // hidden layers of 32 neurons (tested below: the Add button is disabled at 6).
  const ctx = classPage(`data=xor&n=40&test=0.25&u=2,2,2,2,2,2`);

  test('the Add-layer button is disabled at 6 hidden layers', async () => {
    assert.equal(await ctx.page.getByTestId('add-layer').isDisabled(), true);
  });

  test('a CSV row of 4097 fields pasted', async () => {
    await refused(ctx, { act: pasteCsv(`${','.repeat(4096)}\n`), message: /^line 1 has 4097 fields; the limit is 4096 columns$/ });
  });

  test('a CSV of 1,000,001 rows uploaded', async () => {
    await refused(ctx, { act: uploadCsv('big.csv', `a,b\n${'0,1\n'.repeat(1_000_001)}`), message: /^the CSV has more than 1000000 data rows, the limit$/ });
    assert.match(await ctx.page.getByTestId('csv-big-file').textContent(), /big\.csv \(4\.0 MB\) is too long to show here/);
  });

  test('a model spec of 33562624 parameters', async () => {
    await modelRefused(ctx, spec({ input_dim: 4096, layers: [{ units: 4096 }, { units: 4096 }], loss: 'mse' }), /the model has 33562624 parameters; the limit is 20000000$/);
  });

  test('a model spec of 33 layers', async () => {
    await modelRefused(ctx, spec({ input_dim: 1, layers: Array(33).fill({ units: 1 }), loss: 'mse' }), /layers has 33 entries; the limit is 32$/);
  });

  test('a link with 7 hidden layers', async () => {
    await linkRefused('data=xor&n=40&test=0.25&u=1,1,1,1,1,1,1', 'data=xor&n=40&test=0.25', /the link has 7 hidden layers, more than the 6 this page shows; the default layers are used/);
  });

  test('a link whose data have 4097 columns', async () => {
    await linkRefused(`${BUSY}&data=custom&d=4097x1:t:1`, BUSY, /d: 4097 features and 1 targets: each must be between 1 and 4096/);
  });
});
