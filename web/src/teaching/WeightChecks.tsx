// "Check the gradients" for a model with layers beyond Dense: one row per trained weight (a
// Dense kernel and bias, BatchNormalization's gamma and beta, PReLU's alpha, ...) with what the
// engine's bounded check covered and its largest relative error; a click shows every checked
// element, backpropagation beside the finite difference. Every number is the engine's report.
import { useSignal } from '@preact/signals';
import type { AnyLayerView } from '../engine/layers';
import { formatCount, t } from '../i18n';
import { teachLayerHeading } from '../lib/layer-kinds-text';
import type { TeachGradientCheck, TeachView, TeachWeightCheck } from '../worker/teach-protocol';
import { CheckedEntries, ErrorAndVerdict } from './CheckTables';


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
            return (
              <tr key={k} class={k === chosen.value ? 'is-chosen' : undefined} onClick={() => (chosen.value = k)} data-testid={`gradient-check-weight-${c.layer}-${c.name}`}>
                <th scope="row">{layerName(c.layer)}</th>
                <td>{c.name}</td>
                <td data-checked={c.checked} data-parameters={c.size}>
                  {c.checked === c.size ? t('teach.check.checkedAll', { parameters: formatCount(c.size) }) : t('teach.check.checkedOf', { checked: formatCount(c.checked), parameters: formatCount(c.size) })}
                </td>
                <ErrorAndVerdict error={c.maxRelativeError} />
              </tr>
            );
          })}
        </tbody>
      </table>
      {w && (
        <>
          <p class="gcheck__caption">{t('teach.check.captionWeight', { layer: layerName(w.layer), name: w.name })}</p>
          <CheckedEntries entries={w.entries.map((e) => ({ key: String(e.index), name: elementName(w, e.index), backprop: e.backprop, numeric: e.numeric, error: e.error }))} />
        </>
      )}
    </>
  );
}
