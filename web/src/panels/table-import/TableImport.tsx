// Importing a table: the engine reads it (worker/table-io.ts) and says what it decided (the
// delimiter, a describing line skipped, text columns made categories, missing values, constant
// or ID-like columns); here the user can choose otherwise, sees the first rows as the network
// will get them, the task the target calls for, and whether to scale the features. Nothing
// changes on the page until "Use this table"; a table the engine refuses says why and where,
// and the choices stay to be changed.
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../../components/fields';
import { formatCount, say, t, type Message } from '../../i18n';
import { messageOf, noticeMessage } from '../../i18n/engine';
import type { FeatureScalingKind } from '../../worker/protocol';
import type { TableRead, TableReadOptions } from '../../worker/table-protocol';
import { TablePreview } from './TablePreview';
import './TableImport.css';

const DELIMITERS: TableReadOptions['delimiter'][] = ['auto', ',', ';', '\t', ' ', '|'];
const DELIMITER_KEY: Record<string, string> = { auto: 'auto', ',': 'comma', ';': 'semicolon', '\t': 'tab', ' ': 'space', '|': 'pipe' };
const SCALINGS: FeatureScalingKind[] = ['none', 'standardize', 'min_max'];

export function TableImport({ text, name, onDone }: { text: string; name: string | null; onDone: (used: boolean) => void }) {
  const app = useApp();
  const [options, setOptions] = useState<TableReadOptions>({ delimiter: 'auto', header: 'auto', skipLines: 0, missing: 'refuse', target: '' });
  const [read, setRead] = useState<TableRead | null>(null);
  const [error, setError] = useState<Message | null>(null);
  const [scaling, setScaling] = useState<FeatureScalingKind | null>(null);
  const [using, setUsing] = useState(false);
  useEffect(() => {
    let live = true;
    app.client
      .request('readTable', { text, options })
      .then((r) => {
        if (!live) return;
        setRead(r);
        setError(null);
      })
      .catch((err) => live && setError(messageOf(err))); // the last table read stays shown
    return () => void (live = false);
  }, [text, options]);
  const set = <K extends keyof TableReadOptions>(k: K, v: TableReadOptions[K]) => setOptions({ ...options, [k]: v });
  const chosenScaling = scaling ?? read?.advice ?? 'none';
  const use = async () => {
    if (!read) return;
    setUsing(true);
    const problem = await app.importTable(read.dataset, chosenScaling, read.task);
    setUsing(false);
    if (problem) setError(problem);
    else onDone(true);
  };
  const d = read?.dataset;
  return (
    <section class="table-import" aria-label={t('table.title')} data-testid="table-import">
      <h3 class="table-import__title">{name ? t('table.titleFile', { name }) : t('table.title')}</h3>
      <div class="table-import__options">
        <label>
          {t('table.delimiter')}
          <select value={options.delimiter} onChange={(e) => set('delimiter', (e.currentTarget as HTMLSelectElement).value as TableReadOptions['delimiter'])} data-testid="table-delimiter">
            {DELIMITERS.map((v) => (
              <option key={v} value={v}>
                {v === 'auto' && read ? t('table.delimiterAuto', { found: t(`table.delimiters.${DELIMITER_KEY[read.delimiter]}`) }) : t(`table.delimiters.${DELIMITER_KEY[v]}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('table.header')}
          <select value={options.header} onChange={(e) => set('header', (e.currentTarget as HTMLSelectElement).value as TableReadOptions['header'])} data-testid="table-header">
            <option value="auto">{read ? t(read.header ? 'table.headerAutoYes' : 'table.headerAutoNo') : t('table.headerAuto')}</option>
            <option value="yes">{t('table.headerYes')}</option>
            <option value="no">{t('table.headerNo')}</option>
          </select>
        </label>
        <label>
          {t('table.skipLines')}
          <input type="number" min={0} max={1000} step={1} value={options.skipLines} data-testid="table-skip"
            onChange={(e) => set('skipLines', Math.max(0, Math.min(1000, Math.round(Number((e.currentTarget as HTMLInputElement).value)) || 0)))} />
        </label>
        <label>
          {t('table.missing')}
          <select value={options.missing} onChange={(e) => set('missing', (e.currentTarget as HTMLSelectElement).value as TableReadOptions['missing'])} data-testid="table-missing">
            <option value="refuse">{t('table.missingRefuse')}</option>
            <option value="drop">{t('table.missingDrop')}</option>
            <option value="mean">{t('table.missingMean')}</option>
          </select>
        </label>
        <label>
          {t('table.target')}
          <input type="text" value={options.target} placeholder={t('table.targetLast')} data-testid="table-target" size={10}
            onChange={(e) => set('target', (e.currentTarget as HTMLInputElement).value)} />
        </label>
      </div>
      {error && (
        <p class="alert alert--error" role="alert" data-testid="table-error">
          {say(error)}
        </p>
      )}
      {read && d && (
        <>
          <p class="table-import__summary" data-testid="table-summary">
            {t('table.summary', { rows: formatCount(d.rows), features: formatCount(d.features), target: (d.targetNames ?? []).join(', ') })}{' '}
            {taskText(read)}
          </p>
          {read.notices.length > 0 && (
            <ul class="table-import__notices" data-testid="table-notices">
              {read.notices.map((n, i) => (
                <li key={i} data-kind={n.kind}>
                  {say(noticeMessage(n))}
                </li>
              ))}
            </ul>
          )}
          <TablePreview read={read} />
          <fieldset class="table-import__scaling">
            <legend>{t('table.scaling')}</legend>
            {SCALINGS.map((k) => (
              <label key={k}>
                <input type="radio" name="table-scaling" value={k} checked={chosenScaling === k} onChange={() => setScaling(k)} data-testid={`table-scaling-${k}`} />{' '}
                {t(`settings.featureScaling.options.${k}`)}
                {k === read.advice && k !== 'none' ? ` ${t('table.recommended')}` : ''}
              </label>
            ))}
            <p class="table-import__why">{t(read.advice === 'standardize' ? 'table.adviceStandardize' : 'table.adviceNone')}</p>
          </fieldset>
        </>
      )}
      <div class="table-import__buttons">
        <button class="btn btn--primary" onClick={use} disabled={!read || using || error !== null} data-testid="table-use">
          {t('table.use')}
        </button>
        <button class="btn btn--quiet" onClick={() => onDone(false)} data-testid="table-cancel">
          {t('table.cancel')}
        </button>
      </div>
    </section>
  );
}

/** The task the engine picked for the target, in the page's language (from its fields). */
function taskText(r: TableRead): string {
  const k = r.task;
  if (k.kind === 'binary') return t('table.taskBinary', { activation: k.outputActivation, loss: t(`settings.loss.options.${k.loss}`) });
  const names = r.dataset.classNames ?? [];
  if (k.kind === 'multiclass')
    return t(names.length > 0 ? 'table.taskClasses' : 'table.taskClassesUnnamed', { classes: k.classes, names: names.join(', '), activation: k.outputActivation, loss: t(`settings.loss.options.${k.loss}`) });
  return t('table.taskRegression', { count: k.outputUnits, activation: k.outputActivation, loss: t(`settings.loss.options.${k.loss}`) });
}
