// "Check the gradients": backpropagation against a finite difference, per layer, side by side
// (trainer.gradientCheck on a float64 copy of the network at the step's starting weights).
import { useSignal } from '@preact/signals';
import { at, exactShown, show } from './format';
import { useTeaching } from './state';
import { Tex } from './Tex';
import type { TeachGradientCheck, TeachView } from '../worker/teach-protocol';
import { t } from '../i18n';
import { T } from '../i18n/T';

/** Below this the two agree to the precision a float64 difference quotient allows. */
export const CHECK_TOLERANCE = 1e-6;

/** |a - b| / max(|a|, |b|), 0 when both are 0 (gradient_check.hpp, relative_error). */
export const relativeError = (a: number, b: number) => {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : Math.abs(a - b) / scale;
};

export function GradientCheckPanel({ view }: { view: TeachView }) {
  const teaching = useTeaching();
  const check = teaching.check.value;
  const checking = teaching.checking.value;
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
      </p>
      {check && <CheckResults check={check} view={view} chosen={chosen.value} onChoose={(l) => (chosen.value = l)} />}
    </div>
  );
}

function CheckResults({ check, view, chosen, onChoose }: { check: TeachGradientCheck; view: TeachView; chosen: number; onChoose: (l: number) => void }) {
  const L = check.layers.length;
  const layer = check.layers[Math.min(chosen, L - 1)];
  const kinked = check.layers.some((c) => c.atKink > 0 || c.nearKink > 0);
  const rows: { name: string; bp: number; num: number; step: number; key: string }[] = [];
  const W = layer.backpropDW;
  for (let j = 0; j < W.rows; ++j)
    for (let i = 0; i < W.cols; ++i) rows.push({ key: `w${j}-${i}`, name: `w ${j + 1},${i + 1}`, bp: at(W, j, i), num: at(layer.numericDW, j, i), step: at(layer.stepDW, j, i) });
  if (view.layers[chosen]?.useBias)
    for (let j = 0; j < layer.backpropDb.rows; ++j) rows.push({ key: `b${j}`, name: `b ${j + 1}`, bp: at(layer.backpropDb, j), num: at(layer.numericDb, j), step: at(layer.stepDb, j) });
  return (
    <>
      <table class="gcheck__summary" data-testid="gradient-check-summary">
        <thead>
          <tr>
            <th scope="col">{t('teach.check.layer')}</th>
            <th scope="col">{t('teach.check.largest')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {check.layers.map((c, l) => {
            const ok = c.maxRelativeError < CHECK_TOLERANCE;
            return (
              <tr key={l} class={l === chosen ? 'is-chosen' : undefined} onClick={() => onChoose(l)} data-testid={`gradient-check-layer-${l}`}>
                <th scope="row">{l === L - 1 ? t('teach.check.outputLayer') : t('teach.check.layerNumber', { layer: l + 1 })}</th>
                <td class="num" data-value={String(c.maxRelativeError)}>
                  {c.maxRelativeError === 0 ? '0' : c.maxRelativeError.toExponential(1).replace('e-', 'e−')}
                </td>
                <td class={ok ? 'verdict verdict--right' : 'verdict verdict--wrong'}>{ok ? t('teach.check.agree') : c.atKink + c.nearKink > 0 ? t('teach.check.kink') : t('teach.check.disagree')}</td>
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
        {chosen === L - 1 ? t('teach.check.captionOutput') : t('teach.check.captionLayer', { layer: chosen + 1 })}
      </p>
      <div class="tgrid-scroll gcheck__scroll">
        <table class="tgrid gcheck__table" data-testid="gradient-check-table">
          <thead>
            <tr>
              <th scope="col">{t('teach.check.weight')}</th>
              <th scope="col">{t('teach.check.backprop')}</th>
              <th scope="col">{t('teach.check.finiteDifference')}</th>
              <th scope="col">{t('teach.check.relativeError')}</th>
              <th scope="col" title={t('teach.check.thisStepTitle')}>
                {t('teach.check.thisStep', { precision: view.precision })}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const e = relativeError(r.bp, r.num);
              return (
                <tr key={r.key}>
                  <th scope="row">{r.name}</th>
                  <td class="num mono" title={exactShown(r.bp)} data-value={String(r.bp)}>{r.bp.toPrecision(10)}</td>
                  <td class="num mono" title={exactShown(r.num)} data-value={String(r.num)}>{r.num.toPrecision(10)}</td>
                  <td class={`num${e < CHECK_TOLERANCE ? '' : ' is-bad'}`} data-value={String(e)}>{e === 0 ? '0' : e.toExponential(1).replace('e-', 'e−')}</td>
                  <td class="num" title={exactShown(r.step)}>{show(r.step)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
