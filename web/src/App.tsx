// The page: a header with the training controls, a line that says what is on screen, and the
// three panels data | network | output.
import { useComputed } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { useApp } from './components/fields';
import { DataPanel } from './panels/DataPanel';
import { NetworkPanel } from './panels/NetworkPanel';
import { OutputPanel } from './panels/OutputPanel';
import { TrainingBar } from './panels/TrainingBar';
import { ModeSwitch, TeachingMount, useTeaching } from './teaching';
import { ShareMenu, ShareNotice } from './share/ShareMenu';
import { isShortcut } from './lib/keys';
import { isClassification } from './state/model-for-data';
import { SETTINGS } from './settings';
import type { FieldMode } from './lib/plot2d';
import type { App as AppState } from './state/app';

export function App() {
  const app = useApp();
  useKeyboard(app);
  const fieldMode = useComputed<FieldMode | null>(() => {
    const t = app.targets.value, d = app.dataset.value;
    if (!t || !d) return null;
    if (isClassification(t)) return t.kind === 'binary' && app.settings.value.loss !== 'sparse_categorical_crossentropy' ? { kind: 'binary' } : { kind: 'classes', classes: t.classes };
    let scale = 1e-9;
    for (const v of d.y) scale = Math.max(scale, Math.abs(v));
    return { kind: 'regression', scale };
  }).value;
  const status = app.status.value;
  // Teaching mode (web/src/teaching) replaces the training bar, the intro and the panels.
  const teach = useTeaching().mode.value === 'teach';
  return (
    <div class="app">
      <header class="topbar">
        <div class="brand">
          <Logo />
          <div>
            <h1>NeuroStep</h1>
            <p class="brand__tag">Watch a neural network learn</p>
          </div>
        </div>
        <ModeSwitch disabled={status.kind !== 'ready'} />
        {!teach && <TrainingBar />}
        {!teach && <ShareMenu />}
      </header>
      {!teach && <Intro />}
      <ShareNotice />
      {status.kind === 'failed' && (
        <p class="alert alert--error page-error" role="alert" data-testid="load-error">
          The training engine could not start: {status.message}
        </p>
      )}
      {app.actionError.value && (
        <p class="alert alert--error page-error" role="alert" data-testid="action-error">
          {app.actionError.value}
        </p>
      )}
      {teach ? (
        <TeachingMount />
      ) : (
        <main class="columns" aria-busy={status.kind === 'loading'}>
          <DataPanel />
          <NetworkPanel fieldMode={fieldMode} />
          <OutputPanel fieldMode={fieldMode} />
        </main>
      )}
    </div>
  );
}

function Intro() {
  const app = useApp();
  const spec = app.spec.value;
  const data = app.dataset.value;
  const status = app.status.value;
  // Where training stands, as one word, so that the line changes a few times and not every frame.
  const stage = useComputed(() => {
    const s = app.readout.value;
    if (app.playing.value) return 'playing';
    if (!s || s.epoch === 0) return 'fresh';
    return s.train.accuracy === 1 ? 'learned' : 'paused';
  }).value;
  let text: preact.ComponentChildren;
  if (status.kind === 'loading') text = 'Loading the training engine…';
  else if (app.isArticleExample.value)
    text = (
      <>
        This is the network from the article: <strong>8 input bits → 10 ReLU → 8 ReLU → 1 sigmoid</strong>, trained with binary cross-entropy and Adam on its 10 rows,
        one row per step. It should learn that only the all-zero row is labelled 0.{' '}
        <strong>
          {stage === 'fresh' && 'Press Play to train it, or Teach to watch one step of backpropagation number by number.'}
          {stage === 'playing' && 'Training: watch the loss fall and each output move toward its target.'}
          {stage === 'learned' && 'It now gets every row right. Step through single updates, switch to Teach to see how one update is computed, or pick another dataset.'}
          {stage === 'paused' && 'Press Play to go on training.'}
        </strong>
      </>
    );
  else if (spec && data) {
    const label = (list: readonly { value: string; label: string }[], v: string) => list.find((o) => o.value === v)?.label ?? v;
    const layers = spec.layers.map((l) => `${l.units} ${label(SETTINGS.outputActivation.options, l.activation ?? 'linear')}`).join(' → ');
    text = (
      <>
        <strong>
          {spec.input_dim} {spec.input_dim === 1 ? 'input' : 'inputs'} → {layers}
        </strong>
        , {label(SETTINGS.loss.options, spec.loss)}, {label(SETTINGS.optimizer.options, spec.optimizer.name)} with learning rate {spec.optimizer.learning_rate}, on{' '}
        {data.rows} rows. Play trains; Step takes one batch; hover a weight to read it, click it to change it.
      </>
    );
  }
  return (
    <p class="intro" data-testid="intro">
      {text}
    </p>
  );
}

function Logo() {
  return (
    <svg class="logo" width="32" height="32" viewBox="0 0 32 32" aria-hidden="true">
      <path d="M8 9 L16 16 L8 23 M16 16 L24 16" stroke="currentColor" stroke-width="1.6" fill="none" opacity="0.5" />
      <circle cx="8" cy="9" r="3.2" fill="var(--negative)" />
      <circle cx="8" cy="23" r="3.2" fill="var(--positive)" />
      <circle cx="16" cy="16" r="3.6" fill="currentColor" />
      <circle cx="24.5" cy="16" r="3.2" fill="var(--accent)" />
    </svg>
  );
}

/** Space plays or pauses, the right arrow steps; neither while typing or on a focused control. */
function useKeyboard(app: AppState) {
  const teaching = useTeaching();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isShortcut(e)) return;
      if (app.status.peek().kind !== 'ready') return;
      if (teaching.mode.peek() === 'teach') return; // teaching mode has its own keys
      if (e.key === ' ') {
        e.preventDefault();
        void app.togglePlay();
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        void app.step('batch');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [app]);
}
