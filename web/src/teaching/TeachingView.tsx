// Teaching mode: one training step of the student's network, phase by phase. A bar of the
// 3L + 1 steps (forward 1..L, the loss, backward L..1, update 1..L) with Back and Next; the
// network with the step's layer lit; the step's formula in symbols, then with the numbers,
// then the result; every number of the layer as tables; the article's idea beside it; and a
// check of the gradients against finite differences.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { useApp } from '../components/fields';
import { describe } from './describe';
import { exact, exactShown, show } from './format';
import { stepText, type Focus } from './formulas';
import { GradientCheckPanel } from './GradientCheck';
import { Ideas } from './Ideas';
import { NotationTable } from './Notation';
import { sameTarget, useTeaching, type Target } from './state';
import { StepTables } from './StepTables';
import { SamplePicker, SourcePicker } from './RowPicker';
import { StepBar, useStepKeys } from './StepBar';
import { TeachDiagram } from './TeachDiagram';
import { Tex } from './Tex';
import type { TeachView } from '../worker/teach-protocol';
import { formatCount, joinList, say, t as tr } from '../i18n';
import './teaching.css';
import { isDense } from '../lib/layer-kinds';
import { TEXT as LAYER_TEXT } from '../panels/layer-kinds-text';
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

// ---- the step's formulas ----------------------------------------------------------------------------

function StepPanel({ view, focus, featureNames, targetNames }: { view: TeachView; focus: Focus; featureNames: string[]; targetNames: string[] }) {
  const text = stepText(view, focus);
  return (
    <div class="step" data-testid="teach-step">
      {view.index === view.total && <Finished view={view} />}
      <h3 class="step-title" data-testid="teach-title">
        {text.title}
      </h3>
      <p class="step-lead">{text.lead}</p>
      <div class="fblocks" data-testid="teach-formulas">
        {text.blocks.map((b) => (
          <div class="fblock" key={b.label}>
            <h4>{b.label}</h4>
            {b.tex.map((t, k) => (
              <Tex key={k} tex={t} />
            ))}
            {b.note && <p class="fnote">{b.note}</p>}
          </div>
        ))}
      </div>
      <StepTables view={view} focus={focus} featureNames={featureNames} targetNames={targetNames} />
      <NotationTable />
    </div>
  );
}

function Finished({ view }: { view: TeachView }) {
  const teaching = useTeaching();
  return (
    <div class={`finished${view.sameAsOrdinaryStep ? '' : ' finished--warn'}`} data-testid="teach-finished" data-same={String(view.sameAsOrdinaryStep)}>
      <div>
        <strong>{view.sameAsOrdinaryStep ? tr('teach.finished.doneChecked') : tr('teach.finished.done')}</strong>{' '}
        {view.sameAsOrdinaryStep ? tr(view.source.kind === 'batch' ? 'teach.finished.sameBatch' : 'teach.finished.sameRow') : tr('teach.finished.differ')}{' '}
        {tr('teach.finished.copy')}
      </div>
      {view.keepable ? (
        <button class="btn btn--primary" onClick={() => teaching.apply()} data-testid="teach-apply" title={tr('teach.finished.keepTitle')}>
          {tr('teach.finished.keep')}
        </button>
      ) : (
        <span class="finished__why" data-testid="teach-not-keepable">
          {tr(view.rows.length > 1 || view.source.kind === 'batch' ? 'teach.finished.notKeepableBatch' : 'teach.finished.notKeepable', { row: view.nextRow + 1 })}
        </span>
      )}
    </div>
  );
}

// ---- under the diagram: the article's idea, or what the student selected -----------------------------

/** The idea of the step, or (after a click) the selected neuron or weight; a tab switches. */
function SideCard({ view, sample, featureNames }: { view: TeachView; sample: number; featureNames: string[] }) {
  const teaching = useTeaching();
  const selected = teaching.selected.value;
  const showIdea = useSignal(false);
  const key = JSON.stringify(selected);
  // A new selection shows itself; closing it brings the idea back.
  useEffect(() => {
    showIdea.value = false;
  }, [key]);
  if (!selected) return <Ideas view={view} />;
  return (
    <div class="sidecard">
      <div class="tabs sidecard__tabs" role="tablist">
        <button role="tab" aria-selected={showIdea.value} onClick={() => (showIdea.value = true)} data-testid="side-idea">
          {tr('teach.idea')}
        </button>
        <button role="tab" aria-selected={!showIdea.value} onClick={() => (showIdea.value = false)} data-testid="side-selected">
          {tr('teach.selected')}
        </button>
      </div>
      {showIdea.value ? <Ideas view={view} /> : <Inspector view={view} sample={sample} featureNames={featureNames} />}
    </div>
  );
}

// ---- the inspector --------------------------------------------------------------------------------

function Inspector({ view, sample, featureNames }: { view: TeachView; sample: number; featureNames: string[] }) {
  const teaching = useTeaching();
  const t = teaching.selected.value;
  if (!t) return null;
  const d = describe(view, t, sample, featureNames);
  const incoming = t.kind === 'neuron' && t.col > 0 ? view.layers[t.col - 1] : null;
  return (
    <div class="inspector" data-testid="teach-inspector">
      <div class="inspector__head">
        <strong>{d.title}</strong>
        <button class="btn btn--quiet" onClick={() => (teaching.selected.value = null)} aria-label={tr('teach.close')}>
          ×
        </button>
      </div>
      <dl class="inspector__facts">
        {d.facts.map((f) => (
          <div key={f.label} class={f.now ? 'is-now' : undefined}>
            <dt>{f.label}</dt>
            <dd title={exactShown(f.value)} data-src={f.src} data-value={exact(f.value)}>
              {show(f.value)}
            </dd>
          </div>
        ))}
      </dl>
      {incoming && t.kind === 'neuron' && (
        <div class="inspector__weights">
          <span>{tr('teach.incomingWeights')}</span>
          <div>
            {Array.from({ length: Math.min(incoming.inputs, 16) }, (_, i) => {
              const w: Target = { kind: 'weight', layer: t.col - 1, unit: t.unit, input: i };
              const v = incoming.W.data[t.unit + i * incoming.W.rows];
              return (
                <button
                  key={i}
                  class={`chip${sameTarget(teaching.hover.value, w) ? ' is-hot' : ''}`}
                  title={tr('teach.fromInput', { input: i + 1, value: exactShown(v) })}
                  onMouseEnter={() => (teaching.hover.value = w)}
                  onMouseLeave={() => (teaching.hover.value = null)}
                  onClick={() => teaching.select(w)}
                  data-value={String(v)}
                >
                  {show(v)}
                </button>
              );
            })}
            {incoming.inputs > 16 && <span>{tr('teach.moreCount', { count: incoming.inputs - 16 })}</span>}
          </div>
        </div>
      )}
      {d.pending.length > 0 && <p class="inspector__pending">{tr('teach.stillToCome', { items: joinList(d.pending, 'semicolon') })}</p>}
    </div>
  );
}
