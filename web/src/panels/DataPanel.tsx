// The data: a generator picker, its parameters, the samples (a clickable plot for 2-D data and
// an editable table), and CSV import/export.
import { useEffect, useRef, useState } from 'preact/hooks';
import { DatasetThumb } from '../components/DatasetThumb';
import { BooleanField, SliderField, useApp } from '../components/fields';
import { ImageLoadBar } from './images/ImageLoadBar';
import { ProposalNote } from './images/ProposalNote';
import { SampleGrid } from './images/SampleGrid';
import './images/images.css';
import { Icon } from '../components/Icon';
import { useSize } from '../components/useSize';
import { ROW_HEIGHT, VirtualTable } from '../components/VirtualTable';
import { classColor, css } from '../lib/colors';
import { plain } from '../lib/data-view';
import { drawAxes, drawPoints, fitCanvas, fromPixel, type FieldMode } from '../lib/plot2d';
import { isImageSetName, SETTINGS } from '../settings';
import type { Dataset } from '../lib/types';
import type { TargetInfo } from '../state/model-for-data';
import { say, t as tr, type Message } from '../i18n';
import { optionLabel, settingLabel } from '../i18n/settings-text';

export function DataPanel() {
  const app = useApp();
  const data = app.dataset.value;
  const t = app.targets.value;
  const images = app.images.value;
  const load = app.imageLoad.value;
  return (
    <section class="panel panel--data" aria-labelledby="data-title">
      <header class="panel__head">
        <h2 id="data-title">{tr('data.title')}</h2>
        {data && (
          <span class="panel__meta" data-testid="data-summary">
            {tr('data.summary', { rows: data.rows, count: data.features, task: t ? describeTask(t) : '' })}
          </span>
        )}
      </header>
      {!app.hiddenControls.value.has('dataset') && <DatasetPicker />}
      {load && <ImageLoadBar load={load} />}
      <div class="sliders">
        <SliderField k="count" />
        <SliderField k="noise" format={(v) => v.toFixed(2)} />
        <SliderField k="testRatio" format={(v) => `${Math.round(v * 100)}%`} />
      </div>
      <BooleanField k="fullImages" />
      {images && <ProposalNote view={images} proposed={app.proposal.value} />}
      {images && <SampleGrid view={images} />}
      {data && data.features === 2 && t && t.kind !== 'regression' && <PointsEditor data={data} targets={t} />}
      {data &&
        !images &&
        (data.features === 2 ? (
          <details class="samples-details">
            <summary data-testid="samples-toggle">{tr('data.tableToggle', { rows: data.rows })}</summary>
            <SampleTable data={data} compact />
          </details>
        ) : (
          <SampleTable data={data} compact={false} />
        ))}
      <CsvTools />
    </section>
  );
}

function describeTask(t: TargetInfo): string {
  switch (t.kind) {
    case 'binary':
      return tr('data.task.binary');
    case 'classes':
    case 'onehot':
      return tr('data.task.classes', { count: t.classes });
    case 'multilabel':
      return tr('data.task.labels', { count: t.classes });
    case 'regression':
      return tr('data.task.regression');
  }
}

function DatasetPicker() {
  const app = useApp();
  const current = app.settings.value.dataset;
  const thumbs = app.thumbnails.value;
  // A refused or cancelled choice (an image set that did not download) says why; the data stay.
  const [error, setError] = useState<Message | null>(null);
  return (
    <>
    <div class="picker" role="radiogroup" aria-label={settingLabel('dataset')}>
      {SETTINGS.dataset.options
        .filter((o) => o.value !== 'custom' || current === 'custom')
        .map((o) => (
          <button
            key={o.value}
            role="radio"
            aria-checked={current === o.value}
            class={`picker__item${current === o.value ? ' is-selected' : ''}`}
            onClick={async () => setError(await app.setSetting('dataset', o.value))}
            data-testid={`dataset-${o.value}`}
            title={optionLabel('dataset', o.value, o.label)}
          >
            {o.value === 'custom' ? (
              <span class="thumb thumb--custom">CSV</span>
            ) : isImageSetName(o.value) ? (
              <span class="thumb thumb--custom thumb--images">{o.value === 'digits' ? '8×8' : '28×28'}</span>
            ) : (
              <DatasetThumb data={thumbs[o.value]} />
            )}
            <span>{optionLabel('dataset', o.value, o.label)}</span>
          </button>
        ))}
    </div>
    {error && (
      <p class="field__error" role="alert" data-testid="dataset-error">
        {say(error)}
      </p>
    )}
    </>
  );
}

/** 2-D data as points: a click adds one of the chosen class, shift-click removes the nearest. */
function PointsEditor({ data, targets }: { data: Dataset; targets: TargetInfo }) {
  const app = useApp();
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const { width } = useSize(box);
  const size = Math.max(120, Math.min(width, 240));
  const view = app.view2d.value;
  const split = app.split.value;
  const classes = Math.max(2, targets.classes);
  const chosen = Math.min(app.settings.value.pointClass, classes - 1);
  const mode: FieldMode = { kind: 'classes', classes };
  useEffect(() => {
    if (!canvas.current || !view || !split || width === 0) return;
    const ctx = fitCanvas(canvas.current, size, size);
    ctx.fillStyle = '#fbfbfc';
    ctx.fillRect(0, 0, size, size);
    drawAxes(ctx, view, size);
    drawPoints(ctx, view, size, split.train, mode, false, 3);
    drawPoints(ctx, view, size, split.test, mode, true, 3);
  }, [view, split, size, width]);
  const [error, setError] = useState<Message | null>(null);
  const onClick = async (e: MouseEvent) => {
    if (!view) return;
    const rect = (e.currentTarget as HTMLCanvasElement).getBoundingClientRect();
    const [x, y] = fromPixel(view, size, e.clientX - rect.left, e.clientY - rect.top);
    setError(e.shiftKey ? await app.removeNearestPoint(x, y) : await app.addPoint(x, y, chosen));
  };
  return (
    <div class="points-editor" ref={box}>
      <div class="points-editor__bar">
        <span class="points-editor__hint">
          {tr('data.points.hintAdd')}
          <br />
          {tr('data.points.hintRemove')}
        </span>
        <div class="segmented" role="radiogroup" aria-label={tr('data.points.classGroup')} hidden={app.hiddenControls.value.has('pointClass')}>
          {Array.from({ length: Math.min(classes, 10) }, (_, k) => (
            <button
              key={k}
              role="radio"
              aria-checked={chosen === k}
              class={chosen === k ? 'is-selected' : ''}
              onClick={() => app.setSetting('pointClass', k)}
              data-testid={`class-${k}`}
              title={tr('data.points.classTitle', { class: k })}
            >
              <span class="dot" style={{ background: css(classColor(k)) }} />
              {k}
            </button>
          ))}
        </div>
      </div>
      <canvas
        ref={canvas}
        class="points-editor__canvas"
        style={{ width: `${size}px`, height: `${size}px` }}
        onClick={onClick}
        role="img"
        aria-label={tr('data.points.canvas', { rows: data.rows, class: chosen })}
        data-testid="data-canvas"
      />
      {error && (
        <p class="field__error" role="alert">
          {say(error)}
        </p>
      )}
    </div>
  );
}

/** Every row, editable: a cell is applied when you press Enter or leave it. */
function SampleTable({ data, compact }: { data: Dataset; compact: boolean }) {
  const app = useApp();
  const columns = [...data.featureNames, ...data.targetNames];
  const [error, setError] = useState<Message | null>(null);
  const commit = async (row: number, col: number, input: HTMLInputElement) => {
    const old = col < data.features ? data.x[row * data.features + col] : data.y[row * data.targets + col - data.features];
    if (input.value.trim() === '' || Number(input.value) === old) {
      input.value = plain(old);
      return;
    }
    const message = await app.editCell(row, col, input.value);
    setError(message);
    if (message) input.value = plain(old);
  };
  // One Tab stop for the whole table (the cell last focused, or the first shown); the arrow keys
  // move between cells inside it, as in a spreadsheet.
  const [active, setActive] = useState({ row: 0, col: 0 });
  const width = data.features + data.targets;
  const move = (input: HTMLInputElement, row: number, col: number) => {
    const r = Math.min(data.rows - 1, Math.max(0, row)), c = Math.min(width - 1, Math.max(0, col));
    // The next row is always rendered (the table draws a few rows beyond the visible ones).
    (input.closest('table')?.querySelector(`input[data-row="${r}"][data-col="${c}"]`) as HTMLInputElement | null)?.focus();
  };
  const onKey = (e: KeyboardEvent, row: number, col: number) => {
    const input = e.currentTarget as HTMLInputElement;
    const all = input.selectionStart === 0 && input.selectionEnd === input.value.length;
    const atStart = all || (input.selectionStart === 0 && input.selectionEnd === 0);
    const atEnd = all || (input.selectionStart === input.value.length && input.selectionEnd === input.value.length);
    let to: [number, number] | null = null;
    if (e.key === 'Enter') input.blur();
    else if (e.key === 'ArrowUp') to = [row - 1, col];
    else if (e.key === 'ArrowDown') to = [row + 1, col];
    else if (e.key === 'ArrowLeft' && atStart) to = [row, col - 1];
    else if (e.key === 'ArrowRight' && atEnd) to = [row, col + 1];
    if (to) {
      e.preventDefault();
      move(input, to[0], to[1]);
    }
  };
  const cell = (row: number, col: number, value: number, first: number, last: number) => {
    // The Tab stop: the active cell, or the nearest row the table has drawn.
    const stopRow = Math.min(Math.max(active.row, first), last - 1);
    return (
      <td key={col} class={col >= data.features ? 'is-target' : ''}>
        <input
          class="cell"
          value={plain(value)}
          aria-label={tr('data.cell', { row: row + 1, column: columns[col] })}
          data-row={row}
          data-col={col}
          tabIndex={row === stopRow && col === active.col ? 0 : -1}
          onFocus={(e) => {
            setActive({ row, col });
            (e.currentTarget as HTMLInputElement).select();
          }}
          onKeyDown={(e) => onKey(e, row, col)}
          onBlur={(e) => commit(row, col, e.currentTarget as HTMLInputElement)}
        />
      </td>
    );
  };
  return (
    <div class={`samples${compact ? ' samples--compact' : ''}`}>
      <VirtualTable
        rows={data.rows}
        maxHeight={compact ? ROW_HEIGHT * 5 : ROW_HEIGHT * 11.5}
        label={tr('data.samples')}
        testid="sample-table"
        className="table-scroll--samples"
        header={
          <tr>
            <th scope="col">#</th>
            {columns.map((c, i) => (
              <th scope="col" key={c + i} class={i >= data.features ? 'is-target' : ''}>
                {c}
              </th>
            ))}
          </tr>
        }
        focusable={false}
        renderRow={(r, first, last) => (
          <tr key={r}>
            <th scope="row">{r + 1}</th>
            {Array.from({ length: data.features }, (_, f) => cell(r, f, data.x[r * data.features + f], first, last))}
            {Array.from({ length: data.targets }, (_, k) => cell(r, data.features + k, data.y[r * data.targets + k], first, last))}
          </tr>
        )}
      />
      {error && (
        <p class="field__error" role="alert">
          {say(error)}
        </p>
      )}
    </div>
  );
}

/** A chosen file longer than this is loaded without being shown in the text box (laying out a
 * text box of megabytes would hold the page up for many seconds). */
const MAX_SHOWN_CSV = 200_000;

function CsvTools() {
  const app = useApp();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [bigFile, setBigFile] = useState<string | null>(null);
  // How many of the last columns are targets: as many as the data on screen have, so that a
  // downloaded CSV (features, then targets) loads back as the same dataset.
  const [targets, setTargets] = useState(1);
  const error = app.dataError.value;
  const load = async (csv: string) => {
    if (await app.importCsv(csv, targets)) {
      setOpen(false);
      setBigFile(null);
    }
  };
  const download = async () => {
    const csv = await app.exportCsv();
    if (!csv) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    a.download = `${app.settings.value.dataset}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  return (
    <div class="csv">
      <div class="csv__buttons">
        <button
          class="btn btn--quiet"
          aria-expanded={open}
          hidden={app.hiddenControls.value.has('dataset')}
          onClick={() => {
            if (!open) setTargets(app.dataset.peek()?.targets ?? 1);
            setOpen(!open);
          }}
          data-testid="csv-toggle"
        >
          <Icon name="upload" size={16} /> {tr('data.csv.import')}
        </button>
        <button class="btn btn--quiet" onClick={download} hidden={app.images.value !== null} data-testid="csv-download">
          <Icon name="download" size={16} /> {tr('data.csv.download')}
        </button>
      </div>
      {open && (
        <div class="csv__form">
          <label for="csv-text" class="csv__label">
            {tr('data.csv.paste', { count: targets })}
          </label>
          <textarea
            id="csv-text"
            rows={5}
            spellcheck={false}
            placeholder={'x1,x2,label\n0.5,1.2,1\n-0.3,0.8,0'}
            value={text}
            onInput={(e) => {
              setText((e.currentTarget as HTMLTextAreaElement).value);
              setBigFile(null);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'csv-error' : undefined}
            data-testid="csv-text"
          />
          {bigFile && (
            <p class="csv__label" data-testid="csv-big-file">
              {bigFile}
            </p>
          )}
          <label class="csv__label csv__targets">
            {tr('data.csv.targets')}
            <input
              type="number"
              min={1}
              max={32}
              step={1}
              value={targets}
              onInput={(e) => setTargets(Math.max(1, Math.round(Number((e.currentTarget as HTMLInputElement).value)) || 1))}
              data-testid="csv-targets"
            />
          </label>
          <div class="csv__buttons">
            <button class="btn btn--primary" onClick={() => load(text)} disabled={!text.trim()} data-testid="csv-load">
              {tr('data.csv.load')}
            </button>
            <label class="btn btn--quiet file">
              {tr('data.csv.chooseFile')}
              <input
                type="file"
                accept=".csv,text/csv,text/plain"
                data-testid="csv-file"
                onChange={async (e) => {
                  const input = e.currentTarget as HTMLInputElement;
                  const file = input.files?.[0];
                  if (!file) return;
                  const content = await file.text();
                  input.value = ''; // the same file again is a new choice
                  const big = content.length > MAX_SHOWN_CSV;
                  setText(big ? '' : content);
                  setBigFile(big ? tr('data.csv.bigFile', { name: file.name, size: (content.length / 1e6).toFixed(1) }) : null);
                  await load(content);
                }}
              />
            </label>
          </div>
        </div>
      )}
      {error && (
        <p class="field__error csv__error" role="alert" id="csv-error" data-testid="csv-error">
          {say(error)}
        </p>
      )}
    </div>
  );
}
