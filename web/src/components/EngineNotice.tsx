// What the page says when its engine died and was restarted (state/recovery.ts).
import type { EngineNotice as Notice, Recovery } from '../state/recovery';

function message(n: Notice): string {
  switch (n.kind) {
    case 'restarting':
      return `The engine stopped (${n.reason}). Restarting it with your settings, data and last weights…`;
    case 'restarted':
      return `The engine stopped (${n.reason}) and was restarted with your settings, data and last weights. The optimizer's state and the step counter start again.`;
    case 'gave-up':
      return `The engine stopped (${n.reason}) and could not be started again (${n.why}). Reload the page to start afresh; your settings are in its address.`;
  }
}

export function EngineNotice({ recovery }: { recovery: Recovery }) {
  const n = recovery.notice.value;
  if (!n) return null;
  return (
    <div class={`alert ${n.kind === 'gave-up' ? 'alert--error' : 'alert--warn'} engine-notice`} role="alert" data-testid="engine-notice" data-kind={n.kind}>
      {message(n)}
      {n.kind === 'restarted' && (
        <button class="btn btn--quiet" onClick={() => recovery.dismiss()}>
          OK
        </button>
      )}
    </div>
  );
}
