// Teach mode on an image set, in headless Chromium: the sample drawn as the image it is (8 x 8
// digits, 28 x 28 Fashion-MNIST), crisp (one canvas pixel per image pixel, scaled by a whole
// number); in the first layer's forward step the selected neuron's weights and each pixel's term
// beside it; pointing at a pixel (the mouse, the arrow keys, a tap on a phone) reads out its
// value, its weight, their product and z, the engine's numbers, and lights its term in the sum
// when the sum writes it out; the sum writes out the 12 largest terms (checked against the
// products worked out here from the step's W and x, in the step's precision); wide tables page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openPlayground, screenshot, startBrowser } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof startBrowser>>} */
let browser;
before(async () => {
  browser = await startBrowser({ viewport: { width: 1280, height: 800 } });
});
after(async () => {
  await browser?.close();
});

const trace = (page) => page.evaluate(() => window.__neurostep.teachingTrace());

/** The page on an image set, in Teach mode at step `k` (0: the sample; 1: the first layer's forward step). */
async function teachOn(page, dataset, k) {
  await page.getByTestId(`dataset-${dataset}`).click();
  await page.getByTestId('sample-grid').waitFor({ timeout: 120_000 });
  await page.getByTestId('mode-teach').click();
  await page.getByTestId('teach-image').waitFor({ timeout: 30_000 });
  if (k > 0) {
    await page.getByTestId(`step-${k}`).click();
    await page.waitForFunction((k) => document.querySelector('[data-testid=teaching]')?.dataset.step === String(k) && window.__neurostep.teachingTrace()?.index === k, k);
    await page.getByTestId('teach-image-terms').waitFor();
  }
}

/** Moves the mouse to the centre of pixel `p` of one of the images. */
async function pointAt(page, testid, p, width) {
  await page.getByTestId(testid).scrollIntoViewIfNeeded();
  const box = await page.getByTestId(testid).boundingBox();
  const cell = box.width / width;
  await page.mouse.move(box.x + ((p % width) + 0.5) * cell, box.y + (Math.floor(p / width) + 0.5) * cell);
  await page.waitForFunction((p) => document.querySelector('[data-testid=teach-pixel-readout]')?.dataset.pixel === String(p), p);
}

const readout = (page) =>
  page.$$eval('[data-testid=teach-pixel-readout] dd', (dds) => Object.fromEntries(dds.map((d) => [d.dataset.testid.replace('teach-pixel-', ''), Number(d.dataset.value)])));

/** The inputs whose terms the sum writes out, from the formula. */
const writtenTerms = (page) => page.$$eval('[data-testid=teach-formulas] [data-term]', (els) => [...new Set(els.map((e) => Number(e.dataset.term)))]);

/** Unit j's terms W(j, i) * x(i) of the step, worked out here in its precision, and the `keep` largest by size. */
function largestTerms(v, j, keep = 12) {
  const layer = v.layers[0];
  const round = v.precision === 'float32' ? Math.fround : (x) => x;
  const terms = Array.from({ length: layer.inputs }, (_, i) => round(layer.W.data[j + i * layer.units] * layer.aPrev.data[i]));
  const order = terms.map((t, i) => [Math.abs(t), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  return { terms, largest: order.slice(0, keep).map(([, i]) => i).sort((a, b) => a - b) };
}

describe('Teach mode on digits (8 x 8)', () => {
  let page, errors;
  before(async () => {
    ({ page, errors } = await openPlayground(browser.context, browser.baseUrl));
    await teachOn(page, 'digits', 0);
  });

  test('the sample is shown as its 8 x 8 image, crisp, and a pixel reads out its value', async () => {
    const image = page.getByTestId('teach-image');
    assert.equal(await image.getAttribute('data-height'), '8');
    const canvas = page.getByTestId('teach-image-input');
    const size = await canvas.evaluate((c) => ({ width: c.width, height: c.height, css: c.getBoundingClientRect().width, rendering: getComputedStyle(c).imageRendering }));
    assert.deepEqual([size.width, size.height], [8, 8]);
    assert.equal(size.css, 200); // 25 screen pixels per image pixel
    assert.equal(size.rendering, 'pixelated');
    const v = await trace(page);
    await pointAt(page, 'teach-image-input', 28, 8);
    assert.equal((await readout(page)).x, v.batch.x.data[28]);
    assert.match(await page.getByTestId('teach-pixel-readout').textContent(), /Pixel 29 \(row 4, column 5\)/);
    // The sample table pages to the pixel: 16 features a page, pixel 29 on the second.
    assert.equal(await page.getByTestId('teach-table-pager').getAttribute('data-first'), '16');
    await screenshot(page, 'teach-images-digits-sample');
  });

  test('in the first forward step, a pixel reads out x, w, w·x and z, and its term is lit when the sum writes it out', async () => {
    await page.getByTestId('step-1').click();
    await page.waitForFunction(() => window.__neurostep.teachingTrace()?.index === 1);
    await page.getByTestId('teach-image-terms').waitFor();
    assert.equal(await page.getByTestId('teach-image-weights').count(), 1);
    const v = await trace(page);
    const { terms, largest } = largestTerms(v, 0);
    // The sum of 64 terms writes out the 12 largest: the engine's terms rank them.
    assert.deepEqual(await writtenTerms(page), largest);
    assert.match(await page.getByTestId('teach-formulas').textContent(), /52 smaller terms/);
    const shown = largest[0];
    await pointAt(page, 'teach-image-input', shown, 8);
    const r = await readout(page);
    const layer = v.layers[0];
    assert.equal(r.x, layer.aPrev.data[shown]);
    assert.equal(r.w, layer.W.data[shown * layer.units]);
    assert.equal(r.term, terms[shown]);
    assert.equal(r.z, layer.z.data[0]);
    assert.equal(await page.getByTestId('teach-pixel-readout').getAttribute('data-shown'), 'true');
    const hot = await page.$$eval('[data-testid=teach-formulas] .is-term-hot', (els) => els.map((e) => Number(e.dataset.term)));
    assert.ok(hot.length > 0 && hot.every((i) => i === shown), `lit: ${hot}`);
    await screenshot(page, 'teach-images-digits-forward');
    // A pixel whose term is not among them: said so, and nothing is lit.
    const small = terms.map((t, i) => [Math.abs(t), i]).sort((a, b) => a[0] - b[0])[0][1];
    await pointAt(page, 'teach-image-weights', small, 8);
    assert.equal(await page.getByTestId('teach-pixel-readout').getAttribute('data-shown'), 'false');
    assert.equal(await page.locator('[data-testid=teach-formulas] .is-term-hot').count(), 0);
    // The table pages to the pixel pointed at.
    assert.equal(await page.getByTestId('teach-table-pager').getAttribute('data-first'), String(Math.floor(small / 12) * 12));
  });

  test('the arrow keys move between pixels; another neuron brings its weights', async () => {
    const frame = page.getByTestId('teach-image-input').locator('..');
    await frame.focus();
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('[data-testid=teach-pixel-readout]')?.dataset.pixel === '1');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.querySelector('[data-testid=teach-pixel-readout]')?.dataset.pixel === '9');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft'); // stops at the left edge
    await page.waitForFunction(() => document.querySelector('[data-testid=teach-pixel-readout]')?.dataset.pixel === '8');
    // Neuron 2, picked in the table: its weight and term for the same pixel.
    await page.locator('[data-testid=teach-table] tbody tr:nth-child(2) td.num').first().click();
    await page.waitForFunction(() => /neuron 2|w2,/.test(document.querySelector('[data-testid=teach-pixel-readout]')?.textContent ?? ''));
    const v = await trace(page);
    const layer = v.layers[0];
    const r = await readout(page);
    assert.equal(r.w, layer.W.data[1 + 8 * layer.units]);
    assert.equal(r.term, largestTerms(v, 1).terms[8]);
    assert.equal(r.z, layer.z.data[1]);
    assert.deepEqual(await writtenTerms(page), largestTerms(v, 1).largest);
    assert.deepEqual(errors, []);
  });
});

test('Fashion-MNIST (28 x 28, 784 inputs): the 12 largest of 784 terms, the table in pages of 12 inputs', async () => {
  const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
  await teachOn(page, 'fashion_mnist', 1);
  const css = await page.getByTestId('teach-image-input').evaluate((c) => [c.width, c.getBoundingClientRect().width]);
  assert.deepEqual(css, [28, 196]); // 7 screen pixels per image pixel
  const v = await trace(page);
  assert.deepEqual(await writtenTerms(page), largestTerms(v, 0).largest);
  assert.match(await page.getByTestId('teach-formulas').textContent(), /772 smaller terms/);
  assert.match(await page.getByTestId('teach-table-pager').textContent(), /Inputs 1–12 of 784/);
  await page.getByTestId('teach-table-next').click();
  assert.match(await page.getByTestId('teach-table-pager').textContent(), /Inputs 13–24 of 784/);
  await pointAt(page, 'teach-image-terms', 14 * 28 + 14, 28);
  assert.equal(await page.getByTestId('teach-table-pager').getAttribute('data-first'), String(Math.floor(406 / 12) * 12));
  assert.equal((await readout(page)).term, largestTerms(v, 0).terms[406]);
  await screenshot(page, 'teach-images-fashion-forward');
  assert.deepEqual(errors, []);
  await page.close();
});

test('on a phone, a tap keeps a pixel read out (a second tap lets it go), in Chinese', async () => {
  const phone = await startBrowser({ viewport: { width: 390, height: 844 }, context: { hasTouch: true, isMobile: true } });
  try {
    const { page, errors } = await openPlayground(phone.context, `${phone.baseUrl}#lang=zh-CN`);
    await teachOn(page, 'digits', 1);
    await page.getByTestId('teach-image-input').scrollIntoViewIfNeeded();
    const box = await page.getByTestId('teach-image-input').boundingBox();
    const cell = box.width / 8;
    const tap = () => page.touchscreen.tap(box.x + 2.5 * cell, box.y + 3.5 * cell); // pixel 3 * 8 + 2
    await tap();
    await page.waitForFunction(() => document.querySelector('[data-testid=teach-pixel-readout]')?.dataset.pixel === '26');
    await page.waitForTimeout(300);
    assert.equal(await page.getByTestId('teach-pixel-readout').getAttribute('data-pixel'), '26');
    assert.match(await page.getByTestId('teach-pixel-readout').textContent(), /像素 27（第 4 行，第 3 列）/);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page is ${width} px wide on a 390 px phone`);
    await screenshot(page, 'teach-images-phone-zh');
    await tap();
    await page.getByTestId('teach-pixel-hint').waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await phone.close();
  }
});
