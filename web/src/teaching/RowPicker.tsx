// Which rows Teach mode's step learns from (one sample, or the batch Step would take next), and
// which sample of a batch its formulas show.
import { t as tr } from '../i18n';
import { useApp } from '../components/fields';
import type { Dataset } from '../lib/types';
import { show } from '../lib/number-format';
import { useTeaching } from './state';
import type { TeachView } from '../worker/teach-protocol';

/** A row's features and target in a few characters: "00000001 → 1" or "(0.25, −1.3) → 0". */
function rowText(d: Dataset, r: number): string {
  const x = Array.from(d.x.subarray(r * d.features, (r + 1) * d.features));
  const y = Array.from(d.y.subarray(r * d.targets, (r + 1) * d.targets));
  const bits = x.every((v) => v === 0 || v === 1);
  const xs = bits && x.length > 2 ? x.join('') : `(${x.slice(0, 3).map(show).join(', ')}${x.length > 3 ? ', …' : ''})`;
  return `${xs} → ${y.slice(0, 3).map(show).join(', ')}${y.length > 3 ? ', …' : ''}`;
}

const MAX_LISTED_ROWS = 500;

export function SourcePicker({ view }: { view: TeachView }) {
  const teaching = useTeaching();
  const app = useApp();
  const train = app.split.value?.train;
  const B = app.readout.value?.batchSize ?? 1;
  const value = view.source.kind === 'batch' ? 'batch' : String(view.source.row);
  const onChange = (raw: string) => {
    void teaching.start(raw === 'batch' ? { kind: 'batch' } : { kind: 'sample', row: Number(raw) });
  };
  if (!train) return null;
  return (
    <label class="source" title={tr('teach.source.title')}>
      <span>{tr('teach.source.label')}</span>
      {train.rows <= MAX_LISTED_ROWS ? (
        <select value={value} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)} data-testid="teach-source">
          <option value="batch">{tr('teach.source.batch', { count: B === 1 ? 1 : Math.min(B, train.rows) })}</option>
          {Array.from({ length: train.rows }, (_, r) => (
            <option key={r} value={String(r)}>
              {tr(r === view.nextRow ? 'teach.source.rowNext' : 'teach.source.row', { row: r + 1, text: rowText(train, r) })}
            </option>
          ))}
        </select>
      ) : (
        <input
          type="text"
          inputMode="numeric"
          value={view.source.kind === 'sample' ? String(view.source.row + 1) : ''}
          placeholder={tr('teach.source.rowPlaceholder')}
          data-testid="teach-source-row"
          onChange={(e) => {
            const n = Number((e.currentTarget as HTMLInputElement).value);
            if (Number.isInteger(n) && n >= 1 && n <= train.rows) onChange(String(n - 1));
          }}
        />
      )}
    </label>
  );
}

export function SamplePicker({ view, sample }: { view: TeachView; sample: number }) {
  const teaching = useTeaching();
  return (
    <label class="sample-pick">
      <span>{tr('teach.numbersFor')}</span>
      <select value={String(sample)} onChange={(e) => (teaching.sample.value = Number((e.currentTarget as HTMLSelectElement).value))} data-testid="teach-sample">
        {view.rows.slice(0, 256).map((r, s) => (
          <option key={s} value={String(s)}>
            {tr('teach.row', { row: r + 1 })}
          </option>
        ))}
      </select>
    </label>
  );
}
