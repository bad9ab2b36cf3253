// The page: a header with the training controls, a line that says what is on screen, and the
// three panels data | network | output.
import { useComputed } from '@preact/signals';
import { isDense, type ExtraLayer } from './lib/layer-kinds';
import { summaryLabel } from './lib/layer-kinds-text';
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
import { DENSE_DEFAULTS } from './lib/catalogue';
import type { FieldMode } from './lib/plot2d';
import { say, t } from './i18n';
import { LanguageSwitch } from './components/LanguageSwitch';
import { T } from './i18n/T';
import { optionLabel } from './i18n/settings-text';
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
            <div class="brand__title">
              <h1>NeuroStep</h1>
              <LanguageSwitch />
            </div>
            <p class="brand__tag">{t('app.tagline')}</p>
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
          {t('app.engineFailed', { message: status.message })}
        </p>
      )}
      {app.actionError.value && (
        <p class="alert alert--error page-error" role="alert" data-testid="action-error">
          {say(app.actionError.value)}
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
  if (status.kind === 'loading') text = t('intro.loading');
  else if (app.isArticleExample.value)
    text = (
      <>
        <T k="intro.article" />{' '}
        <strong>{t(`intro.stage.${stage}`)}</strong>
      </>
    );
  else if (spec && data) {
    const layers = spec.layers.map((l) => (isDense(l) ? t('intro.layer', { units: l.units, activation: optionLabel('outputActivation', l.activation ?? DENSE_DEFAULTS.activation) }) : summaryLabel(l as unknown as ExtraLayer))).join(' → ');
    text = (
      <T
        k="intro.summary"
        vars={{
          count: spec.input_dim,
          layers,
          loss: optionLabel('loss', spec.loss),
          optimizer: optionLabel('optimizer', spec.optimizer.name),
          learningRate: spec.optimizer.learning_rate,
          rows: data.rows,
        }}
      />
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
