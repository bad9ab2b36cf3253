// The step bar of Teach mode: Back, one button per phase of the batch (the engine's order,
// trainer.teachingStep's phases), Next, and the arrow keys that step.
import { useEffect } from 'preact/hooks';
import type { Phase } from '../engine/neurostep';
import { isShortcut } from '../lib/keys';
import { useTeaching } from './state';
import type { TeachView } from '../worker/teach-protocol';

interface StepInfo {
  index: number;
  group: 'start' | 'forward' | 'loss' | 'backward' | 'update';
  label: string;
  title: string;
}

/** The buttons of the bar: the sample, then the engine's phases of a batch in its order. */
function steps(view: TeachView): StepInfo[] {
  const L = view.layers.length;
  const name = (l: number) => (l === L - 1 ? 'the output layer' : `layer ${l + 1}`);
  const title = (p: Phase): string => {
    switch (p.kind) {
      case 'forward':
        return `Forward through ${name(p.layer!)}`;
      case 'loss':
        return 'The loss';
      case 'backward':
        return `Backward through ${name(p.layer!)}`;
      case 'update':
        return `Update ${name(p.layer!)}`;
    }
  };
  return [
    { index: 0, group: 'start', label: 'Sample', title: 'The sample going in' },
    ...view.phases.map((p, k) => ({ index: k + 1, group: p.kind, label: p.kind === 'loss' ? 'Loss' : String(p.layer! + 1), title: title(p) })),
  ];
}

const GROUP_CAPTION = { start: '', forward: 'Forward →', loss: '', backward: '← Backward', update: 'Update' } as const;

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
    <nav class="stepbar" aria-label="Steps of one training step" data-testid="step-bar">
      <button class="btn" onClick={() => teaching.back()} disabled={view.index === 0} data-testid="teach-back" title="Back one step (←)">
        Back
      </button>
      <ol class="stepbar__groups">
        {groups.map((g) => (
          <li key={g[0].index} class={`stepbar__group stepbar__group--${g[0].group}`}>
            <span class="stepbar__caption">{GROUP_CAPTION[g[0].group] || '\u00a0'}</span>
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
      <button class="btn btn--primary stepbar__next" onClick={() => teaching.next()} disabled={view.index === view.total} data-testid="teach-next" title="Next step (→)">
        Next
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
