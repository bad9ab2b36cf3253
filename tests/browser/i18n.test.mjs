// The page in Simplified Chinese: every visible text on Play, Teach (every step of one pass), the
// Share menu and each dialog is Chinese (identifiers and names of code excepted, see
// tests/i18n/english-words.mjs; formulas and code are not looked at); the language comes from
// the address, else the last visit, else the browser's languages, and <html lang> follows it; the
// main Play journey works in Chinese; and screenshots of every panel, dialog and the phone layout
// in both languages land in test-artifacts/browser/i18n-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { englishWords } from '../i18n/english-words.mjs';
import { openPlayground, screenshot, startBrowser } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof startBrowser>>} */
let browser;
before(async () => {
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
});

/**
 * The English words in what the page shows: visible text nodes outside KaTeX, code and number
 * cells, and the labels a screen reader says (aria-label, title), each with where it was found.
 */
async function englishOnScreen(page) {
  const texts = await page.evaluate(() => {
    // Formulas, code, numbers, and the data's own column names (the generators call a target "label";
    // .data-name marks a name from the data elsewhere).
    const skip = (el) => el.closest('.katex, code, pre, .py-code, script, style, noscript, .mono, .node-label, .data-name, [data-testid=sample-table] thead');
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent.trim();
      if (!text || !el || skip(el)) continue;
      const option = el.closest('option');
      const visible = option ? option.closest('select')?.checkVisibility() : el.checkVisibility({ visibilityProperty: true, opacityProperty: false });
      if (visible) out.push({ where: `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ''}`, text });
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [aria-description]')) {
      if (skip(el) || !el.checkVisibility()) continue;
      for (const a of ['aria-label', 'title', 'aria-description']) {
        const v = el.getAttribute(a);
        if (v) out.push({ where: `${el.tagName.toLowerCase()}@${a}`, text: v });
      }
    }
    return out;
  });
  return texts.flatMap(({ where, text }) => {
    const words = englishWords(text);
    return words.length ? [`${where}: ${JSON.stringify(text)} (${words.join(', ')})`] : [];
  });
}

async function assertChinese(page, what) {
  const found = await englishOnScreen(page);
  assert.deepEqual(found, [], `${what}: English on the Chinese page`);
}

const lang = (page) => page.evaluate(() => document.documentElement.lang);

describe('the page in Simplified Chinese', () => {
  test('the default in the tests is English: headless Chromium speaks en-US', async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
    assert.match(await page.evaluate(() => navigator.language), /^en/);
    assert.equal(await lang(page), 'en');
    assert.match(await page.getByTestId('intro').textContent(), /network from the article/);
    assert.match(await page.evaluate(() => location.hash), /(^#|&)lang=en(&|$)/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('#lang=zh-CN: Play, the Share menu and each dialog speak Chinese', async () => {
    const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#lang=zh-CN`);
    assert.equal(await lang(page), 'zh-CN');
    await page.getByTestId('predictions-table').locator('[data-testid=pred-row]').first().waitFor();
    assert.match(await page.getByTestId('intro').textContent(), /文章中的神经网络/);
    assert.match(await page.title(), /神经网络/);
    await assertChinese(page, 'Play, start');
    await screenshot(page, 'i18n-zh-play-start');

    // Step, a few epochs, a paused network: counters, metrics and the predictions table.
    await page.getByTestId('step').click();
    await page.getByTestId('epoch').click();
    await page.waitForFunction(() => window.__neurostep.snapshot()?.epoch >= 1);
    await assertChinese(page, 'Play, after a step and an epoch');

    // The confusion matrix tab, the more settings, the CSV form.
    await page.getByTestId('tab-confusion').click();
    await page.locator('details.more:not(.explorer) summary').click();
    await page.getByTestId('csv-toggle').click();
    await assertChinese(page, 'confusion matrix, more settings, CSV form');
    await screenshot(page, 'i18n-zh-play-details', { fullPage: true });
    await page.getByTestId('csv-toggle').click();
    await page.getByTestId('tab-predictions').click();

    // The Share menu and its dialogs.
    await page.getByTestId('share-toggle').click();
    await assertChinese(page, 'Share menu');
    await screenshot(page, 'i18n-zh-share-menu');
    await page.getByTestId('load-model').click();
    await page.getByTestId('load-dialog').waitFor();
    await assertChinese(page, 'Load a model');
    await screenshot(page, 'i18n-zh-load-dialog');
    await page.getByTestId('load-dialog-close').click();
    await page.getByTestId('share-toggle').click();
    await page.getByTestId('export-keras').click();
    await page.getByTestId('keras-code').waitFor();
    await assertChinese(page, 'Export to Keras');
    await screenshot(page, 'i18n-zh-keras-dialog');
    await page.getByTestId('keras-dialog-close').click();

    // A weight's editor and the refused value's message, in Chinese.
    const edge = page.locator('[data-testid=network-diagram] path.edge-hit').first();
    await edge.hover({ force: true });
    await page.getByTestId('diagram-tooltip').waitFor();
    await assertChinese(page, 'diagram tooltip');
    await edge.click({ force: true });
    await page.getByTestId('weight-editor').locator('input').fill('abc');
    await page.getByTestId('weight-editor').locator('button[type=submit]').click();
    await page.getByTestId('weight-editor').locator('[role=alert]').waitFor();
    await assertChinese(page, 'weight editor with its error');
    await screenshot(page, 'i18n-zh-weight-editor');
    await page.keyboard.press('Escape');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('#lang=zh-CN: Teach mode, every step of one pass and the gradient check, speaks Chinese', async () => {
    const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#lang=zh-CN`);
    await page.getByTestId('mode-teach').click();
    await page.getByTestId('teaching').waitFor();
    const total = await page.evaluate(() => window.__neurostep.teachingTrace().total);
    for (let k = 0; k <= total; ++k) {
      await page.waitForFunction((k) => document.querySelector('[data-testid=teaching]')?.dataset.step === String(k), k);
      await page.getByTestId('teach-formulas').waitFor();
      await assertChinese(page, `Teach step ${k}`);
      if (k === 0 || k === 2 || k === total) await screenshot(page, `i18n-zh-teach-step-${k}`, { fullPage: true });
      if (k < total) await page.getByTestId('teach-next').click();
    }
    // A selected neuron: the inspector beside the diagram.
    await page.locator('[data-testid=teach-diagram] rect.neuron').nth(9).click({ force: true });
    await page.getByTestId('teach-inspector').waitFor();
    await assertChinese(page, 'Teach inspector');
    await page.getByTestId('tab-check').click();
    await page.getByTestId('gradient-check-summary').waitFor({ timeout: 30_000 });
    await assertChinese(page, 'gradient check');
    await screenshot(page, 'i18n-zh-teach-check', { fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('#lang=zh-CN: notices, refused values, engine messages and divergence speak Chinese', async () => {
    const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#lang=zh-CN&lr=abc&nosuch=1`);
    await page.getByTestId('url-notice').waitFor();
    await assertChinese(page, 'the notice of a link with bad values');
    await screenshot(page, 'i18n-zh-url-notice');
    await page.getByTestId('notice-dismiss').click();

    // A CSV the engine refuses: its message, by id, in Chinese.
    await page.getByTestId('csv-toggle').click();
    await page.getByTestId('csv-text').fill('a,b\n1,x\n');
    await page.getByTestId('csv-load').click();
    await page.getByTestId('csv-error').waitFor();
    assert.match(await page.getByTestId('csv-error').textContent(), /第 2 行第 2 列/);
    await assertChinese(page, 'a refused CSV');
    await page.getByTestId('csv-toggle').click();

    // A typed value the settings table refuses.
    const lr = page.getByTestId('field-learningRate').locator('input');
    await lr.fill('abc');
    await lr.press('Enter');
    await page.getByTestId('field-learningRate').locator('[role=alert]').waitFor();
    await assertChinese(page, 'a refused learning rate');

    // Another dataset: the intro says what is on screen. A learning rate far too large diverges.
    await page.getByTestId('dataset-spiral').click();
    await page.waitForFunction(() => window.__neurostep.settings().dataset === 'spiral');
    await page.getByTestId('speed').fill('100');
    await lr.fill('100');
    await lr.press('Enter');
    await page.waitForFunction(() => window.__neurostep.settings().learningRate === 100);
    await page.getByTestId('play').click();
    await page.getByTestId('divergence').waitFor({ timeout: 30_000 });
    assert.match(await page.getByTestId('divergence').textContent(), /发散/);
    await assertChinese(page, 'divergence');
    await screenshot(page, 'i18n-zh-divergence');
    if (await page.getByTestId('restore').count()) await page.getByTestId('restore').click();
    await page.waitForFunction(() => window.__neurostep.snapshot()?.playing === false);

    // An odd pair of output and loss is warned about.
    await page.getByTestId('field-loss').locator('select').selectOption('mean_squared_error');
    await page.getByTestId('pairing-warning').waitFor();
    await assertChinese(page, 'the spiral, with a warning');
    await screenshot(page, 'i18n-zh-spiral-warning');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('#lang=zh-CN: long work (progress, the busy indicator, Cancel) and a restarted engine speak Chinese', async () => {
    // The gradient check of a deep network on a 500-row batch takes seconds (tests/browser/long_work.test.mjs).
    const deep = 'data=circle&n=500&batch=500&u=32,32,32,32,32,32&a=tanh,tanh,tanh,tanh,tanh,tanh';
    const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#lang=zh-CN&${deep}`);
    await page.getByTestId('mode-teach').click();
    await page.getByTestId('teaching').waitFor();
    await page.getByTestId('teach-source').selectOption('batch');
    await page.waitForFunction(() => window.__neurostep.teachingTrace()?.source.kind === 'batch');
    await page.getByTestId('tab-check').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=gradient-check-progress]')?.dataset.done) > 0, null, { timeout: 30_000 });
    await page.getByTestId('busy').waitFor({ timeout: 5_000 });
    assert.match(await page.getByTestId('busy').textContent(), /检验梯度/);
    await assertChinese(page, 'a gradient check under way');
    await screenshot(page, 'i18n-zh-check-progress');
    await page.getByTestId('gradient-check-cancel').click();
    await page.getByTestId('gradient-check-cancelled').waitFor({ timeout: 5_000 });
    await assertChinese(page, 'a cancelled gradient check');

    // The worker closes itself without a word: the heartbeat notices, the page restarts it.
    const worker = page.workers().find((w) => /engine/.test(w.url())) ?? page.workers()[0];
    await Promise.race([worker.evaluate(() => self.close()).catch(() => {}), new Promise((done) => setTimeout(done, 1000))]);
    await page.locator('[data-testid=engine-notice][data-kind=restarted]').waitFor({ timeout: 30_000 });
    assert.match(await page.getByTestId('engine-notice').textContent(), /引擎停止了/);
    await assertChinese(page, 'a restarted engine');
    await screenshot(page, 'i18n-zh-engine-restarted');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("the main Play journey in Chinese: the article's network learns every row", async () => {
    const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#lang=zh-CN`);
    await page.getByTestId('play').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=metric-accuracy]')?.dataset.value) === 1, null, { timeout: 30_000 });
    await page.getByTestId('play').click();
    await page.waitForFunction(() => window.__neurostep.snapshot().playing === false);
    const verdicts = await page.$$eval('[data-testid=pred-row]', (rows) => rows.map((r) => [r.dataset.correct, r.lastElementChild.textContent.trim()]));
    assert.equal(verdicts.length, 10);
    for (const [correct, text] of verdicts) {
      assert.equal(correct, 'true');
      assert.equal(text, '✓ 正确');
    }
    assert.match(await page.getByTestId('intro').textContent(), /现在每一行都对了/);
    await assertChinese(page, 'Play, trained');
    await screenshot(page, 'i18n-zh-play-trained');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the language: the browser says Chinese, the switch says English, and the next visit remembers it', async () => {
    // A browser whose first language is Chinese (the test profile's own is en-US).
    const page = await browser.context.newPage();
    await page.addInitScript(() => {
      Object.defineProperty(navigator, 'languages', { get: () => ['zh-CN', 'zh', 'en'] });
      Object.defineProperty(navigator, 'language', { get: () => 'zh-CN' });
    });
    await page.goto(browser.baseUrl);
    await page.evaluate(() => localStorage.removeItem('neurostep.lang'));
    await page.reload();
    await page.waitForFunction(() => window.__neurostep?.ready() === true);
    assert.equal(await lang(page), 'zh-CN');
    assert.match(await page.getByTestId('intro').textContent(), /文章中的神经网络/);
    // The switch in the header.
    await page.getByTestId('language').selectOption('en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.match(await page.getByTestId('intro').textContent(), /network from the article/);
    assert.match(await page.evaluate(() => location.hash), /(^#|&)lang=en(&|$)/);
    // The next visit without lang= in the address: English, as chosen, though the browser says Chinese.
    await page.goto(`${browser.baseUrl}?again`);
    await page.waitForFunction(() => window.__neurostep?.ready() === true);
    assert.equal(await lang(page), 'en');
    await page.evaluate(() => localStorage.removeItem('neurostep.lang'));
    await page.close();
  });

  test('screenshots of every panel, dialog and the phone layout in both languages', async () => {
    const wider = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const teachOverflow = {};
    for (const lng of ['en', 'zh-CN']) {
      const tag = lng === 'en' ? 'en' : 'zh';
      for (const [name, viewport] of [
        ['desktop', { width: 1280, height: 800 }],
        ['phone', { width: 390, height: 844 }],
      ]) {
        const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#lang=${lng}`, { viewport });
        await page.getByTestId('predictions-table').locator('[data-testid=pred-row]').first().waitFor();
        await screenshot(page, `i18n-${tag}-${name}-play`, { fullPage: true });
        // Nothing of Play runs out of the window sideways.
        assert.ok((await wider(page)) <= 0, `${lng} ${name}: Play is ${await wider(page)}px wider than the window`);
        for (const panel of ['data', 'network', 'output']) await page.locator(`.panel--${panel}`).screenshot({ path: `test-artifacts/browser/i18n-${tag}-${name}-panel-${panel}.png` });
        await page.getByTestId('share-toggle').click();
        await screenshot(page, `i18n-${tag}-${name}-share`);
        await page.getByTestId('export-keras').click();
        await page.getByTestId('keras-code').waitFor();
        await screenshot(page, `i18n-${tag}-${name}-keras`);
        await page.getByTestId('keras-dialog-close').click();
        await page.getByTestId('mode-teach').click();
        await page.getByTestId('teach-formulas').waitFor();
        await page.getByTestId('teach-next').click();
        await page.waitForFunction(() => document.querySelector('[data-testid=teaching]')?.dataset.step === '1');
        await screenshot(page, `i18n-${tag}-${name}-teach`, { fullPage: true });
        // Teach mode's step bar is wider than a phone in either language (teaching.css); Chinese
        // must not make it wider than English does.
        teachOverflow[`${lng} ${name}`] = await wider(page);
        if (lng !== 'en') assert.ok(teachOverflow[`${lng} ${name}`] <= Math.max(0, teachOverflow[`en ${name}`]), `${name}: Teach in Chinese is wider than in English (${JSON.stringify(teachOverflow)})`);
        assert.deepEqual(errors, []);
        await page.close();
      }
    }
  });
});
