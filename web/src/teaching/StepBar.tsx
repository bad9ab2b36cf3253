// The step bar of Teach mode: Back, one button per phase of the batch (the engine's order,
// trainer.teachingStep's phases), Next, and the arrow keys that step.
import { useEffect } from 'preact/hooks';
import type { Phase } from '../engine/neurostep';
import { isShortcut } from '../lib/keys';
import { useTeaching } from './state';
import type { TeachView } from '../worker/teach-protocol';
import { t as tr } from '../i18n';

interface StepInfo {
  index: number;
  group: 'start' | 'forward' | 'loss' | 'backward' | 'update';
  label: string;
  title: string;
}

/** The buttons of the bar: the sample, then the engine's phases of a batch in its order. */
function steps(view: TeachView): StepInfo[] {
  const L = view.layers.length;
  // "Forward through layer 2", or "... the output layer": whole sentences, one key each.
  const title = (p: Phase): string =>
    p.kind === 'loss' ? tr('teach.steps.lossTitle') : p.layer === L - 1 ? tr(`teach.steps.${p.kind}Output`) : tr(`teach.steps.${p.kind}Layer`, { layer: p.layer! + 1 });
  return [
    { index: 0, group: 'start', label: tr('teach.steps.sample'), title: tr('teach.steps.sampleTitle') },
    ...view.phases.map((p, k) => ({ index: k + 1, group: p.kind, label: p.kind === 'loss' ? tr('teach.steps.loss') : String(p.layer! + 1), title: title(p) })),
  ];
}

const GROUP_CAPTION = { start: '', forward: 'teach.steps.captionForward', loss: '', backward: 'teach.steps.captionBackward', update: 'teach.steps.captionUpdate' } as const;

export function StepBar({ view }: { view: TeachView }) {
  const teaching = useTeaching();
  const list = steps(view);
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
export function useStepKeys() {
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
