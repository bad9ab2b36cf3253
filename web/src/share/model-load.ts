// Loading a model into the page: a NeuroStep model file (Save model), the architecture JSON of
// Keras's model.to_json() with an optional weights JSON, or a model spec. The engine reads and
// checks the model, and its message says what cannot be imported. This module runs the steps:
// read the model (model-plan.ts), find data it fits (model-fit-data.ts), turn it into the
// page's settings and say what those cannot show (model-settings.ts).
import { buildSpec } from '../state/model-for-data';
import type { App } from '../state/app';
import { formatCount, msg, type Message } from '../i18n';
import type { EngineClient } from '../state/engine-client';
import { settingsFromSpec, sameModel, describe, withoutNames } from './model-settings';
import { fitData } from './model-fit-data';
import { planModel, type ModelFiles } from './model-plan';

export type { ModelFiles };

/** What the page says once a model is loaded. */
export interface LoadReport {
  title: Message;
  notes: Message[];
}

/**
 * Loads the model into the engine with data it fits and the page's settings to match; on any
 * error nothing changes and the error (the engine's message where the engine refused) is thrown.
 */
export function loadModel(app: App, client: EngineClient, files: ModelFiles): Promise<LoadReport> {
  let report: LoadReport = { title: { text: '' }, notes: [] };
  return app
    .adopt(async () => {
      const plan = await planModel(client, files, app.settings.peek());
      const notes = [...plan.notes];
      const fitted = await fitData(app, client, plan);
      const engineSpec = await client.request('spec', {});
      const mapped = settingsFromSpec(engineSpec, app.settings.peek(), { precision: plan.info.precision, seed: plan.info.seed, batchSize: plan.info.batchSize });
      mapped.settings.dataset = fitted.dataset;
      Object.assign(mapped.settings, fitted.settings);
      notes.push(...mapped.notes);
      if (fitted.note) notes.push(fitted.note);
      // The page's own spec when its controls describe the model, so that a later data edit
      // keeps these weights; otherwise the model's, and the next change rebuilds from the controls.
      const built = buildSpec(mapped.settings, mapped.hidden, fitted.data);
      const same = sameModel(built, engineSpec);
      if (!same) notes.push(msg('modelLoad.controlsDiffer'));
      report = { title: msg('modelLoad.loaded', { file: files.model.name, model: describe(engineSpec) }), notes: [...plan.epochNote, ...notes] };
      return { settings: mapped.settings, hidden: mapped.hidden, data: fitted.data, spec: same ? built : withoutNames(engineSpec), view2d: fitted.view2d, view1d: fitted.view1d, result: fitted.result };
    })
    .then(() => ({ ...report, notes: [...report.notes, countersNote(app)] }));
}

/** What the counters show now that the model is loaded, in their own numbers. */
function countersNote(app: App): Message {
  const s = app.snapshot.peek();
  const steps = s?.iterations ?? 0, epochs = s?.epoch ?? 0;
  return steps > 0
    ? msg('modelLoad.countersGoOn', { count: steps, steps: formatCount(steps, 'en'), epochs: formatCount(epochs, 'en') })
    : msg('modelLoad.countersFromZero');
}

// ---- the model text ---------------------------------------------------------------------------

// ---- the data ---------------------------------------------------------------------------------

// ---- the settings -----------------------------------------------------------------------------
