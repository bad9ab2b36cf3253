// The first rows of an imported table as the engine read them: every column by its name (a
// text column one-hot encoded as name=value), the target last, class names beside class indices.
import { Fragment } from 'preact';
import { t } from '../../i18n';
import { show } from '../../lib/number-format';
import type { TableRead } from '../../worker/table-protocol';

/** Columns shown before "…": a wide one-hot table stays readable. */
const MAX_COLUMNS = 10;

export function TablePreview({ read }: { read: TableRead }) {
  const d = read.dataset;
  const names = [...(d.featureNames ?? []), ...(d.targetNames ?? [])];
  const width = names.length;
  const shown = width <= MAX_COLUMNS ? names.map((_, i) => i) : [...Array.from({ length: MAX_COLUMNS - 1 }, (_, i) => i), width - 1];
  const isTarget = (c: number) => c >= d.features;
  const cell = (v: number, c: number) => (isTarget(c) && d.classNames.length > 0 && d.classNames[v] !== undefined ? `${v} (${d.classNames[v]})` : show(v));
  return (
    <div class="table-import__preview" data-testid="table-preview" data-columns={width}>
      <p class="table-import__caption">{t('table.previewCaption', { shown: read.preview.length, rows: d.rows })}</p>
      <table>
        <thead>
          <tr>
            {shown.map((c, k) => (
              <Fragment key={c}>
                {k > 0 && c !== shown[k - 1] + 1 && <th>…</th>}
                <th class={isTarget(c) ? 'is-target' : undefined} scope="col">
                  {names[c]}
                </th>
              </Fragment>
            ))}
          </tr>
        </thead>
        <tbody>
          {read.preview.map((row, r) => (
            <tr key={r}>
              {shown.map((c, k) => (
                <Fragment key={c}>
                  {k > 0 && c !== shown[k - 1] + 1 && <td>…</td>}
                  <td class={isTarget(c) ? 'is-target' : undefined}>
                    {cell(row[c], c)}
                  </td>
                </Fragment>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
