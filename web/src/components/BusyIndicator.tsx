// The page never waits on the engine without saying so: when a request has gone unanswered for
// BUSY_AFTER_MS, this says what the page waits for, with the worker's progress when it sends
// any, and a Cancel for the work that can be cancelled (what runs in slices).
import { useEffect, useState } from 'preact/hooks';
import type { Signal } from '@preact/signals';
import type { Waiting } from '../state/engine-client';
import type { RequestType } from '../worker/protocol';

/** Shorter waits go unremarked: a flash of "busy" on every click would be noise. */
export const BUSY_AFTER_MS = 400;

/** What the page waits for, by request; any other is WORKING. Whole sentences, to translate. */
const WORK: Partial<Record<RequestType, string>> = {
  init: 'The engine is loading',
  generate: 'The engine is generating the data',
  parseCsv: 'The engine is reading the CSV',
  writeCsv: 'The engine is writing the CSV',
  configure: 'The engine is building the network and setting the data',
  step: 'The engine is training',
  reset: 'The engine is drawing new weights',
  restore: 'The engine is restoring the last good weights',
  saveModel: 'The engine is writing the model file',
  inspectModel: 'The engine is reading the model file',
  exportKeras: 'The engine is writing the Keras script',
  teachStart: 'The engine is preparing the teaching step',
  teachGo: 'The engine is computing the step',
  teachCheck: 'The engine is checking the gradients',
  teachApply: 'The engine is taking the step',
};
const WORKING = 'The engine is working';
/** Work the worker runs in slices (worker/sliced-job.ts), which a Cancel stops with nothing changed. */
const CANCELLABLE: ReadonlySet<RequestType> = new Set<RequestType>(['step', 'teachCheck']);

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
  const what = WORK[w.type] ?? WORKING;
  const p = w.progress;
  return (
    <div class="busy" role="status" aria-live="polite" data-testid="busy" data-request={w.type}>
      <span class="busy__spinner" aria-hidden="true" />
      <span>{what}… {p ? `${Math.floor((100 * p.done) / Math.max(1, p.total))}%` : ''}</span>
      {p && <progress max={p.total} value={p.done} />}
      {p && CANCELLABLE.has(w.type) && (
        <button class="btn btn--quiet" onClick={onCancel} data-testid="busy-cancel">
          Cancel
        </button>
      )}
    </div>
  );
}
