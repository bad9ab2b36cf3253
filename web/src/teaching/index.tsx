// Teaching mode's entry points for the page: the Play / Teach switch in the header, and the
// teaching view, loaded on first use (it brings KaTeX, which Play mode does not need).
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../components/fields';
import { useTeaching } from './state';
import { t } from '../i18n';

export { Teaching, TeachingContext, useTeaching, toPlain } from './state';

export function ModeSwitch({ disabled }: { disabled?: boolean }) {
  const teaching = useTeaching();
  const app = useApp();
  const mode = teaching.mode.value;
  // A lesson link may keep the page in one mode (hide=mode).
  if (app.hiddenControls.value.has('mode')) return null;
  return (
    <div class="segmented mode-switch" role="group" aria-label={t('mode.group')}>
      <button class={mode === 'play' ? 'is-selected' : undefined} aria-pressed={mode === 'play'} onClick={() => teaching.setMode('play')} data-testid="mode-play" title={t('mode.playTitle')}>
        {t('mode.play')}
      </button>
      <button
        class={mode === 'teach' ? 'is-selected' : undefined}
        aria-pressed={mode === 'teach'}
        onClick={() => teaching.setMode('teach')}
        disabled={disabled}
        data-testid="mode-teach"
        title={t('mode.teachTitle')}
      >
        {t('mode.teach')}
      </button>
    </div>
  );
}

export function TeachingMount() {
  const [View, setView] = useState<ComponentType | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    import('./TeachingView').then(
      (m) => setView(() => m.TeachingView),
      (err) => setError(err instanceof Error ? err.message : String(err)),
    );
  }, []);
  if (error) return <p class="alert alert--error page-error" role="alert">{t('mode.teachLoadFailed', { message: error })}</p>;
  return View ? <View /> : null;
}
