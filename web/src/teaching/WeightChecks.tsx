// "Check the gradients" for a model with layers beyond Dense: one row per trained weight (a
// Dense kernel and bias, BatchNormalization's gamma and beta, PReLU's alpha, ...) with what the
// engine's bounded check covered and its largest relative error; a click shows every checked
// element, backpropagation beside the finite difference. Every number is the engine's report.
import { useSignal } from '@preact/signals';
import type { AnyLayerView } from '../engine/layers';
import { formatCount, t } from '../i18n';
import { teachLayerHeading } from '../lib/layer-kinds-text';
import type { TeachGradientCheck, TeachView, TeachWeightCheck } from '../worker/teach-protocol';
import { CHECK_TOLERANCE, exponent } from './check-verdict';
import { exactShown } from '../lib/number-format';


/** Element `index` (column-major) of a weight of `rows` rows: "gamma 3", "kernel 2,5". */
function elementName(w: TeachWeightCheck, index: number): string {
  if (w.rows === w.size || w.rows <= 1) return `${w.name} ${index + 1}`;
  return `${w.name} ${(index % w.rows) + 1},${Math.floor(index / w.rows) + 1}`;
}

export function WeightChecks({ check, view }: { check: TeachGradientCheck; view: TeachView }) {
  const weights = check.weights ?? [];
  const chosen = useSignal(0);
  const w = weights[Math.min(chosen.value, weights.length - 1)];
  const layerName = (l: number) => {
    const v = view.layers[l] as unknown as AnyLayerView;
    return teachLayerHeading(l + 1, v.className ?? 'Dense', '');
  };
  return (
    <>
      <table class="gcheck__summary gcheck__summary--weights" data-testid="gradient-check-summary">
        <thead>
          <tr>
            <th scope="col">{t('teach.check.layer')}</th>
            <th scope="col">{t('teach.check.weight')}</th>
            <th scope="col">{t('teach.check.checked')}</th>
            <th scope="col">{t('teach.check.largest')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {weights.map((c, k) => {
            const ok = c.maxRelativeError < CHECK_TOLERANCE;
            return (
              <tr key={k} class={k === chosen.value ? 'is-chosen' : undefined} onClick={() => (chosen.value = k)} data-testid={`gradient-check-weight-${c.layer}-${c.name}`}>
                <th scope="row">{layerName(c.layer)}</th>
                <td>{c.name}</td>
                <td data-checked={c.checked} data-parameters={c.size}>
                  {c.checked === c.size ? t('teach.check.checkedAll', { parameters: formatCount(c.size) }) : t('teach.check.checkedOf', { checked: formatCount(c.checked), parameters: formatCount(c.size) })}
                </td>
                <td class="num" data-value={String(c.maxRelativeError)}>
                  {exponent(c.maxRelativeError)}
                </td>
                <td class={ok ? 'verdict verdict--right' : 'verdict verdict--wrong'}>{ok ? t('teach.check.agree') : t('teach.check.disagree')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {w && (
        <>
          <p class="gcheck__caption">{t('teach.check.captionWeight', { layer: layerName(w.layer), name: w.name })}</p>
          <div class="tgrid-scroll gcheck__scroll">
            <table class="tgrid gcheck__table" data-testid="gradient-check-table">
              <thead>
                <tr>
                  <th scope="col">{t('teach.check.weight')}</th>
                  <th scope="col">{t('teach.check.backprop')}</th>
                  <th scope="col">{t('teach.check.finiteDifference')}</th>
                  <th scope="col">{t('teach.check.relativeError')}</th>
                </tr>
              </thead>
              <tbody>
                {w.entries.map((e) => (
                  <tr key={e.index}>
                    <th scope="row">{elementName(w, e.index)}</th>
                    <td class="num mono" title={exactShown(e.backprop)} data-value={String(e.backprop)}>{e.backprop.toPrecision(10)}</td>
                    <td class="num mono" title={exactShown(e.numeric)} data-value={String(e.numeric)}>{e.numeric.toPrecision(10)}</td>
                    <td class={`num${e.error < CHECK_TOLERANCE ? '' : ' is-bad'}`} data-value={String(e.error)}>{exponent(e.error)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
