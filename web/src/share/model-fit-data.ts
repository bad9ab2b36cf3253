// Finding data a loaded model fits: the rows the file carries, the page's current data, or a
// generator whose shape matches; and the train/test split and view the page draws them in.
import { view1dFor, view2dFor } from '../lib/data-view';
import type { Dataset } from '../lib/types';
import { isImageSetName } from '../lib/image-sets';
import { SETTINGS, type Settings } from '../settings';
import { messageOf, type App } from '../state/app';
import { formatCount, msg, type Message } from '../i18n';
import { MessageError } from '../i18n/engine';
import { optionMessage } from '../i18n/settings-text';
import type { EngineClient } from '../state/engine-client';
import type { Requests } from '../worker/protocol';
import { fingerprint, recordDataset } from './model-data';
import { denseLayers } from '../lib/layer-kinds';
import type { Plan } from './model-plan';

export interface Fitted {
  data: Dataset;
  dataset: Settings['dataset'];
  view2d: ReturnType<typeof view2dFor>;
  view1d: ReturnType<typeof view1dFor>;
  result: Requests['configure']['res'];
  note: Message | null;
  /** Settings that describe the data (points, noise, seeds, test share). */
  settings: Partial<Settings>;
}

/**
 * The current data if the model takes them, else the first built-in dataset it takes. The
 * engine decides what fits: each try is all or nothing.
 */
export async function fitData(app: App, client: EngineClient, plan: Plan): Promise<Fitted> {
  const s = app.settings.peek();
  const inputs = plan.info.spec.input_dim;
  const current = app.dataset.peek();
  // An image set's pixels are in the worker (the page holds its labels): it uses them when asked.
  const images = app.images.peek() !== null;
  let firstError: Message | null = null;
  const attempt = async (data: Dataset, dataset: Settings['dataset'], split = { testRatio: s.testRatio, splitSeed: s.dataSeed }): Promise<Fitted | null> => {
    if (data.features !== inputs) return null;
    const { text } = plan.textFor(data);
    const view2d = data.features === 2 ? view2dFor(data) : null;
    const view1d = data.features === 1 && data.targets === 1 ? view1dFor(data) : null;
    try {
      const result = await client.request('configure', {
        data: { dataset: data, testRatio: split.testRatio, splitSeed: split.splitSeed, images: images && data === current },
        model: { spec: plan.info.spec, file: text, precision: plan.info.precision, seed: plan.info.seed },
        batchSize: plan.info.batchSize,
        view2d,
        view1d,
      });
      return { data, dataset, view2d, view1d, result, note: null, settings: {} };
    } catch (err) {
      firstError ??= messageOf(err);
      return null;
    }
  };
  // The data the file says it was trained on come first.
  let missing: Message | null = null;
  const rec = plan.data;
  if (rec) {
    const split = { testRatio: rec.testRatio, splitSeed: rec.splitSeed };
    const splitSettings = { testRatio: rec.testRatio, dataSeed: rec.splitSeed };
    if (rec.kind === 'generated') {
      const data = await client.request('generate', { name: rec.name, count: rec.count, noise: rec.noise, seed: rec.seed });
      const fitted = await attempt(data, rec.name, split);
      const label = SETTINGS.dataset.options.find((o) => o.value === rec.name)?.label ?? rec.name;
      const dataset = optionMessage('dataset', rec.name, label);
      const what =
        rec.name === 'article_bits'
          ? msg('modelLoad.trainedOnArticle', { dataset })
          : msg('modelLoad.trainedOnGenerated', { dataset, points: formatCount(rec.count, 'en'), noise: rec.noise, seed: rec.seed });
      if (fitted) return { ...fitted, note: what, settings: { ...splitSettings, count: rec.count, noise: rec.noise, dataSeed: rec.seed } };
    } else if (rec.kind === 'rows') {
      const fitted = await attempt(recordDataset(rec), 'custom', split);
      if (fitted) return { ...fitted, note: msg('modelLoad.trainedOnRows', { count: rec.rows, rows: formatCount(rec.rows, 'en') }), settings: splitSettings };
    } else if (current && fingerprint(current) === rec.fingerprint) {
      const fitted = await attempt(current, 'custom', split);
      if (fitted) return { ...fitted, note: msg('modelLoad.trainedOnThese'), settings: splitSettings };
    } else {
      missing = msg('modelLoad.trainedOnMissing', { count: rec.rows, rows: formatCount(rec.rows, 'en') });
    }
  }
  if (current) {
    const fitted = await attempt(current, s.dataset);
    if (fitted) return missing ? { ...fitted, note: missing } : fitted;
  }
  for (const option of SETTINGS.dataset.options) {
    // An image set is fetched, not generated (and no model file's data are one).
    if (option.value === 'custom' || isImageSetName(option.value) || option.value === s.dataset) continue;
    const data = await client.request('generate', { name: option.value, count: s.count, noise: s.noise, seed: s.dataSeed });
    const fitted = await attempt(data, option.value);
    if (fitted) {
      const other = msg('modelLoad.otherDataset', { count: inputs, dataset: optionMessage('dataset', option.value, option.label) });
      return { ...fitted, note: missing ? msg('modelLoad.twoNotes', { first: missing, second: other }) : other };
    }
  }
  const spec = plan.info.spec;
  const out = denseLayers(spec)[denseLayers(spec).length - 1].units;
  const targets = spec.loss === 'sparse_categorical_crossentropy' ? msg('modelLoad.targetsSparse') : msg('modelLoad.targets', { count: out });
  const detail = firstError ? msg('modelLoad.detailError', { message: firstError }) : current ? msg('modelLoad.detailCurrent', { count: current.features }) : '';
  throw new MessageError(
    msg('modelLoad.noDataFits', { inputs: msg('modelLoad.inputs', { count: inputs }), outputs: msg('modelLoad.outputs', { count: out }), detail, inputCount: inputs, targets }),
  );
}
