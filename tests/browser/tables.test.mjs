// Tables as people have them, through the page: the import panel shows what the engine decided
// (delimiter, decimal commas, text columns one-hot encoded, missing values, constant and ID-like
// columns), lets the user choose the target and how missing values and scaling are handled, and
// changes nothing until "Use this table". The fixtures are our own files with the quirks of
// scikit-learn's bundled CSV files and of spreadsheet exports (tests/fixtures/csv/README.md).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { engineState, openPlayground, repoRoot, screenshot, startBrowser } from './helpers.mjs';

const CSV = (name) => readFileSync(join(repoRoot, 'tests', 'fixtures', 'csv', `${name}.csv`), 'utf8');

/** @type {Awaited<ReturnType<typeof startBrowser>>} */
let browser;
before(async () => {
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
});

/** The page with the import panel open on `text`. */
async function importPanel(text, hash = '') {
  const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}${hash}`);
  await page.getByTestId('csv-toggle').click();
  await page.getByTestId('csv-text').fill(text);
  await page.getByTestId('csv-options').click();
  // What the engine made of it: the table read, or why not.
  await page.locator('[data-testid="table-summary"], [data-testid="table-error"]').first().waitFor();
  return { page, errors };
}

const notices = (page) => page.getByTestId('table-notices').locator('li').evaluateAll((lis) => lis.map((li) => li.dataset.kind));

describe('importing a table', () => {
  test('a spreadsheet export (BOM, CRLF, semicolons, decimal commas) is read as such, and its features standardised from the training rows', async () => {
    const { page, errors } = await importPanel(CSV('european'));
    const kinds = await notices(page);
    assert.ok(kinds.includes('delimiter') && kinds.includes('decimal_comma') && kinds.includes('id_column'), kinds.join(', '));
    assert.match(await page.getByTestId('table-delimiter').locator('option').first().textContent(), /semicolon/);
    // Wide-ranging features: the engine recommends standardising, and it is chosen.
    assert.equal(await page.getByTestId('table-scaling-standardize').isChecked(), true);
    const before = await engineState(page);
    await screenshot(page, 'tables-import-european');
    await page.getByTestId('table-use').click();
    await page.waitForFunction(() => window.__neurostep.settings().dataset === 'custom');
    const now = await engineState(page);
    assert.notDeepEqual(now.spec, before.spec);
    assert.equal(now.settings.featureScaling, 'standardize');
    assert.equal(now.dataset.rows, 16);
    // The page keeps the rows as they are (temperature 12.6), the network learns from scaled ones.
    assert.ok(now.dataset.x.includes(12.6), 'the raw value 12.6 is kept on the page');
    const model = JSON.parse(await page.evaluate(() => window.__neurostep.model()));
    assert.ok(JSON.stringify(model).includes('standardize'), 'the saved model keeps the scaling');
    assert.match(page.url(), /fscale=standardize/);
    // One Step trains on with a finite loss.
    await page.getByTestId('step').click();
    await page.waitForFunction(() => window.__neurostep.snapshot()?.iterations === 1);
    assert.ok(Number.isFinite((await engineState(page)).snapshot.loss));
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('missing values stop the import with their line and column; dropping those rows, or choosing another target, reads it', async () => {
    const { page, errors } = await importPanel(CSV('passengers'));
    // The default refuses, naming where; nothing can be used yet, and the page's data stay.
    const error = await page.getByTestId('table-error').textContent();
    assert.match(error, /line \d+, column \d+/);
    assert.equal(await page.getByTestId('table-use').isDisabled(), true);
    await page.getByTestId('table-missing').selectOption('drop');
    await page.getByTestId('table-error').waitFor({ state: 'detached' });
    const kinds = await notices(page);
    assert.ok(kinds.includes('missing_dropped') && kinds.includes('one_hot') && kinds.includes('classes') && kinds.includes('constant_column'), kinds.join(', '));
    const preview = page.getByTestId('table-preview');
    // Text columns one-hot encoded, by name=value (the quoted names with their commas kept).
    assert.match(await preview.textContent(), /name=Allen, Miss\. Elisabeth/);
    assert.ok(Number(await preview.getAttribute('data-columns')) > 20);
    assert.match(await preview.textContent(), /\((died|survived)\)/);
    assert.match(await page.getByTestId('table-summary').textContent(), /Two classes: the output is 1 sigmoid unit with binary cross-entropy/);
    // Another target by name: the fare, a number, is a regression.
    await page.getByTestId('table-target').fill('fare');
    await page.getByTestId('table-target').press('Tab');
    await page.waitForFunction(() => /Numbers: the output/.test(document.querySelector('[data-testid="table-summary"]').textContent));
    // A target that is not there: said, and the last table read stays.
    await page.getByTestId('table-target').fill('nosuchcolumn');
    await page.getByTestId('table-target').press('Tab');
    await page.getByTestId('table-error').waitFor();
    assert.match(await page.getByTestId('table-error').textContent(), /nosuchcolumn/);
    assert.equal(await page.getByTestId('table-preview').count(), 1);
    // Cancel: nothing changed.
    const before = await engineState(page);
    await page.getByTestId('table-cancel').click();
    assert.equal(await page.getByTestId('table-import').count(), 0);
    assert.deepEqual((await engineState(page)).settings, before.settings);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a first line that describes the table (scikit-learn’s wine) is skipped, and the import panel speaks Chinese', async () => {
    const { page, errors } = await importPanel(CSV('wine_like'), '#lang=zh-CN');
    const kinds = await notices(page);
    assert.ok(kinds.includes('description'), kinds.join(', '));
    assert.equal(await page.getByTestId('table-preview').getAttribute('data-columns'), '14');
    const text = await page.getByTestId('table-import').textContent();
    assert.match(text, /导入表格/);
    assert.doesNotMatch(text, /\b(rows|features|the output|Delimiter)\b/);
    await screenshot(page, 'tables-import-wine-zh');
    await page.getByTestId('table-use').click();
    await page.waitForFunction(() => window.__neurostep.settings().dataset === 'custom');
    assert.equal((await engineState(page)).spec.input_dim, 13);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
