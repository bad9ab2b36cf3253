// The data: a generator picker, its parameters, the samples (a clickable plot for 2-D data and
// an editable table), and CSV import/export.
import { useState } from 'preact/hooks';
import { DatasetThumb } from '../components/DatasetThumb';
import { BooleanField, ChoiceField, SliderField, useApp } from '../components/fields';
import { ImageLoadBar } from './images/ImageLoadBar';
import { ProposalNote } from './images/ProposalNote';
import { SampleGrid } from './images/SampleGrid';
import './images/images.css';
import { isImageSetName } from '../lib/image-sets';
import { SETTINGS } from '../settings';
import type { TargetInfo } from '../state/model-for-data';
import { say, t as tr, type Message } from '../i18n';
import { optionLabel, settingLabel } from '../i18n/settings-text';
import { CsvTools } from './CsvTools';
import { SampleTable } from './SampleTable';
import { PointsEditor } from './PointsEditor';

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
      <ChoiceField k="featureScaling" />
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
