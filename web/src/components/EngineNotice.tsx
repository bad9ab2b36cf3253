// What the page says when its engine died and was restarted (state/recovery.ts).
import { t } from '../i18n';
import type { EngineNotice as Notice, Recovery } from '../state/recovery';

function message(n: Notice): string {
  switch (n.kind) {
    case 'restarting':
      return t('recovery.restarting', { reason: n.reason });
    case 'restarted':
      return t('recovery.restarted', { reason: n.reason });
    case 'gave-up':
      return t('recovery.gaveUp', { reason: n.reason, why: n.why });
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
          {t('recovery.ok')}
        </button>
      )}
    </div>
  );
}
