// "Check the gradients": backpropagation against a finite difference, per layer, side by side
// (the engine's bounded check on a float64 copy of the network at the step's starting weights:
// every weight up to its budget, beyond it a stated sample and random directions). It runs in
// slices in the worker, with a progress bar and Cancel.
import { useSignal } from '@preact/signals';
import { at } from '../lib/number-format';
import { useTeaching } from './state';
import { Tex } from './Tex';
import { CheckedEntries, ErrorAndVerdict, type CheckedEntry } from './CheckTables';
import { WeightChecks } from './WeightChecks';
import type { TeachGradientCheck, TeachView } from '../worker/teach-protocol';
import { formatCount, t } from '../i18n';
import { T } from '../i18n/T';


export function GradientCheckPanel({ view }: { view: TeachView }) {
  const teaching = useTeaching();
  const check = teaching.check.value;
  const checking = teaching.checking.value;
  const progress = teaching.checkProgress.value;
  const chosen = useSignal(view.layers.length - 1);
  return (
    <div class="gcheck" data-testid="gradient-check">
      <p class="step-lead">
        <T k="teach.check.lead" />
      </p>
      <Tex tex={`\\frac{\\partial L}{\\partial w} \\approx \\frac{-L(w + 2h) + 8L(w + h) - 8L(w - h) + L(w - 2h)}{12h}, \\qquad \\text{${t('teach.tex.relativeError')}} = \\frac{\\lvert g_{\\text{backprop}} - g_{\\text{numeric}} \\rvert}{\\max(\\lvert g_{\\text{backprop}} \\rvert, \\lvert g_{\\text{numeric}} \\rvert)}`} />
      <p class="gcheck__meta">
        {view.rows.length === 1 ? t('teach.check.metaRow', { row: view.rows[0] + 1 }) : t('teach.check.metaBatch', { count: view.rows.length })}
        {check && <> h = {check.h}.</>}{' '}
        <button class="btn btn--quiet" onClick={() => teaching.gradientCheck()} disabled={checking} data-testid="gradient-check-run">
          {checking ? t('teach.check.checking') : check ? t('teach.check.again') : t('teach.check.run')}
        </button>
        {checking && (
          <button class="btn btn--quiet" onClick={() => teaching.cancelCheck()} data-testid="gradient-check-cancel">
            {t('teach.check.cancel')}
          </button>
        )}
      </p>
      {checking && progress && (
        <p class="gcheck__progress" data-testid="gradient-check-progress" data-done={progress.done} data-total={progress.total}>
          <progress max={progress.total} value={progress.done} /> {t('teach.check.progress', { done: formatCount(progress.done), total: formatCount(progress.total) })}
        </p>
      )}
      {teaching.checkCancelled.value && !checking && (
        <p class="alert alert--info" data-testid="gradient-check-cancelled">
          {check ? t('teach.check.cancelledKept') : t('teach.check.cancelled')}
        </p>
      )}
      {check && <CheckScope check={check} />}
      {check && check.weights && <WeightChecks check={check} view={view} />}
      {check && !check.weights && <CheckResults check={check} view={view} chosen={chosen.value} onChoose={(l) => (chosen.value = l)} />}
    </div>
  );
}

/** What was checked: everything, or (beyond the budget) which sample and how many directions. */
function CheckScope({ check }: { check: TeachGradientCheck }) {
  const n = formatCount(check.parameters);
  if (check.exact)
    return (
      <p class="gcheck__scope" data-testid="gradient-check-scope" data-exact="true">
        {t('teach.check.scopeExact', { parameters: n, passes: formatCount(check.forwardPasses) })}
      </p>
    );
  return (
    <p class="gcheck__scope" data-testid="gradient-check-scope" data-exact="false">
      {t('teach.check.scopeSampled', { parameters: n, passes: formatCount(4 * check.parameters), budget: formatCount(check.budget) })}
    </p>
  );
}

function checkedText(c: TeachGradientCheck['layers'][number]): string {
  if (c.checked === c.parameters) return t('teach.check.checkedAll', { parameters: formatCount(c.parameters) });
  return t('teach.check.checkedSome', {
    checked: formatCount(c.checked), parameters: formatCount(c.parameters), largest: c.largest, random: c.random, count: c.directions,
  });
}

function CheckResults({ check, view, chosen, onChoose }: { check: TeachGradientCheck; view: TeachView; chosen: number; onChoose: (l: number) => void }) {
  const L = check.layers.length;
  const layer = check.layers[Math.min(chosen, L - 1)];
  const kinked = check.layers.some((c) => c.atKink > 0 || c.nearKink > 0);
  const rows: CheckedEntry[] = [];
  const W = layer.backpropDW;
  // The checked gradients (all of them when the check is exact), with the engine's error.
  for (let j = 0; j < W.rows; ++j)
    for (let i = 0; i < W.cols; ++i)
      if (!Number.isNaN(at(layer.numericDW, j, i)))
        rows.push({ key: `w${j}-${i}`, name: `w ${j + 1},${i + 1}`, backprop: at(W, j, i), numeric: at(layer.numericDW, j, i), error: at(layer.errorDW, j, i), step: at(layer.stepDW, j, i) });
  if (view.layers[chosen]?.useBias)
    for (let j = 0; j < layer.backpropDb.rows; ++j)
      if (!Number.isNaN(at(layer.numericDb, j)))
        rows.push({ key: `b${j}`, name: `b ${j + 1}`, backprop: at(layer.backpropDb, j), numeric: at(layer.numericDb, j), error: at(layer.errorDb, j), step: at(layer.stepDb, j) });
  return (
    <>
      <table class="gcheck__summary" data-testid="gradient-check-summary">
        <thead>
          <tr>
            <th scope="col">{t('teach.check.layer')}</th>
            <th scope="col">{t('teach.check.checked')}</th>
            <th scope="col">{t('teach.check.largest')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {check.layers.map((c, l) => {
            return (
              <tr key={l} class={l === chosen ? 'is-chosen' : undefined} onClick={() => onChoose(l)} data-testid={`gradient-check-layer-${l}`}>
                <th scope="row">{l === L - 1 ? t('teach.check.outputLayer') : t('teach.check.layerNumber', { layer: l + 1 })}</th>
                <td data-testid={`gradient-check-checked-${l}`} data-checked={c.checked} data-parameters={c.parameters} data-directions={c.directions}>
                  {checkedText(c)}
                </td>
                <ErrorAndVerdict error={c.maxRelativeError} kink={c.atKink + c.nearKink > 0} />
              </tr>
            );
          })}
        </tbody>
      </table>
      {kinked && (
        <p class="alert alert--warn gcheck__kink" data-testid="gradient-check-kink">
          {t('teach.check.kinkNote')}
        </p>
      )}
      <p class="gcheck__caption">
        {L > 1 ? t('teach.check.clickLayer') : ''}
        {chosen === L - 1
          ? t(check.exact ? 'teach.check.captionOutput' : 'teach.check.captionOutputSampled')
          : t(check.exact ? 'teach.check.captionLayer' : 'teach.check.captionLayerSampled', { layer: chosen + 1 })}
      </p>
      <CheckedEntries entries={rows} stepHeading={t('teach.check.thisStep', { precision: view.precision })} stepTitle={t('teach.check.thisStepTitle')} />
    </>
  );
}
