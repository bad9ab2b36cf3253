// Teaching mode: one training step of the student's network, phase by phase. A bar of the
// 3L + 1 steps (forward 1..L, the loss, backward L..1, update 1..L) with Back and Next; the
// network with the step's layer lit; the step's formula in symbols, then with the numbers,
// then the result; every number of the layer as tables; the article's idea beside it; and a
// check of the gradients against finite differences.
import { useApp } from '../components/fields';
import type { Focus } from './formulas';
import { GradientCheckPanel } from './GradientCheck';
import { SideCard } from './SideCard';
import { StepPanel } from './StepPanel';
import { useTeaching, type Target } from './state';
import { SamplePicker, SourcePicker } from './RowPicker';
import { StepBar, useStepKeys } from './StepBar';
import { TeachDiagram } from './TeachDiagram';
import type { TeachView } from '../worker/teach-protocol';
import { formatCount, say, t as tr } from '../i18n';
import './teaching.css';
import { isDense } from '../lib/layer-kinds';
import { TEXT as LAYER_TEXT } from '../lib/layer-kinds-text';
import { LayerKindStep } from './LayerKindStep';

export function TeachingView() {
  const teaching = useTeaching();
  const app = useApp();
  const view = teaching.view.value;
  useStepKeys();
  const featureNames = app.dataset.value?.featureNames ?? [];
  const targetNames = app.dataset.value?.targetNames ?? [];
  if (!view) {
    return (
      <main class="teach" aria-busy="true">
        {teaching.error.value ? (
          <p class="alert alert--error" role="alert" data-testid="teach-error">
            {say(teaching.error.value)}
          </p>
        ) : (
          <p class="teach-loading">{tr('teach.preparing')}</p>
        )}
      </main>
    );
  }
  const sample = Math.min(teaching.sample.value, view.rows.length - 1);
  // A model with layers beyond Dense: each step as its layer's numbers (LayerKindStep.tsx).
  const mixed = view.spec.layers.some((l) => !isDense(l));
  const focus = mixed ? null : focusFor(view, teaching.selected.value, sample);
  return (
    <main class="teach" data-testid="teaching" data-step={view.index} data-phase={view.phase.kind}>
      <div class="teach-bar">
        <SourcePicker view={view} />
        <StepBar view={view} />
      </div>
      {teaching.error.value && (
        <p class="alert alert--error" role="alert" data-testid="teach-error">
          {say(teaching.error.value)}
        </p>
      )}
      {teaching.kept.value !== null && <KeptNotice view={view} steps={teaching.kept.value} />}
      {mixed ? (
        <section class="panel teach-main" aria-label={tr('teach.theStep')} data-testid="teach-kinds">
          <header class="panel__head">
            <StepTabs />
            <span class="panel__meta">{tr('teach.stepOf', { index: view.index, total: view.total })}</span>
          </header>
          {teaching.tab.value === 'step' ? (
            <>
              <p class="teach-kinds__lead">{LAYER_TEXT.teachMixedModel}</p>
              <LayerKindStep view={view} />
            </>
          ) : (
            <GradientCheckPanel view={view} />
          )}
        </section>
      ) : (
      <div class="teach-grid">
        <section class="panel teach-left" aria-labelledby="teach-network-title">
          <header class="panel__head">
            <h2 id="teach-network-title">{tr('teach.network')}</h2>
            <Direction view={view} />
          </header>
          <TeachDiagram view={view} sample={sample} featureNames={featureNames} />
          <p class="teach-legend">
            <span>
              <span class="swatch swatch--negative" /> {tr('teach.negative')}
            </span>
            <span>
              <span class="swatch swatch--positive" /> {tr('teach.positive')}
            </span>
            <span>· {legendFor(view)}</span>
            <span>· {touchScreen() ? tr('teach.legend.tap') : tr('teach.legend.hover')}</span>
          </p>
          <SideCard view={view} sample={sample} featureNames={featureNames} />
        </section>
        <section class="panel teach-main" aria-label={tr('teach.theStep')}>
          <header class="panel__head">
            <StepTabs />
            {view.rows.length > 1 && teaching.tab.value === 'step' && <SamplePicker view={view} sample={sample} />}
            <span class="panel__meta">
              {tr('teach.stepOf', { index: view.index, total: view.total })}
            </span>
          </header>
          {teaching.tab.value === 'step' ? <StepPanel view={view} focus={focus!} featureNames={featureNames} targetNames={targetNames} /> : <GradientCheckPanel view={view} />}
        </section>
      </div>
      )}
    </main>
  );
}

/** This step | Check the gradients: the check runs the first time its tab is opened. */
function StepTabs() {
  const teaching = useTeaching();
  return (
    <div class="tabs" role="tablist">
      <button role="tab" aria-selected={teaching.tab.value === 'step'} onClick={() => (teaching.tab.value = 'step')} data-testid="tab-step">
        {tr('teach.thisStep')}
      </button>
      <button
        role="tab"
        aria-selected={teaching.tab.value === 'check'}
        onClick={() => (teaching.check.peek() ? (teaching.tab.value = 'check') : void teaching.gradientCheck())}
        data-testid="tab-check"
      >
        {tr('teach.checkGradients')}
      </button>
    </div>
  );
}

/** Whether the page is used by touch (no hover): the legend then says "tap". */
const touchScreen = () => typeof matchMedia === 'function' && matchMedia('(hover: none)').matches;

/** After Keep: what the Play network did, and which row this new step is on. */
function KeptNotice({ view, steps }: { view: TeachView; steps: number }) {
  const teaching = useTeaching();
  const rows = view.rows.map((r) => r + 1).join(tr('list.separator'));
  return (
    <p class="alert alert--info teach-kept" role="status" data-testid="teach-kept">
      <span>
        {steps === 1 ? tr('teach.kept.first') : tr('teach.kept.many', { steps: formatCount(steps) })}{' '}
        {view.source.kind === 'batch' ? tr('teach.kept.nextBatch', { count: view.rows.length, rows }) : tr('teach.kept.nextRow', { row: view.rows[0] + 1 })}
      </span>
      <button class="btn btn--quiet" aria-label={tr('teach.kept.dismiss')} title={tr('teach.kept.dismiss')} onClick={() => (teaching.kept.value = null)}>
        ×
      </button>
    </p>
  );
}

/** The neuron, input and sample whose numbers go into the formulas: the selected ones, or the first. */
function focusFor(view: TeachView, selected: Target | null, s: number): Focus {
  const L = view.layers.length;
  const l = view.phase.kind === 'loss' ? L - 1 : view.phase.layer;
  let j = 0, i = 0;
  if (l !== null && selected) {
    if (selected.kind === 'neuron' && selected.col === l + 1) j = selected.unit;
    else if (selected.kind === 'neuron' && selected.col === l) i = selected.unit;
    else if (selected.kind === 'weight' && selected.layer === l) {
      j = selected.unit;
      i = selected.input;
    }
  }
  if (l !== null) {
    j = Math.min(j, view.layers[l].units - 1);
    i = Math.min(i, view.layers[l].inputs - 1);
  }
  return { j, i, s };
}

function legendFor(view: TeachView): string {
  switch (view.phase.kind) {
    case 'forward':
      return tr('teach.legend.forward');
    case 'backward':
      return tr('teach.legend.backward');
    case 'update':
      return tr('teach.legend.update');
    default:
      return tr('teach.legend.other');
  }
}

function Direction({ view }: { view: TeachView }) {
  const k = view.phase.kind;
  const text = tr(`teach.direction.${k}`);
  return (
    <span class={`direction direction--${k}`} data-testid="teach-direction">
      {text}
    </span>
  );
}
