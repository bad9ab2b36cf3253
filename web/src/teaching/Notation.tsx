// The notation every formula of Teach mode follows, written down once (web/README.md has the
// same table). Each symbol has one meaning: η is the learning rate and α only Adam's step size,
// the index letters keep their meaning from step to step, ∂ is a partial derivative throughout.
import { t } from '../i18n';

/** [symbol, key of its meaning under teach.notation]: the rows of the table, in reading order. */
export const NOTATION: readonly (readonly [string, string])[] = [
  ['x', 'x'],
  ['y', 'y'],
  ['ŷ', 'yhat'],
  ['[ℓ]', 'layer'],
  ['W', 'W'],
  ['b', 'b'],
  ['z', 'z'],
  ['a', 'a'],
  ['f', 'f'],
  ['i', 'i'],
  ['j', 'j'],
  ['j′', 'jprime'],
  ['k', 'k'],
  ['c', 'c'],
  ['s', 's'],
  ['B', 'B'],
  ['K', 'K'],
  ['L', 'L'],
  ['∂', 'partial'],
  ['δ', 'delta'],
  ['η', 'eta'],
  ['α', 'alpha'],
  ['t', 't'],
  ['g', 'g'],
  ['m', 'm'],
  ['v', 'v'],
  ['A', 'A'],
  ['β₁, β₂', 'betas'],
  ['ε', 'epsilon'],
  ['μ', 'mu'],
  ['⊙', 'odot'],
];

export function NotationTable() {
  return (
    <details class="notation" data-testid="notation">
      <summary>{t('teach.notation.summary')}</summary>
      <table class="notation__table" data-testid="notation-table">
        <tbody>
          {NOTATION.map(([symbol, key]) => (
            <tr key={symbol}>
              <th scope="row">{symbol}</th>
              <td>{t(`teach.notation.${key}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
