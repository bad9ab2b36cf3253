// Start-up: the worker with the engine, the App state, the components, the debug hook.
import { render } from 'preact';
import { App } from './App';
import { AppContext } from './components/fields';
import { App as AppState } from './state/app';
import { startEngineWorker } from './worker/client';
import './styles.css';

function main(): void {
  const wasmBase = new URL('./wasm/', document.baseURI).href;
  // The App is created right after the client, and the client only calls back later.
  const holder: { app: AppState | null } = { app: null };
  const client = startEngineWorker(
    (snapshot) => holder.app?.onStreamedSnapshot(snapshot),
    (message) => holder.app && (holder.app.status.value = { kind: 'failed', message }),
  );
  const app = new AppState(client, wasmBase);
  holder.app = app;
  // A read-only hook for tests and the curious: what the worker's engine holds.
  Object.defineProperty(window, '__neurostep', {
    value: Object.freeze({
      spec: () => app.engineSpec(),
      settings: () => structuredClone(app.settings.peek()),
      hidden: () => structuredClone(app.hidden.peek()),
      snapshot: () => app.snapshot.peek(),
      ready: () => app.status.peek().kind === 'ready',
    }),
  });
  render(
    <AppContext.Provider value={app}>
      <App />
    </AppContext.Provider>,
    document.getElementById('app')!,
  );
  void app.start();
}

main();
