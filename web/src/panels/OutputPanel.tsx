// What the network does: loss and accuracy (from the engine), the loss per epoch, the output
// over the input space, a live predictions table and a confusion matrix.
import { useState } from 'preact/hooks';
import { useApp } from '../components/fields';
import { Icon } from '../components/Icon';
import { LossChart } from '../components/LossChart';
import { BoundaryPlot, CurvePlot } from '../components/Plots';
import { ROW_HEIGHT, VirtualTable } from '../components/VirtualTable';
import { classColor, css } from '../lib/colors';
import { fmt } from '../lib/data-view';
import type { FieldMode } from '../lib/plot2d';
import { isClassification } from '../state/model-for-data';
import type { Dataset } from '../lib/types';
import { SETTINGS } from '../settings';
import type { RowClasses } from '../worker/protocol';
import { say, t as tr } from '../i18n';
import { DrawingPad } from './images/DrawingPad';
import { ImageConfusion } from './images/ImageConfusion';
import { optionLabel, settingHelp, settingLabel } from '../i18n/settings-text';
import { LandscapePanel } from './landscape/LandscapePanel';

export function OutputPanel({ fieldMode }: { fieldMode: FieldMode | null }) {
  const app = useApp();
  const twoD = app.view2d.value !== null && fieldMode !== null;
  const oneD = app.view1d.value !== null;
  const t = app.targets.value;
  const classification = t ? isClassification(t) : true;
  const [tab, setTab] = useState<'predictions' | 'confusion'>('predictions');
  const shownTab = classification ? tab : 'predictions';
  const images = app.images.value;
  return (
    <section class="panel panel--output" aria-labelledby="output-title">
      <header class="panel__head">
        <h2 id="output-title">{tr('output.title')}</h2>
        <ScaleToggle />
      </header>
      <Divergence />
      <Metrics classification={classification} />
      <LossChart height={twoD ? 104 : 140} />
      {twoD && <BoundaryPlot mode={fieldMode!} maxSize={236} />}
      {oneD && <CurvePlot height={150} />}
      {images && (
        <p class="image-note" data-testid="no-boundary">
          {tr('images.noBoundary', { count: images.height * images.width })}
        </p>
      )}
      {images && <DrawingPad view={images} />}
      <div class="tabs" role="tablist" aria-label={tr('output.details')}>
        <button role="tab" id="tab-predictions" aria-selected={shownTab === 'predictions'} aria-controls="panel-predictions" onClick={() => setTab('predictions')} data-testid="tab-predictions">
          {tr('output.predictions')}
        </button>
        {classification && (
          <button role="tab" id="tab-confusion" aria-selected={shownTab === 'confusion'} aria-controls="panel-confusion" onClick={() => setTab('confusion')} data-testid="tab-confusion">
            {tr('output.confusion')}
          </button>
        )}
      </div>
      <div role="tabpanel" id={`panel-${shownTab}`} aria-labelledby={`tab-${shownTab}`} class="tabpanel">
        {shownTab === 'predictions' ? <Predictions classification={classification} compact={twoD || oneD} /> : images ? <ImageConfusion view={images} /> : <Confusion />}
      </div>
      <LandscapePanel />
    </section>
  );
}

function ScaleToggle() {
  const app = useApp();
  const scale = app.settings.value.chartScale;
  return (
    <div class="segmented segmented--small" role="radiogroup" aria-label={settingLabel('chartScale')} title={settingHelp('chartScale')} hidden={app.hiddenControls.value.has('chartScale')}>
      {SETTINGS.chartScale.options.map((o) => (
        <button
          key={o.value}
          role="radio"
          aria-checked={scale === o.value}
          class={scale === o.value ? 'is-selected' : ''}
          onClick={() => app.setSetting('chartScale', o.value)}
          data-testid={`scale-${o.value}`}
        >
          {optionLabel('chartScale', o.value, o.label)}
        </button>
      ))}
    </div>
  );
}

function Divergence() {
  const app = useApp();
  const s = app.readout.value;
  if (!s?.stopReason) return null;
  return (
    <div class="alert alert--error divergence" role="alert" data-testid="divergence">
      <Icon name="warning" size={18} />
      <div>
        <p>{say(s.stopReason)}</p>
        {s.diverged !== 'no' && s.canRestore && (
          <button class="btn btn--primary" onClick={() => app.restore()} data-testid="restore">
            {tr('output.restore')}
          </button>
        )}
      </div>
    </div>
  );
}

function Metric({ label, value, raw, testid, hint }: { label: string; value: string; raw: number | null; testid: string; hint?: string }) {
  return (
    <div class="metric" title={hint}>
      <dt>{label}</dt>
      <dd data-testid={testid} data-value={raw ?? ''}>
        {value}
      </dd>
    </div>
  );
}

function Metrics({ classification }: { classification: boolean }) {
  const app = useApp();
  const s = app.readout.value;
  const pct = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : `${(v * 100).toFixed(v === 1 ? 0 : 1)}%`);
  const loss = (v: number | undefined) => (v === undefined ? '–' : fmt(v, 4));
  return (
    <dl class="metrics">
      <Metric label={tr('output.trainLoss')} value={loss(s?.train.loss)} raw={s?.train.loss ?? null} testid="metric-train-loss" hint={tr('output.trainLossHint')} />
      <Metric label={tr('output.testLoss')} value={s?.test ? loss(s.test.loss) : '–'} raw={s?.test?.loss ?? null} testid="metric-test-loss" hint={tr('output.testLossHint')} />
      {classification && (
        <Metric label={s?.test ? tr('output.trainAccuracy') : tr('output.accuracy')} value={pct(s?.train.accuracy)} raw={s?.train.accuracy ?? null} testid="metric-accuracy" hint={tr('output.accuracyHint')} />
      )}
      {classification && s?.test && <Metric label={tr('output.testAccuracy')} value={pct(s.test.accuracy)} raw={s.test.accuracy} testid="metric-test-accuracy" />}
    </dl>
  );
}

function inputsText(d: Dataset, r: number): string {
  if (d.x.length === 0 && d.features > 0) return tr('images.row'); // an image set's pixels stay in the worker
  const values = Array.from(d.x.subarray(r * d.features, (r + 1) * d.features));
  if (d.features >= 4 && values.every((v) => v === 0 || v === 1)) return values.join('');
  return values.map((v) => fmt(v, 2)).join(', ');
}

function targetText(d: Dataset, r: number): string {
  return Array.from(d.y.subarray(r * d.targets, (r + 1) * d.targets), (v) => fmt(v, 3)).join(', ');
}

interface Row {
  set: 'train' | 'test';
  data: Dataset;
  row: number;
  outputs: Float64Array;
  classes: RowClasses;
}

function Predictions({ classification, compact }: { classification: boolean; compact: boolean }) {
  const app = useApp();
  const s = app.readout.value;
  const split = app.split.value;
  if (!s || !split) return null;
  const trainRows = Math.min(split.train.rows, s.trainOutputs.length / s.outputWidth);
  const testRows = Math.min(split.test.rows, s.testOutputs.length / s.outputWidth);
  const at = (i: number): Row =>
    i < trainRows
      ? { set: 'train', data: split.train, row: i, outputs: s.trainOutputs, classes: s.trainClasses }
      : { set: 'test', data: split.test, row: i - trainRows, outputs: s.testOutputs, classes: s.testClasses };
  const w = s.outputWidth;
  return (
    <VirtualTable
      rows={trainRows + testRows}
      maxHeight={compact ? ROW_HEIGHT * 5.5 : ROW_HEIGHT * 11.5}
      label={tr('output.predictions')}
      testid="predictions-table"
      className="table-scroll--predictions"
      header={
        <tr>
          <th scope="col">#</th>
          <th scope="col">{tr('output.columns.inputs')}</th>
          <th scope="col">{tr('output.columns.target')}</th>
          <th scope="col">{tr('output.columns.output')}</th>
          <th scope="col">{classification ? tr('output.columns.right') : tr('output.columns.error')}</th>
        </tr>
      }
      renderRow={(i) => {
        const { set, data, row, outputs, classes } = at(i);
        const out = Array.from(outputs.subarray(row * w, (row + 1) * w));
        let verdict: preact.ComponentChildren;
        let correct: boolean | null = null;
        if (classification) {
          correct = classes.predicted[row] === classes.actual[row]; // the engine's rule (classify)
          verdict = <span class={`verdict ${correct ? 'verdict--right' : 'verdict--wrong'}`}>{correct ? tr('output.right') : tr('output.wrong')}</span>;
        } else {
          verdict = fmt(out[0] - data.y[row * data.targets], 3);
        }
        return (
          <tr key={i} data-testid="pred-row" data-correct={correct === null ? undefined : String(correct)} class={set === 'test' ? 'is-test' : ''}>
            <th scope="row">
              {row + 1}
              {set === 'test' && <span class="badge">{tr('output.testBadge')}</span>}
            </th>
            <td class="mono">{inputsText(data, row)}</td>
            <td class="mono">{targetText(data, row)}</td>
            <td class="mono">
              <OutputBar values={out} probability={classification} />
            </td>
            <td>{verdict}</td>
          </tr>
        );
      }}
    />
  );
}

/** The output value(s) with a small bar for a single probability. */
function OutputBar({ values, probability }: { values: number[]; probability: boolean }) {
  if (probability && values.length === 1 && values[0] >= 0 && values[0] <= 1)
    return (
      <span class="outbar">
        <span class="outbar__track">
          <span class="outbar__fill" style={{ width: `${values[0] * 100}%` }} />
        </span>
        {values[0].toFixed(3)}
      </span>
    );
  return <>{values.map((v) => fmt(v, 3)).join(', ')}</>;
}

/** Rows by actual class (m[actual][predicted]), from the engine's classes of each row. */
function confusion({ predicted, actual }: RowClasses, classes: number): number[][] {
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let r = 0; r < actual.length; ++r)
    if (actual[r] >= 0 && actual[r] < classes && predicted[r] < classes) m[actual[r]][predicted[r]]++;
  return m;
}

function Confusion() {
  const app = useApp();
  const s = app.readout.value;
  const split = app.split.value;
  if (!s || !split) return null;
  const classes = Math.max(2, s.outputWidth);
  const sets = [{ name: tr('output.trainingData'), m: confusion(s.trainClasses, classes) }];
  if (split.test.rows > 0) sets.push({ name: tr('output.testData'), m: confusion(s.testClasses, classes) });
  return (
    <div class="confusion" data-testid="confusion-matrix">
      {sets.map(({ name, m }) => {
        const max = Math.max(1, ...m.flat());
        return (
          <table class="confusion__table" key={name}>
            <caption>{name}</caption>
            <thead>
              <tr>
                <th scope="col" class="confusion__corner">
                  {tr('output.confusionCorner')}
                </th>
                {m.map((_, k) => (
                  <th scope="col" key={k}>
                    <span class="dot" style={{ background: css(classColor(k)) }} /> {k}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {m.map((row, a) => (
                <tr key={a}>
                  <th scope="row">
                    <span class="dot" style={{ background: css(classColor(a)) }} /> {a}
                  </th>
                  {row.map((count, p) => (
                    <td key={p} class={a === p ? 'is-diagonal' : ''} style={{ '--shade': (count / max).toFixed(3) }}>
                      {count}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </div>
  );
}
