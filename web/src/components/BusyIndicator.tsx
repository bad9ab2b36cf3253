// The page never waits on the engine without saying so: when a request has gone unanswered for
// BUSY_AFTER_MS, this says what the page waits for, with the worker's progress when it sends
// any, and a Cancel for the work that can be cancelled (what runs in slices).
import { useEffect, useState } from 'preact/hooks';
import type { Signal } from '@preact/signals';
import { t } from '../i18n';
import type { Waiting } from '../state/engine-client';
import type { RequestType } from '../worker/protocol';

/** Shorter waits go unremarked: a flash of "busy" on every click would be noise. */
export const BUSY_AFTER_MS = 400;

/** What the page waits for, by request (busy.<type> in the catalogues); any other is busy.working. */
const WORK: ReadonlySet<RequestType> = new Set<RequestType>([
  'init', 'loadImages', 'generate', 'parseCsv', 'writeCsv', 'configure', 'step', 'reset', 'restore', 'saveModel', 'inspectModel', 'exportKeras',
  'teachStart', 'teachGo', 'teachCheck', 'teachApply',
]);
/** Work the worker runs in slices (worker/sliced-job.ts), which a Cancel stops with nothing changed. */
const CANCELLABLE: ReadonlySet<RequestType> = new Set<RequestType>(['step', 'teachCheck', 'loadImages']);

export function BusyIndicator({ waiting, onCancel }: { waiting: Signal<Waiting | null>; onCancel: () => void }) {
  const w = waiting.value;
  const [, redraw] = useState(0);
  // Shown only once the wait has lasted BUSY_AFTER_MS: one redraw when that time comes.
  useEffect(() => {
    if (!w) return;
    const left = BUSY_AFTER_MS - (performance.now() - w.since);
    if (left <= 0) return;
    const timer = setTimeout(() => redraw((n) => n + 1), left);
    return () => clearTimeout(timer);
  }, [w?.since]);
  if (!w || performance.now() - w.since < BUSY_AFTER_MS) return null;
  const what = t(WORK.has(w.type) ? `busy.${w.type}` : 'busy.working');
  const p = w.progress;
  return (
    <div class="busy" role="status" aria-live="polite" data-testid="busy" data-request={w.type}>
      <span class="busy__spinner" aria-hidden="true" />
      <span>{what}… {p ? `${Math.floor((100 * p.done) / Math.max(1, p.total))}%` : ''}</span>
      {p && <progress max={p.total} value={p.done} />}
      {p && CANCELLABLE.has(w.type) && (
        <button class="btn btn--quiet" onClick={onCancel} data-testid="busy-cancel">
          {t('busy.cancel')}
        </button>
      )}
    </div>
  );
}
