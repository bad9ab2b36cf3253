// The engine's class probabilities for one image, as bars with the class names; the largest stands out.
import { t } from '../../i18n';

export function Probabilities({ values, classNames }: { values: Float64Array; classNames: string[] }) {
  let best = 0;
  for (let k = 1; k < values.length; ++k) if (values[k] > values[best]) best = k;
  return (
    <table class="probabilities" aria-label={t('images.pad.probabilities')} data-testid="pad-probabilities">
      <tbody>
        {Array.from(values, (p, k) => (
          <tr key={k} class={k === best ? 'is-best' : ''} data-testid="pad-probability" data-value={p}>
            <th scope="row">{classNames[k] ?? k}</th>
            <td class="probabilities__bar">
              <span style={{ width: `${(p * 100).toFixed(1)}%` }} />
            </td>
            <td class="mono">{(p * 100).toFixed(1)}%</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
