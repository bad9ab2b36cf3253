// The parts both gradient-check views draw (GradientCheck.tsx for Dense models, WeightChecks.tsx
// for models with other layers): a summary row's error and verdict cells, and the table of
// checked elements, backpropagation beside the finite difference. Every number is the engine's.
import { t } from '../i18n';
import { exactShown, show } from '../lib/number-format';
import { CHECK_TOLERANCE, exponent } from './check-verdict';

/** A summary row's largest relative error, and its verdict (a kink explains a disagreement). */
export function ErrorAndVerdict({ error, kink = false }: { error: number; kink?: boolean }) {
  const ok = error < CHECK_TOLERANCE;
  return (
    <>
      <td class="num" data-value={String(error)}>
        {exponent(error)}
      </td>
      <td class={ok ? 'verdict verdict--right' : 'verdict verdict--wrong'}>
        {ok ? t('teach.check.agree') : kink ? t('teach.check.kink') : t('teach.check.disagree')}
      </td>
    </>
  );
}

export interface CheckedEntry {
  key: string;
  name: string;
  backprop: number;
  numeric: number;
  error: number;
  step?: number; // the change this step makes, when the view shows it
}

/** Every checked element; `stepTitle`/`stepHeading` add the column of this step's change. */
export function CheckedEntries({ entries, stepHeading, stepTitle }: { entries: CheckedEntry[]; stepHeading?: string; stepTitle?: string }) {
  return (
    <div class="tgrid-scroll gcheck__scroll">
      <table class="tgrid gcheck__table" data-testid="gradient-check-table">
        <thead>
          <tr>
            <th scope="col">{t('teach.check.weight')}</th>
            <th scope="col">{t('teach.check.backprop')}</th>
            <th scope="col">{t('teach.check.finiteDifference')}</th>
            <th scope="col">{t('teach.check.relativeError')}</th>
            {stepHeading !== undefined && (
              <th scope="col" title={stepTitle}>
                {stepHeading}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.key}>
              <th scope="row">{e.name}</th>
              <td class="num mono" title={exactShown(e.backprop)} data-value={String(e.backprop)}>{e.backprop.toPrecision(10)}</td>
              <td class="num mono" title={exactShown(e.numeric)} data-value={String(e.numeric)}>{e.numeric.toPrecision(10)}</td>
              <td class={`num${e.error < CHECK_TOLERANCE ? '' : ' is-bad'}`} data-value={String(e.error)}>{exponent(e.error)}</td>
              {stepHeading !== undefined && <td class="num" title={exactShown(e.step ?? NaN)}>{show(e.step ?? NaN)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
