// Start-up: the worker with the engine, the App state, the components, the debug hook.
import { effect, signal } from '@preact/signals';
import { render } from 'preact';
import { App } from './App';
import { AppContext } from './components/fields';
import { App as AppState } from './state/app';
import { BusyIndicator } from './components/BusyIndicator';
import { EngineNotice } from './components/EngineNotice';
import { startEngineWorker, type Waiting } from './state/engine-client';
import { Recovery } from './state/recovery';
import { Teaching, TeachingContext, toPlain } from './teaching';
import { Share, ShareContext } from './share/share';
import { applyLanguage, plainMessage } from './i18n';
import './styles.css';

function main(): void {
  const wasmBase = new URL('./wasm/', document.baseURI).href;
  // The App is created right after the client, and the client only calls back later.
  const holder: { app: AppState | null } = { app: null };
  const client = startEngineWorker(
    (snapshot) => holder.app?.onStreamedSnapshot(snapshot),
    (message) => holder.app && (holder.app.status.value = { kind: 'failed', message: plainMessage(message) }),
  );
  const app = new AppState(client, wasmBase);
  holder.app = app;
  // The page speaks the language of its `lang` setting (from the address, the last visit or the
  // browser's languages), and <html lang> says which.
  effect(() => applyLanguage(app.settings.value.lang));
  // A dead worker is noticed by the client and restarted with the page's last good state.
  const recovery = new Recovery(app, client);
  const waiting = signal<Waiting | null>(null);
  client.onWaiting = (w) => (waiting.value = w);
  const teaching = new Teaching(client, app);
  // Teach mode's step lived in the dead worker: a restarted engine starts it again, on the same rows.
  recovery.afterRestart.push(async () => {
    const view = teaching.view.peek();
    if (view) await teaching.start(view.source);
  });
  const share = new Share(app, client);
  // A read-only hook for tests and the curious: what the worker's engine holds.
  Object.defineProperty(window, '__neurostep', {
    value: Object.freeze({
      spec: () => app.engineSpec(),
      /** The engine's model file (trainer.toJson()): every layer's weights, BatchNormalization's statistics too. */
      model: async () => (await client.request('saveModel', {})).text,
      /** The worker's engine memory and Play's pacing (for the soak tests). */
      memory: () => client.request('memory', {}),
      settings: () => structuredClone(app.settings.peek()),
      hidden: () => structuredClone(app.hidden.peek()),
      snapshot: () => app.snapshot.peek(),
      ready: () => app.status.peek().kind === 'ready',
      dataset: () => structuredClone(app.dataset.peek()),
      hiddenControls: () => [...app.hiddenControls.peek()],
      /** Teaching mode: the worker's view of the step on screen, and the last gradient check. */
      teachingTrace: () => toPlain(teaching.view.peek()),
      teachingCheck: () => toPlain(teaching.check.peek()),
    }),
  });
  render(
    <AppContext.Provider value={app}>
      <TeachingContext.Provider value={teaching}>
        <ShareContext.Provider value={share}>
          <EngineNotice recovery={recovery} />
          <BusyIndicator waiting={waiting} onCancel={() => client.cancelWaiting()} />
          <App />
        </ShareContext.Provider>
      </TeachingContext.Provider>
    </AppContext.Provider>,
    document.getElementById('app')!,
  );
  // The address may hold a shared page's settings (share/url-state.ts): the page starts with them,
  // in Teach mode, on the link's step, when the link says so.
  void share.start().then(() => {
    const s = app.settings.peek();
    if (app.status.peek().kind === 'ready' && s.mode === 'teach') void teaching.open(s.teachStep);
  });
}

main();
