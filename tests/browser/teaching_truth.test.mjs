// Issue 19: teaching that is never wrong. Each test reproduces one point of the issue through
// the page's behaviour: what it shows (text, formulas as KaTeX keeps their TeX, bounding
// boxes), what its controls do, and the engine's numbers it shows (the debug hook's trace).
// Sentences that make a claim about values are checked against the values beside them.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { counter, openPlayground, screenshot, startBrowser, textMatching } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof startBrowser>>} */
let browser;
before(async () => {
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
});

// ---- reading the Teach view ---------------------------------------------------------------------

const trace = (page) => page.evaluate(() => window.__neurostep.teachingTrace());

async function waitStep(page, k) {
  await page.waitForFunction((k) => document.querySelector('[data-testid=teaching]')?.dataset.step === String(k) && window.__neurostep.teachingTrace()?.index === k, k);
}

async function goTo(page, k) {
  await page.getByTestId(`step-${k}`).click();
  await waitStep(page, k);
}

/** The same, through the button's click handler (for views where its place is tested apart). */
async function goToDirect(page, k) {
  await page.getByTestId(`step-${k}`).dispatchEvent('click');
  await waitStep(page, k);
}

/** A Teach link opened, on its first step (the batch Step would take when `batch`). */
async function openTeach(context, url, { batch = false, viewport } = {}) {
  const opened = await openPlayground(context, url, { viewport });
  const { page } = opened;
  await page.getByTestId('teaching').waitFor();
  await page.waitForFunction(() => window.__neurostep.teachingTrace() !== null);
  if (batch) {
    await page.getByTestId('teach-source').selectOption('batch');
    await page.waitForFunction(() => {
      const t = window.__neurostep.teachingTrace();
      return t && t.source.kind === 'batch' && t.index === 0;
    });
  }
  return opened;
}

/** TeX as KaTeX keeps it, with \htmlData{...}{x} replaced by x. */
const plainTex = (tex) => tex.replace(/\\htmlData\{[^}]*\}\{([^{}]*)\}/g, '$1');

/**
 * What the step on screen says: its blocks (label, the TeX of each formula, the note), every
 * sentence of the Teach view outside formulas and tables, and the trace of the step.
 */
async function readStep(page) {
  const shown = await page.evaluate(() => {
    const root = document.querySelector('[data-testid=teaching]');
    // Text outside formulas, one piece per element, so that a heading and a note stay apart.
    const words = (el) => {
      const parts = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) parts.push(n.textContent);
      return parts.join(' ').replace(/\s+/g, ' ').trim();
    };
    const blocks = [...document.querySelectorAll('[data-testid=teach-formulas] > *')].map((b) => {
      const tex = [...b.querySelectorAll('annotation[encoding="application/x-tex"]')].map((a) => a.textContent);
      const copy = b.cloneNode(true);
      copy.querySelectorAll('.katex').forEach((k) => k.remove());
      return { tex, text: words(copy) };
    });
    const copy = root.cloneNode(true);
    copy.querySelectorAll('.katex, table, select, option, svg').forEach((k) => k.remove());
    const svgText = [...root.querySelectorAll('svg text')].map((t) => t.textContent).join(' ');
    const title = [...root.querySelectorAll('[title]')].map((e) => e.getAttribute('title')).join(' ');
    return { blocks, text: words(copy), svgText, title };
  });
  return { ...shown, view: await trace(page) };
}

/** Every step of one pass, read (and, at the loss, once more focused on another output). */
async function walkSteps(page) {
  const first = await trace(page);
  const records = [];
  for (let k = 0; k <= first.total; ++k) {
    if (k > 0) await goTo(page, k);
    records.push(await readStep(page));
    const v = records[records.length - 1].view;
    const out = v.layers[v.layers.length - 1];
    if (v.phase.kind === 'loss' && out.units > 1) {
      // Another output neuron: the formulas follow the clicked one.
      const target = targetOf(v, 0);
      const other = [...Array(out.units).keys()].find((u) => u !== target) ?? 1;
      await page.locator(`[data-testid=teach-col-${v.layers.length}] rect[data-u="${other}"]`).click({ force: true });
      await page.waitForTimeout(100);
      records.push({ ...(await readStep(page)), focusOutput: other });
      await page.locator(`[data-testid=teach-col-${v.layers.length}] rect[data-u="${other}"]`).click({ force: true });
    }
  }
  return records;
}

/** The class of sample s (index into the outputs) for one-hot or sparse targets. */
function targetOf(v, s) {
  const y = v.batch.y;
  if (v.spec.loss === 'sparse_categorical_crossentropy') return y.data[s * y.rows];
  for (let k = 0; k < y.rows; ++k) if (y.data[k + s * y.rows] === 1) return k;
  return 0;
}

const allTex = (r) => r.blocks.flatMap((b) => b.tex);
const allText = (r) => `${r.text} ${r.svgText}`;

// ---- the configurations a test walks --------------------------------------------------------------

const ONE_HOT = 'data=custom&d=2x3:t:0,0,1,0,0,1,0,0,1,0,0,1,0,0,1,1,1,0,1,0,.5,.2,1,0,0,.2,.9,0,0,1';
/** Every loss, activation and optimizer, at batch sizes 1 and 4. */
const CONFIGS = [
  { name: 'article, adam, batch 1', hash: '' },
  { name: 'moons, sigmoid + binary cross-entropy, sgd, batch 4, relu/leaky relu', hash: 'data=moons&n=40&opt=sgd&lr=0.1&batch=4&u=4,3&a=relu,leaky_relu', batch: true },
  { name: 'moons, adam with beta_1 0.99 and beta_2 0.5 (alpha above eta), batch 4, elu/softplus', hash: 'data=moons&n=40&opt=adam&b1=0.99&b2=0.5&batch=4&u=4,3&a=elu,softplus', batch: true },
  { name: 'sine, linear + mse, rmsprop with momentum, batch 4, tanh/sigmoid', hash: 'data=sine&n=40&out=linear&loss=mean_squared_error&opt=rmsprop&mom=0.5&batch=4&u=4,3&a=tanh,sigmoid', batch: true },
  { name: 'xor, sigmoid + mae, adagrad, batch 1, linear/softplus', hash: 'data=xor&n=40&out=sigmoid&loss=mean_absolute_error&opt=adagrad&u=4,3&a=linear,softplus' },
  { name: 'xor, tanh + binary cross-entropy (clipped), sgd nesterov, batch 1', hash: 'data=xor&n=40&out=tanh&loss=binary_crossentropy&opt=sgd&mom=0.9&nest=true&u=4&a=relu' },
  { name: 'spiral, softmax + sparse categorical, adam amsgrad, batch 4', hash: 'data=spiral&n=60&out=softmax&loss=sparse_categorical_crossentropy&opt=adam&ams=true&batch=4&u=5&a=tanh', batch: true },
  { name: 'one-hot, softmax + categorical cross-entropy, sgd, batch 1', hash: `${ONE_HOT}&out=softmax&loss=categorical_crossentropy&opt=sgd&u=4&a=relu` },
  { name: 'one-hot, softmax + categorical cross-entropy, rmsprop, batch 4', hash: `${ONE_HOT}&out=softmax&loss=categorical_crossentropy&opt=rmsprop&batch=4&u=4&a=sigmoid`, batch: true },
  { name: 'one-hot, softmax + mse (no combined form), adam, batch 1', hash: `${ONE_HOT}&out=softmax&loss=mean_squared_error&opt=adam&u=4&a=softmax` },
];

/** The walks, each taken once and shared by the tests that read them. */
let walked = null;
function walks() {
  walked ??= (async () => {
    const out = [];
    for (const c of CONFIGS) {
      const { page, errors } = await openTeach(browser.context, `${browser.baseUrl}#${c.hash}${c.hash ? '&' : ''}mode=teach`, { batch: c.batch });
      try {
        out.push({ config: c, records: await walkSteps(page), errors });
      } finally {
        await page.close();
      }
    }
    return out;
  })();
  return walked;
}

/** The numbers a TeX formula plugs in: {src, value} of each \htmlData. */
const texNumbers = (tex) => [...tex.matchAll(/\\htmlData\{(?:src=([^,}]+), )?value=([^}]+)\}/g)].map((m) => ({ src: m[1] ?? null, value: Number(m[2]) }));

const isAdamUpdate = (r) => r.view.phase.kind === 'update' && r.view.spec.optimizer.name === 'adam';

// ---- 1. every sentence true of its numbers ----------------------------------------------------------

describe('issue 19: every sentence Teach mode shows is true of the numbers beside it', () => {
  test("Adam's update step says how α compares with η, and says it truly (#mode=teach&step=8 and an α above η)", async () => {
    for (const { config, records } of await walks()) {
      for (const r of records.filter(isAdamUpdate)) {
        const l = r.view.phase.layer;
        const alpha = r.view.layers[l].stepScalars.alpha;
        const eta = r.view.spec.optimizer.learning_rate;
        const sentences = allText(r).split(/(?<=[.:;])\s+/).filter((s) => /α/.test(s) && /η/.test(s) && /(larger|smaller|greater|less|above|below|bigger)/.test(s));
        assert.ok(sentences.length > 0, `${config.name}, step ${r.view.index}: a sentence says how α (${alpha}) compares with η (${eta})`);
        for (const s of sentences) {
          const saysLarger = /α.*?(larger|greater|above|bigger) than η/.test(s);
          const saysSmaller = /α.*?(smaller|less|below) than η/.test(s);
          assert.ok(saysLarger || saysSmaller, `${config.name}: "${s}" compares α with η`);
          assert.equal(saysLarger, alpha > eta, `${config.name}, step ${r.view.index}: "${s}", but α = ${alpha} and η = ${eta}`);
        }
      }
    }
    // The issue's own link: the article network's first update, where α = 0.0003162 < η = 0.001.
    const { page } = await openTeach(browser.context, `${browser.baseUrl}#mode=teach&step=8`);
    await waitStep(page, 8);
    const r = await readStep(page);
    assert.ok(!/α is larger than η/.test(allText(r)), `the article's step 8 must not say α is larger than η (α = ${r.view.layers[0].stepScalars.alpha})`);
    await page.close();
  });

  test('Adam first-step and ReLU claims hold for the values shown', async () => {
    for (const { config, records } of await walks()) {
      for (const r of records) {
        // "every weight with a gradient moves by almost exactly η": each weight of the layer with
        // a gradient clearly above epsilon's reach.
        if (isAdamUpdate(r) && /almost exactly η/.test(allText(r))) {
          const l = r.view.phase.layer;
          const layer = r.view.layers[l];
          const eta = r.view.spec.optimizer.learning_rate;
          layer.dW.data.forEach((g, k) => {
            if (Math.abs(g) > 1e-3) assert.ok(Math.abs(Math.abs(layer.deltaW.data[k]) - eta) < 0.01 * eta, `${config.name}: weight ${k} with gradient ${g} moved by ${layer.deltaW.data[k]}, not about η = ${eta}`);
          });
        }
        // "because z = v > 0" (or ≤ 0) beside ReLU's slope.
        for (const tex of allTex(r)) {
          for (const m of tex.matchAll(/value=([^}]+)\}\{[^{}]*\}\s*(>|\\le)\s*0/g)) {
            const v = Number(m[1]);
            assert.equal(m[2] === '>' ? v > 0 : v <= 0, true, `${config.name}, step ${r.view.index}: ${plainTex(tex)} with z = ${v}`);
          }
        }
      }
    }
  });

  test('batch size 4: the numbers carry the 1/B factor the symbols show, and B is defined', async () => {
    for (const { config, records } of await walks()) {
      for (const r of records) {
        const B = r.view.rows.length;
        if (B === 1) continue;
        const tex = allTex(r).map(plainTex);
        const usesB = tex.some((t) => /\\frac\{1\}\{B\}|\\frac\{1\}\{KB\}|\\frac\{2\}\{KB\}|\\frac\{1\}\{B\\,S\}/.test(t));
        if (!usesB) continue;
        const where = `${config.name}, step ${r.view.index} (${r.view.phase.kind})`;
        const defined = [...tex, allText(r)].some((t) => new RegExp(`\\bB\\s*=\\s*${B}\\b`).test(t));
        assert.ok(defined, `${where}: the formulas use B; the step says B = ${B} (the rows in the batch)`);
        // Each symbolic line with 1/B has its numbers line with 1/4 (matched by the left-hand side).
        const [symbols, numbers] = [r.blocks[0]?.tex.map(plainTex) ?? [], r.blocks.slice(1).flatMap((b) => b.tex.map(plainTex))];
        for (const s of symbols.filter((t) => /\\frac\{1\}\{B\}/.test(t))) {
          const lhs = s.split('=')[0].trim();
          const line = numbers.find((n) => n.trim().startsWith(lhs));
          if (line) assert.match(line, new RegExp(`\\\\frac\\{1\\}\\{${B}\\}|\\\\tfrac\\{1\\}\\{${B}\\}|1/${B}`), `${where}: "${s}" shows 1/B; its numbers "${line}" must show 1/${B}`);
        }
        // A sentence that gives ∂L/∂z = ŷ − y for a batch must keep the 1/B.
        for (const s of allText(r).split(/(?<=\.)\s+/).filter((x) => /L\/[∂d]z\s*=\s*ŷ\s*−\s*y/.test(x))) {
          assert.match(s, /1\/B|\(1\/B\)|\/B\b/, `${where}: "${s}" drops the 1/B of a batch of ${B}`);
        }
      }
    }
  });

  test('softmax + categorical cross-entropy: ∂L/∂ŷ of the other outputs in the form the numbers use, and why it is 1/B', async () => {
    let seen = 0;
    for (const { config, records } of await walks()) {
      for (const r of records.filter((x) => x.focusOutput !== undefined && x.view.spec.loss === 'categorical_crossentropy')) {
        seen++;
        const B = r.view.rows.length;
        const k = r.focusOutput;
        const L = r.view.layers.length;
        const grad = r.blocks.find((b) => b.tex.some((t) => plainTex(t).includes(`\\partial L/\\partial \\hat y_{${k + 1}}`)));
        assert.ok(grad, `${config.name}: the loss step shows ∂L/∂ŷ of output ${k + 1} (not the target)`);
        const line = grad.tex.find((t) => plainTex(t).includes(`\\partial L/\\partial \\hat y_{${k + 1}}`));
        const nums = texNumbers(line);
        // The numbers it plugs in: the output's ŷ and y (the form the numbers use), then the result.
        assert.ok(nums.some((n) => n.src?.startsWith(`layers.${L - 1}.a`)), `${config.name}: "${plainTex(line)}" plugs in ŷ`);
        assert.ok(nums.some((n) => n.src?.startsWith('batch.y')), `${config.name}: "${plainTex(line)}" plugs in y`);
        const result = nums.find((n) => n.src?.startsWith('loss.dA'));
        assert.ok(result && Math.abs(result.value - 1 / B) < 1e-6, `${config.name}: ∂L/∂ŷ of a non-target output is 1/B = ${1 / B} in Keras's normalised form (got ${result?.value})`);
        // One sentence on why: Keras divides ŷ by its sum before taking the log.
        assert.match(grad.text, /(normalis|divides ŷ by|sum of ŷ|Σ ?ŷ)/, `${config.name}: the step says why ∂L/∂ŷ is 1/B for the other outputs (Keras's normalised form); it says "${grad.text}"`);
      }
    }
    assert.ok(seen >= 2, 'walked categorical cross-entropy at batch sizes 1 and 4');
  });

  test("binary cross-entropy: the note states only the form actually used (logits or clipping)", async () => {
    let logits = 0, clipped = 0;
    for (const { config, records } of await walks()) {
      for (const r of records.filter((x) => x.view.phase.kind === 'loss' && x.view.spec.loss === 'binary_crossentropy')) {
        const text = allText(r);
        if (r.view.loss.dzFromLogits) {
          logits++;
          assert.match(text, /from (the logits|z)/, `${config.name}: the note says the loss is computed from the logits z`);
          assert.doesNotMatch(text, /clip/i, `${config.name}: a loss computed from the logits is not clipped, yet the step says "${text.match(/[^.]*clip[^.]*\./i)?.[0]}"`);
        } else {
          clipped++;
          assert.match(text, /clip/i, `${config.name}: the note says ŷ is clipped to [10⁻⁷, 1 − 10⁻⁷]`);
          assert.doesNotMatch(text, /from (the logits|z)\b/, `${config.name}: a clipped loss is not computed from the logits`);
        }
      }
    }
    assert.ok(logits > 0 && clipped > 0, `walked both forms (logits ${logits}, clipped ${clipped})`);
  });

  test('every walk ends in exactly one ordinary training step, with no page errors', async () => {
    for (const { config, records, errors } of await walks()) {
      assert.equal(records[records.length - 1].view.sameAsOrdinaryStep, true, config.name);
      assert.deepEqual(errors, [], config.name);
    }
  });
});

// ---- 2. one notation ----------------------------------------------------------------------------------

/** The notation table on screen: symbol → meaning. */
async function notationTable(page) {
  const table = page.getByTestId('notation-table');
  if ((await table.count()) === 0) return null;
  return page.$$eval('[data-testid=notation-table] tr', (rows) =>
    rows.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim())).filter((cells) => cells.length >= 2),
  );
}

describe('issue 19: one notation', () => {
  test('η is the learning rate, α only Adam’s step size, fixed index letters, ∂ throughout, real minus signs; a notation table says so', async () => {
    const { page } = await openTeach(browser.context, `${browser.baseUrl}#mode=teach`);
    const table = await notationTable(page);
    assert.ok(table, 'Teach mode shows a notation table (data-testid=notation-table)');
    const meaning = (sym) => table.find((row) => row[0].replace(/\s/g, '') === sym)?.slice(1).join(' ') ?? '';
    assert.match(meaning('η'), /learning rate/i, 'η: the learning rate');
    assert.match(meaning('α'), /Adam/, 'α: only Adam’s step size');
    for (const letter of ['i', 'j', 'k', 's', 'B']) assert.ok(meaning(letter), `the table says what ${letter} is`);
    assert.ok(table.some((row) => row[0].includes('∂')), 'the table says what ∂ means');
    await page.close();

    // The learning rate's help in Play mode says η too.
    const play = await openPlayground(browser.context, browser.baseUrl);
    const help = await play.page.getByTestId('field-learningRate').locator('[title]').first().getAttribute('title');
    assert.doesNotMatch(help, /alpha|α/, `the learning rate's help says η, not "${help}"`);
    await play.page.close();

    // The index letters are the table's: the single letters whose meaning is a neuron, an input, a sample or a class.
    const indexLetters = new Set(table.filter(([sym, m]) => /^[a-z]$/.test(sym) && /^(A|An|Another|The target class) (neuron|input|sample|class|of)/.test(m)).map(([sym]) => sym));
    for (const letter of ['i', 'j', 'k', 's']) assert.ok(indexLetters.has(letter), `the table gives ${letter} as an index`);
    for (const { config, records } of await walks()) {
      for (const r of records) {
        const where = `${config.name}, step ${r.view.index} (${r.view.phase.kind})`;
        const text = `${allText(r)} ${r.title}`;
        const tex = allTex(r).map(plainTex);
        if (!isAdamUpdate(r)) {
          assert.doesNotMatch(text, /α/, `${where}: α is only Adam's step size; the text says "${text.match(/[^.]*α[^.]*/)?.[0]}"`);
          assert.ok(!tex.some((t) => t.includes('\\alpha')), `${where}: α in a formula outside Adam's update`);
        }
        // ∂, never d, for a derivative of the loss.
        assert.doesNotMatch(text, /\bd[Lz]\s*\/\s*d/, `${where}: a derivative written with d: "${text.match(/[^.]*\bdL\s*\/\s*d[^.]*/)?.[0]}"`);
        // A minus sign is U+2212 (formulas are typeset by KaTeX, which does this itself).
        const minus = text.match(/(^|[\s(=[,])-(?=[\d.a-zA-Zα-ωŷ∂])/);
        assert.equal(minus, null, `${where}: a hyphen for a minus sign in "${minus ? text.slice(Math.max(0, minus.index - 30), minus.index + 30) : ''}"`);
        // Index letters: only the table's, each with its one meaning.
        for (const t of tex) {
          for (const m of t.matchAll(/(?:\\sum_\{?|_\{?)([a-z])(?=[},\s^\\]|$)/g)) assert.ok(indexLetters.has(m[1]), `${where}: index letter ${m[1]} in ${t}`);
          if (r.view.phase.kind === 'loss') assert.doesNotMatch(t, /\\hat y_\{?k\b|\bsum_\{?k\}?\s*\(\\hat y/, `${where}: an output is a neuron of the output layer, index j (k is the layer above): ${t}`);
        }
      }
    }
  });
});

// ---- 3. Keep this step ----------------------------------------------------------------------------

describe('issue 19: Keep this step', () => {
  test('keeps exactly one step, moves on to the row Play trains next, and shows that it was kept', async () => {
    // The oracle: three ordinary Steps on a page of its own.
    const ref = await openPlayground(browser.context, browser.baseUrl);
    const rowsAfter = [];
    for (let n = 0; n < 3; ++n) {
      await ref.page.getByTestId('step').click();
      await ref.page.waitForFunction((n) => window.__neurostep.snapshot()?.iterations === n, n + 1);
    }
    const refState = await ref.page.evaluate(() => {
      const s = window.__neurostep.snapshot();
      return { epoch: s.epoch, iterations: s.iterations, weights: s.weights.map((w) => [...w.W.data, ...w.b]) };
    });
    const refCounters = [await counter(ref.page, 'epoch-counter'), await counter(ref.page, 'step-counter')];
    await ref.page.close();

    const { page, errors } = await openTeach(browser.context, `${browser.baseUrl}#mode=teach`);
    for (let n = 0; n < 3; ++n) {
      const v = await trace(page);
      assert.equal(v.source.kind, 'sample');
      assert.equal(v.source.row, v.nextRow, `keep ${n + 1}: the step is on the row Play trains next`);
      rowsAfter.push(v.source.row);
      await goTo(page, v.total);
      await page.getByTestId('teach-apply').click();
      await page.waitForFunction((n) => window.__neurostep.snapshot()?.iterations === n, n + 1);
      // The confirmation is on screen (not hidden by a jump back to the start).
      await textMatching(page.getByTestId('teaching').getByText(/\bkept\b/i), /kept/i, 5000);
      await page.waitForFunction((row) => {
        const t = window.__neurostep.teachingTrace();
        return t && t.source.kind === 'sample' && t.source.row !== row;
      }, v.source.row);
    }
    assert.equal(new Set(rowsAfter).size, 3, `three Keeps, three different rows (${rowsAfter})`);
    const state = await page.evaluate(() => {
      const s = window.__neurostep.snapshot();
      return { epoch: s.epoch, iterations: s.iterations, weights: s.weights.map((w) => [...w.W.data, ...w.b]) };
    });
    assert.deepEqual(state, refState, 'three Keeps = three Steps: the same counters and the same weights, bit for bit');
    await page.getByTestId('mode-play').click();
    await page.getByTestId('network-diagram').waitFor();
    assert.deepEqual([await counter(page, 'epoch-counter'), await counter(page, 'step-counter')], refCounters, 'EPOCH and STEP as after three Steps');
    assert.deepEqual(errors, []);
    await page.close();
  });
});

// ---- 4. the Teach diagram --------------------------------------------------------------------------

/** Bounding boxes of the diagram's texts and neurons, in page pixels. */
function diagramBoxes(page) {
  return page.evaluate(() => {
    const svg = document.querySelector('[data-testid=teach-diagram] svg');
    const box = (e) => {
      const r = e.getBoundingClientRect();
      return { x: r.left, y: r.top, w: r.width, h: r.height };
    };
    const texts = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim() !== '' && t.getBoundingClientRect().width > 0).map((t) => ({ kind: 'text', text: t.textContent.trim(), ...box(t) }));
    const neurons = [...svg.querySelectorAll('rect.neuron')].map((r) => ({ kind: 'neuron', text: `neuron c${r.dataset.c} u${r.dataset.u}`, ...box(r) }));
    return { svg: box(svg), items: [...texts, ...neurons], fontSizes: [...svg.querySelectorAll('text.teach-value')].map((t) => parseFloat(getComputedStyle(t).fontSize)) };
  });
}

const overlap = (a, b) => Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 0.5 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 0.5;

function assertNoOverlap({ svg, items }, where) {
  for (const a of items) {
    assert.ok(a.x >= svg.x - 0.5 && a.y >= svg.y - 0.5 && a.x + a.w <= svg.x + svg.w + 0.5 && a.y + a.h <= svg.y + svg.h + 0.5, `${where}: "${a.text}" lies inside the diagram`);
  }
  for (let p = 0; p < items.length; ++p)
    for (let q = p + 1; q < items.length; ++q) {
      const a = items[p], b = items[q];
      if (a.kind === 'neuron' && b.kind === 'neuron') continue;
      assert.ok(!overlap(a, b), `${where}: "${a.text}" overlaps "${b.text}"`);
    }
}

/** What the numbers beside column c must be at this phase: [symbol the caption names, the values]. */
function expectedValues(v, c, s = 0) {
  const at = (m, i, j = 0) => m.data[i + j * m.rows];
  const L = v.layers.length;
  const col = (m) => Array.from({ length: m.rows }, (_, u) => at(m, u, s));
  const { kind, layer } = v.phase;
  if (c === 0) return ['x', col(v.batch.x)];
  const ly = v.layers[c - 1];
  if (kind === 'loss' || (kind === 'forward' && c === L)) return [c === L ? 'ŷ' : 'a', col(ly.a)];
  if (kind === 'forward') return ['a', col(ly.a)];
  if (kind === 'backward') return ['δ', col(ly.dZ)];
  if (kind === 'update' && layer === c - 1) return ['b', Array.from(ly.b.data)];
  return null;
}

describe('issue 19: the Teach diagram', () => {
  test('each step labels what the numbers beside the neurons are, and nothing overlaps', async () => {
    const { page } = await openTeach(browser.context, `${browser.baseUrl}#mode=teach`);
    const total = (await trace(page)).total;
    for (let k = 0; k <= total; ++k) {
      if (k > 0) await goTo(page, k);
      const v = await trace(page);
      const where = `step ${k} (${v.phase.kind})`;
      const cols = await page.$$eval('[data-testid=teach-diagram] text.teach-value[data-col]', (els) => [...new Set(els.map((e) => Number(e.dataset.col)))]);
      const anyValues = await page.locator('[data-testid=teach-diagram] text.teach-value:not(.loss-node__value)').count();
      assert.ok(anyValues === 0 || cols.length > 0, `${where}: each number beside a neuron says which column it belongs to (data-col)`);
      for (const c of cols) {
        const caption = page.locator(`[data-testid=teach-diagram] [data-testid=teach-caption][data-col="${c}"]`);
        assert.equal(await caption.count(), 1, `${where}: column ${c}'s numbers have a caption`);
        const [symbol, values] = expectedValues(v, c) ?? [null, null];
        assert.ok(symbol, `${where}: column ${c} shows numbers at this phase`);
        assert.ok((await caption.textContent()).includes(symbol), `${where}: column ${c}'s caption names ${symbol}, says "${await caption.textContent()}"`);
        const shown = await page.$$eval(`[data-testid=teach-diagram] text.teach-value[data-col="${c}"]`, (els) => els.map((e) => ({ u: Number(e.dataset.u), value: Number(e.dataset.value) })));
        for (const { u, value } of shown) assert.equal(value, values[u], `${where}: column ${c}, neuron ${u + 1} shows ${symbol}`);
      }
      assertNoOverlap(await diagramBoxes(page), where);
    }
    await page.close();
  });

  test('wide layers collapse: the focused neuron and its neighbours, and how many are hidden; 6 x 32 stays readable', async () => {
    const { page } = await openTeach(browser.context, `${browser.baseUrl}#data=moons&n=40&u=32,32,32,32,32,32&a=relu,relu,relu,relu,relu,relu&mode=teach`);
    // 22 steps: the step bar still fits beside Back and Next (it scrolls or folds).
    const bar = await page.$$eval('[data-testid=step-bar] button', (els) => els.map((e) => {
      const r = e.getBoundingClientRect();
      return { text: e.dataset.testid, x: r.left, y: r.top, w: r.width, h: r.height, visible: r.width > 0 && document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)?.closest('button') === e };
    }));
    for (const b of bar.filter((x) => x.text === 'teach-back' || x.text === 'teach-next')) assert.ok(b.visible, `${b.text} is not covered`);
    for (let p = 0; p < bar.length; ++p) for (let q = p + 1; q < bar.length; ++q) if (bar[p].visible && bar[q].visible) assert.ok(!overlap(bar[p], bar[q]), `${bar[p].text} overlaps ${bar[q].text}`);
    for (const k of [0, 3, 7, 8, 12, 14, 19]) {
      await goToDirect(page, k);
      const boxes = await diagramBoxes(page);
      assertNoOverlap(boxes, `6 x 32, step ${k}`);
      for (const size of boxes.fontSizes) assert.ok(size >= 10, `6 x 32, step ${k}: numbers at least 10 px (${size})`);
      const drawn = await page.locator('[data-testid=teach-col-3] rect.neuron').count();
      assert.ok(drawn < 32, `step ${k}: a layer of 32 collapses (draws ${drawn})`);
      assert.match(await page.getByTestId('teach-col-3').textContent(), new RegExp(`${32 - drawn}\\b.*(more|hidden)`), `step ${k}: says how many neurons are hidden`);
    }
    // Selecting neuron 20 of layer 3 in the table brings it into the diagram, with its neighbours.
    await goToDirect(page, 3);
    await page.locator('[data-testid=teach-table] [data-src="layers.2.z.data.19"]').click();
    for (const u of [18, 19, 20]) assert.equal(await page.locator(`[data-testid=teach-col-3] rect.neuron[data-u="${u}"]`).count(), 1, `neuron ${u + 1} is drawn`);
    assertNoOverlap(await diagramBoxes(page), '6 x 32, neuron 20 selected');
    await screenshot(page, 'teach-6x32');
    await page.close();
  });
});

// ---- 5. Teach on a phone ----------------------------------------------------------------------------

describe('issue 19: Teach mode on a phone', () => {
  let phone;
  before(async () => {
    phone = await startBrowser({ viewport: { width: 390, height: 844 }, context: { hasTouch: true, isMobile: true } });
  });
  after(async () => {
    await phone?.close();
  });

  test('390 x 844 and 360 x 740: no sideways scrolling, Back and Next reachable, nothing overlaps, "tap" not "hover"', async () => {
    for (const viewport of [{ width: 390, height: 844 }, { width: 360, height: 740 }, { width: 844, height: 390 }]) {
      const { page } = await openTeach(phone.context, `${phone.baseUrl}#mode=teach`, { viewport });
      const where = `${viewport.width} x ${viewport.height}`;
      const total = (await trace(page)).total;
      for (let k = 0; k <= total; ++k) {
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= viewport.width, `${where}, step ${k}: the page is ${width} px wide`);
        for (const id of ['teach-back', 'teach-next']) {
          const box = await page.getByTestId(id).boundingBox();
          assert.ok(box && box.x >= 0 && box.x + box.width <= viewport.width && box.y >= 0 && box.y + box.height <= viewport.height, `${where}, step ${k}: ${id} is on screen (${JSON.stringify(box)})`);
        }
        // The step bar's controls do not overlap each other.
        // (Steps scrolled out of the step bar are not on screen: elementFromPoint finds something else there.)
        const boxes = await page.$$eval('[data-testid=teaching] .teach-bar select, [data-testid=teaching] .teach-bar button, [data-testid=teaching] .teach-bar label > span', (els) =>
          els.filter((e) => {
            const r = e.getBoundingClientRect();
            return r.width > 0 && e.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
          }).map((e) => {
            // The part on screen: clipped by a scrolling ancestor (the steps scroll sideways).
            let r = e.getBoundingClientRect();
            for (let a = e.parentElement; a; a = a.parentElement) {
              if (getComputedStyle(a).overflowX === 'visible') continue;
              const c = a.getBoundingClientRect();
              const left = Math.max(r.left, c.left), right = Math.min(r.right, c.right);
              r = { left, top: r.top, width: Math.max(0, right - left), height: r.height };
              break;
            }
            return { text: e.textContent.trim().slice(0, 20) || e.tagName, x: r.left, y: r.top, w: r.width, h: r.height, inside: e.closest('label')?.textContent.slice(0, 10) };
          }),
        );
        for (let p = 0; p < boxes.length; ++p)
          for (let q = p + 1; q < boxes.length; ++q)
            if (boxes[p].inside === undefined || boxes[p].inside !== boxes[q].inside) assert.ok(!overlap(boxes[p], boxes[q]), `${where}, step ${k}: "${boxes[p].text}" overlaps "${boxes[q].text}"`);
        // The diagram's column names do not run together.
        const heads = await page.$$eval('[data-testid=teach-diagram] .teach-head', (els) => els.map((e) => {
          const r = e.getBoundingClientRect();
          return { text: e.textContent, x: r.left, y: r.top, w: r.width, h: r.height };
        }));
        for (let p = 0; p < heads.length; ++p) for (let q = p + 1; q < heads.length; ++q) assert.ok(!overlap(heads[p], heads[q]), `${where}: "${heads[p].text}" runs into "${heads[q].text}"`);
        const text = await page.getByTestId('teaching').textContent();
        assert.doesNotMatch(text, /\bhover\b/i, `${where}: a touch screen says tap, not hover`);
        if (k === 0) assert.match(text, /\btap\b/i, `${where}: the legend says what a tap does`);
        await screenshot(page, `teach-phone-${viewport.width}x${viewport.height}-step-${k}`, { fullPage: true });
        if (k < total) {
          await page.getByTestId('teach-next').tap();
          await waitStep(page, k + 1);
        }
      }
      await page.close();
    }
  });
});

// ---- 6. lessons ---------------------------------------------------------------------------------------

describe('issue 19: lessons a teacher can build without editing a URL', () => {
  test('the Share menu builds a lesson: tick what to hide, pick the step, the link updates and opens as built', async () => {
    const { page } = await openPlayground(browser.context, browser.baseUrl);
    await page.getByTestId('share-toggle').click();
    await page.getByTestId('share-lesson').click();
    const dialog = page.getByTestId('lesson-dialog');
    await dialog.waitFor();
    const link = dialog.getByTestId('lesson-link');
    const before = await link.inputValue();
    await dialog.getByTestId('lesson-hide-lr').check();
    await dialog.getByTestId('lesson-hide-data').check();
    await dialog.getByTestId('lesson-mode').selectOption('teach');
    await dialog.getByTestId('lesson-step').selectOption('4');
    const url = await link.inputValue();
    assert.notEqual(url, before, 'the link follows the ticks');
    assert.match(url, /[#&]hide=([^&]*)/);
    const hide = url.match(/[#&]hide=([^&]*)/)[1].split(',');
    assert.deepEqual(hide.sort(), ['data', 'lr']);
    assert.match(url, /[#&]mode=teach(&|$)/);
    assert.match(url, /[#&]step=4(&|$)/);
    assert.ok(await dialog.getByTestId('lesson-copy').isVisible(), 'a Copy button');
    await page.close();
    // The link opens the lesson: Teach on step 4, no learning rate, no data controls.
    const lesson = await openPlayground(browser.context, url);
    await lesson.page.getByTestId('teaching').waitFor();
    await waitStep(lesson.page, 4);
    await lesson.page.getByTestId('mode-play').click();
    await lesson.page.getByTestId('network-diagram').waitFor();
    assert.equal(await lesson.page.getByTestId('field-learningRate').count(), 0, 'the learning rate is not drawn');
    assert.equal(await lesson.page.locator('[data-testid^=dataset-]').count(), 0, 'the dataset picker is not drawn');
    assert.equal(await lesson.page.getByTestId('url-notice').count(), 0, 'the lesson link is valid');
    await lesson.page.close();
  });

  test("hide= takes the link's own keys and the group names; an unknown name's notice lists the valid ones", async () => {
    const { page } = await openPlayground(browser.context, `${browser.baseUrl}#hide=lr,opt,batch`);
    assert.equal(await page.getByTestId('url-notice').count(), 0, 'hide=lr,opt,batch is valid');
    for (const id of ['field-learningRate', 'field-optimizer', 'field-batchSize']) assert.equal(await page.getByTestId(id).count(), 0, `${id} is hidden`);
    assert.ok((await page.getByTestId('field-loss').count()) === 1, 'the loss stays');
    await page.close();
    const bad = await openPlayground(browser.context, `${browser.baseUrl}#hide=lr,bogus`);
    const notice = await textMatching(bad.page.getByTestId('url-notice'), /bogus/);
    for (const name of ['lr', 'opt', 'data', 'network', 'training']) assert.match(notice, new RegExp(`\\b${name}\\b`), `the notice lists the valid names, ${name} among them: "${notice}"`);
    assert.equal(await bad.page.getByTestId('field-learningRate').count(), 0, 'the valid name still hides');
    await bad.page.close();
  });

  test('hidden controls are not drawn (or clearly locked), not merely disabled', async () => {
    const { page } = await openPlayground(browser.context, `${browser.baseUrl}#hide=activation,output_activation,units`);
    const disabledSelects = await page.$$eval('select:disabled', (els) => els.map((e) => e.getAttribute('aria-label') ?? e.dataset.testid ?? e.outerHTML.slice(0, 60)));
    assert.deepEqual(disabledSelects, [], 'no drop-down that looks clickable but is not');
    // The activations are still stated (as text), since the network uses them.
    for (const c of [1, 2]) assert.match(await page.getByTestId(`layer-head-${c}`).textContent(), /ReLU/, `layer ${c}'s activation is shown as text`);
    assert.match(await page.getByTestId('layer-head-3').textContent(), /sigmoid/);
    for (const id of ['units-plus-1', 'units-minus-1', 'add-layer', 'remove-layer']) assert.equal(await page.getByTestId(id).count(), 0, `${id} is not drawn`);
    await page.close();
  });
});

// ---- 7. model files carry their data ----------------------------------------------------------------

async function saveModel(page) {
  await page.getByTestId('share-toggle').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-model').click()]);
  return readFile(await download.path(), 'utf8');
}

async function loadModel(page, text, name = 'neurostep-model.json') {
  // A notice from an earlier load goes first, so that the wait below is for this one.
  if ((await page.getByTestId('model-notice').count()) > 0) await page.getByTestId('notice-dismiss').click();
  await page.getByTestId('share-toggle').click();
  await page.getByTestId('load-model').click();
  await page.getByTestId('load-model-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.getByTestId('load-model-file-name').waitFor();
  await page.getByTestId('load-model-go').click();
  await page.getByTestId('model-notice').waitFor();
}

describe('issue 19: model files carry their data', () => {
  test('a circle model opens on its circle data in a fresh page, and the load notice tells the truth about the counters', async () => {
    const a = await openPlayground(browser.context, `${browser.baseUrl}#data=circle&n=120&noise=0.15&dseed=9&u=4,4&a=tanh,tanh&opt=adam&lr=0.03&batch=8`);
    for (let n = 0; n < 3; ++n) await a.page.getByTestId('epoch').click();
    await a.page.waitForFunction(() => window.__neurostep.snapshot()?.epoch === 3);
    const saved = await a.page.evaluate(() => ({ loss: window.__neurostep.snapshot().train.loss, settings: window.__neurostep.settings() }));
    const file = await saveModel(a.page);
    await a.page.close();

    const b = await openPlayground(browser.context, browser.baseUrl);
    await loadModel(b.page, file);
    const s = await b.page.evaluate(() => window.__neurostep.settings());
    assert.deepEqual([s.dataset, s.count, s.noise, s.dataSeed], ['circle', 120, 0.15, 9], 'the model opens on the data it was trained on');
    const loss = await b.page.evaluate(() => window.__neurostep.snapshot().train.loss);
    assert.equal(loss, saved.loss, 'the same loss as in the page that saved it');
    // The notice's numbers are the counters' numbers.
    const notice = await b.page.getByTestId('model-notice').textContent();
    const epoch = await counter(b.page, 'epoch-counter'), step = await counter(b.page, 'step-counter');
    assert.doesNotMatch(notice, /counters here start from 0/, 'no claim that every counter starts from 0');
    const said = [...notice.matchAll(/([\d,]+) (epochs?|steps?)/g)].map((m) => [Number(m[1].replace(/,/g, '')), m[2].replace(/s$/, '')]);
    assert.ok(said.some(([, what]) => what === 'step'), `the notice says where the step counter stands: "${notice}"`);
    for (const [n, what] of said.filter(([, w]) => w === 'step')) assert.equal(n, step, `the notice says ${n} steps, STEP shows ${step}`);
    for (const [n, what] of said.filter(([, w]) => w === 'epoch')) assert.ok(n === epoch || /trained for/.test(notice), `the notice's ${n} ${what}s against EPOCH ${epoch}`);

    // Your own data (up to the size limit) travel in the file too.
    const c = await openPlayground(browser.context, `${browser.baseUrl}#${ONE_HOT}&out=softmax&loss=categorical_crossentropy&u=4&a=relu`);
    const data = await c.page.evaluate(() => {
      const d = window.__neurostep.dataset();
      return { x: Array.from(d.x), y: Array.from(d.y) };
    });
    const customFile = await saveModel(c.page);
    await c.page.close();
    await loadModel(b.page, customFile);
    const loaded = await b.page.evaluate(() => {
      const d = window.__neurostep.dataset();
      return { x: Array.from(d.x), y: Array.from(d.y) };
    });
    assert.deepEqual(loaded, data, 'the rows come back');
    await b.page.close();
  });
});

// ---- 8. the small ones --------------------------------------------------------------------------------

describe('issue 19: the small ones', () => {
  test('labels are never cut: an ellipsis and the full name on hover or focus', async () => {
    const csv = 'median_house_value_in_thousands,longitude_of_the_block,label\n1,2,0\n2,1,1\n0,0,0\n3,3,1\n';
    const { page } = await openPlayground(browser.context, browser.baseUrl);
    await page.getByTestId('csv-toggle').click();
    await page.getByTestId('csv-text').fill(csv);
    await page.getByTestId('csv-load').click();
    await page.waitForFunction(() => window.__neurostep.snapshot()?.trainSize === 4);
    const labels = await page.$$eval('[data-testid=network-diagram] text.node-label', (els) =>
      els.map((t) => {
        const svg = t.ownerSVGElement.getBoundingClientRect(), r = t.getBoundingClientRect();
        const full = t.querySelector('title')?.textContent ?? t.closest('[aria-label]')?.getAttribute('aria-label') ?? '';
        return { text: t.textContent.replace(full, '').trim(), full, inside: r.left >= svg.left - 0.5 && r.right <= svg.right + 0.5 };
      }),
    );
    for (const name of ['median_house_value_in_thousands', 'longitude_of_the_block', 'label']) {
      const l = labels.find((x) => x.text === name || (x.text.endsWith('…') && name.startsWith(x.text.slice(0, -1)) && x.full.includes(name)));
      assert.ok(l, `"${name}" is drawn whole, or shortened with … and its full name as a title (${JSON.stringify(labels)})`);
      assert.ok(l.inside, `"${l.text}" lies inside the diagram`);
    }
    await page.close();
  });

  test('ten quick clicks on + add ten neurons', async () => {
    const { page } = await openPlayground(browser.context, browser.baseUrl);
    const start = Number(await page.getByTestId('units-1').textContent());
    // Ten clicks in one go, as fast as a student clicks (the page has no time to redraw between them).
    await page.getByTestId('units-plus-1').evaluate((button) => {
      for (let n = 0; n < 10; ++n) button.click();
    });
    await page.waitForFunction((n) => window.__neurostep.hidden()[0].units === n, start + 10, { timeout: 15_000 }).catch(() => {});
    assert.equal(await page.evaluate(() => window.__neurostep.hidden()[0].units), start + 10);
    await page.waitForFunction((n) => window.__neurostep.snapshot()?.weights[0].W.rows === n, start + 10);
    await page.close();
  });

  test('six hidden layers: the layer headers do not overlap', async () => {
    const { page } = await openPlayground(browser.context, `${browser.baseUrl}#data=moons&u=4,4,4,4,4,4&a=relu,tanh,leaky_relu,softplus,sigmoid,elu`);
    const boxes = await page.$$eval('[data-testid^=layer-head-] select, [data-testid^=layer-head-] .stepper, [data-testid^=layer-head-] .layer-head__title, [data-testid^=layer-head-] .layer-head__units', (els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { text: `${e.closest('[data-testid]').dataset.testid} ${e.className}`, x: r.left, y: r.top, w: r.width, h: r.height };
      }),
    );
    assert.ok(boxes.length >= 14);
    for (let p = 0; p < boxes.length; ++p) for (let q = p + 1; q < boxes.length; ++q) assert.ok(!overlap(boxes[p], boxes[q]), `"${boxes[p].text}" overlaps "${boxes[q].text}"`);
    await screenshot(page, 'six-layer-heads');
    await page.close();
  });

  test('the data table is one tab stop, with the arrow keys inside it', async () => {
    const { page } = await openPlayground(browser.context, `${browser.baseUrl}#data=moons&n=40`);
    const table = page.getByTestId('sample-table');
    await table.waitFor({ state: 'attached' });
    if (!(await table.isVisible())) await page.locator('details:has([data-testid=sample-table]) > summary').click();
    await table.waitFor();
    // Tab into the table from the control before it, and count the stops inside.
    await page.evaluate(() => {
      const all = [...document.querySelectorAll('button, input, select, [tabindex]')].filter((e) => e.tabIndex >= 0);
      const table = document.querySelector('[data-testid=sample-table]');
      const before = all.filter((e) => !table.contains(e) && e.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING).pop();
      before.focus();
    });
    let stops = 0;
    for (let n = 0; n < 300; ++n) {
      await page.keyboard.press('Tab');
      const inside = await page.evaluate(() => document.querySelector('[data-testid=sample-table]').contains(document.activeElement));
      if (inside) stops++;
      else if (stops > 0 || n > 20) break;
    }
    assert.equal(stops, 1, `the table takes one Tab stop, not ${stops}`);
    // Inside: the arrow keys move between cells.
    await table.locator('input.cell').first().focus();
    const cell = () => page.evaluate(() => [document.activeElement.dataset.row, document.activeElement.dataset.col].join(','));
    assert.equal(await cell(), '0,0');
    await page.keyboard.press('ArrowDown');
    assert.equal(await cell(), '1,0');
    await page.keyboard.press('ArrowRight');
    assert.equal(await cell(), '1,1');
    await page.keyboard.press('ArrowUp');
    assert.equal(await cell(), '0,1');
    await page.close();
  });

  test('the weight editor shows the whole value', async () => {
    const { page } = await openPlayground(browser.context, browser.baseUrl);
    await page.locator('[data-testid=network-diagram] path.edge-hit, [data-testid=network-diagram] [data-l]').first().click({ force: true });
    const input = page.getByTestId('weight-editor').locator('input');
    await input.waitFor();
    const { value, fits } = await input.evaluate((e) => ({ value: e.value, fits: e.scrollWidth <= e.clientWidth }));
    const w = await page.evaluate(() => window.__neurostep.snapshot().weights[0].W.data[0]);
    assert.equal(Number(value), w, 'the editor holds the exact weight');
    assert.ok(fits, `the whole value "${value}" is visible in the editor`);
    await page.close();
  });
});
