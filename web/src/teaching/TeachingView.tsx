// Teaching mode: one training step of the student's network, phase by phase. A bar of the
// 3L + 1 steps (forward 1..L, the loss, backward L..1, update 1..L) with Back and Next; the
// network with the step's layer lit; the step's formula in symbols, then with the numbers,
// then the result; every number of the layer as tables; the article's idea beside it; and a
// check of the gradients against finite differences.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { useApp } from '../components/fields';
import { isShortcut } from '../lib/keys';
import type { Dataset } from '../lib/types';
import { describe } from './describe';
import { exact, show } from './format';
import { stepText, type Focus } from './formulas';
import { GradientCheckPanel } from './GradientCheck';
import { Ideas } from './Ideas';
import { sameTarget, useTeaching, type Target } from './state';
import { StepTables } from './StepTables';
import { TeachDiagram } from './TeachDiagram';
import { Tex } from './Tex';
import type { TeachView } from './types';
import { joinList, say, t as tr } from '../i18n';
import './teaching.css';

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
  const focus = focusFor(view, teaching.selected.value, sample);
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
            <span>· {tr('teach.legend.hover')}</span>
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
          {teaching.tab.value === 'step' ? <StepPanel view={view} focus={focus} featureNames={featureNames} targetNames={targetNames} /> : <GradientCheckPanel view={view} />}
        </section>
      </div>
    </main>
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

// ---- the step bar -------------------------------------------------------------------------------

interface StepInfo {
  index: number;
  group: 'start' | 'forward' | 'loss' | 'backward' | 'update';
  label: string;
  title: string;
}

export function steps(L: number): StepInfo[] {
  // "Forward through layer 2", or "... the output layer": whole sentences, one key each.
  const title = (phase: 'forward' | 'backward' | 'update', l: number) =>
    l === L - 1 ? tr(`teach.steps.${phase}Output`) : tr(`teach.steps.${phase}Layer`, { layer: l + 1 });
  const list: StepInfo[] = [{ index: 0, group: 'start', label: tr('teach.steps.sample'), title: tr('teach.steps.sampleTitle') }];
  for (let l = 0; l < L; ++l) list.push({ index: list.length, group: 'forward', label: String(l + 1), title: title('forward', l) });
  list.push({ index: list.length, group: 'loss', label: tr('teach.steps.loss'), title: tr('teach.steps.lossTitle') });
  for (let l = L - 1; l >= 0; --l) list.push({ index: list.length, group: 'backward', label: String(l + 1), title: title('backward', l) });
  for (let l = 0; l < L; ++l) list.push({ index: list.length, group: 'update', label: String(l + 1), title: title('update', l) });
  return list;
}

const GROUP_CAPTION = { start: '', forward: 'teach.steps.captionForward', loss: '', backward: 'teach.steps.captionBackward', update: 'teach.steps.captionUpdate' } as const;

function StepBar({ view }: { view: TeachView }) {
  const teaching = useTeaching();
  const list = steps(view.layers.length);
  const groups: StepInfo[][] = [];
  for (const s of list) {
    const last = groups[groups.length - 1];
    if (last && last[0].group === s.group) last.push(s);
    else groups.push([s]);
  }
  const busy = teaching.busy.value;
  return (
    <nav class="stepbar" aria-label={tr('teach.steps.group')} data-testid="step-bar">
      <button class="btn" onClick={() => teaching.back()} disabled={view.index === 0} data-testid="teach-back" title={tr('teach.steps.backTitle')}>
        {tr('teach.steps.back')}
      </button>
      <ol class="stepbar__groups">
        {groups.map((g) => (
          <li key={g[0].index} class={`stepbar__group stepbar__group--${g[0].group}`}>
            <span class="stepbar__caption">{GROUP_CAPTION[g[0].group] ? tr(GROUP_CAPTION[g[0].group]) : '\u00a0'}</span>
            <span class="stepbar__steps">
              {g.map((s) => (
                <button
                  key={s.index}
                  class={`stepbar__step${s.index === view.index ? ' is-current' : ''}${s.index < view.index ? ' is-done' : ''}`}
                  aria-current={s.index === view.index ? 'step' : undefined}
                  title={s.title}
                  aria-label={s.title}
                  onClick={() => !busy && teaching.go(s.index)}
                  data-testid={`step-${s.index}`}
                >
                  {s.label}
                </button>
              ))}
            </span>
          </li>
        ))}
      </ol>
      <button class="btn btn--primary stepbar__next" onClick={() => teaching.next()} disabled={view.index === view.total} data-testid="teach-next" title={tr('teach.steps.nextTitle')}>
        {tr('teach.steps.next')}
      </button>
    </nav>
  );
}

/** ← and → step while teaching (not while typing or on a focused control). */
function useStepKeys() {
  const teaching = useTeaching();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isShortcut(e, '.stepbar')) return;
      if (e.key === 'ArrowRight') {
        e.preventDefault();
        void teaching.next();
      } else if (e.key === 'ArrowLeft') {
        e.preventDefault();
        void teaching.back();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [teaching]);
}

// ---- which rows -----------------------------------------------------------------------------------

/** A row's features and target in a few characters: "00000001 → 1" or "(0.25, −1.3) → 0". */
function rowText(d: Dataset, r: number): string {
  const x = Array.from(d.x.subarray(r * d.features, (r + 1) * d.features));
  const y = Array.from(d.y.subarray(r * d.targets, (r + 1) * d.targets));
  const bits = x.every((v) => v === 0 || v === 1);
  const xs = bits && x.length > 2 ? x.join('') : `(${x.slice(0, 3).map(show).join(', ')}${x.length > 3 ? ', …' : ''})`;
  return `${xs} → ${y.slice(0, 3).map(show).join(', ')}${y.length > 3 ? ', …' : ''}`;
}

const MAX_LISTED_ROWS = 500;

function SourcePicker({ view }: { view: TeachView }) {
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

function SamplePicker({ view, sample }: { view: TeachView; sample: number }) {
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
    </div>
  );
}

function Finished({ view }: { view: TeachView }) {
  const teaching = useTeaching();
  const kept = teaching.kept.value;
  return (
    <div class={`finished${view.sameAsOrdinaryStep ? '' : ' finished--warn'}`} data-testid="teach-finished" data-same={String(view.sameAsOrdinaryStep)}>
      <div>
        <strong>{view.sameAsOrdinaryStep ? tr('teach.finished.doneChecked') : tr('teach.finished.done')}</strong>{' '}
        {view.sameAsOrdinaryStep ? tr(view.source.kind === 'batch' ? 'teach.finished.sameBatch' : 'teach.finished.sameRow') : tr('teach.finished.differ')}{' '}
        {tr('teach.finished.copy')}
      </div>
      <button class="btn btn--primary" onClick={() => teaching.apply()} data-testid="teach-apply" title={tr('teach.finished.keepTitle')}>
        {tr('teach.finished.keep')}
      </button>
      {kept !== null && <span class="finished__kept">{tr('teach.finished.kept', { count: kept })}</span>}
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
            <dd title={exact(f.value)} data-src={f.src} data-value={exact(f.value)}>
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
                  title={tr('teach.fromInput', { input: i + 1, value: String(v) })}
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
