// The step bar of Teach mode: Back, one button per phase of the batch (the engine's order,
// trainer.teachingStep's phases), Next, and the arrow keys that step.
import { useEffect, useRef } from 'preact/hooks';
import { isShortcut } from '../lib/keys';
import { useTeaching } from './state';
import { stepList, type StepInfo } from './steps';
import type { TeachView } from '../worker/teach-protocol';
import { t as tr } from '../i18n';

const GROUP_CAPTION = { start: '', forward: 'teach.steps.captionForward', loss: '', backward: 'teach.steps.captionBackward', update: 'teach.steps.captionUpdate' } as const;

export function StepBar({ view }: { view: TeachView }) {
  const teaching = useTeaching();
  const list = stepList(view.phases, view.layers.length);
  const groups: StepInfo[][] = [];
  for (const s of list) {
    const last = groups[groups.length - 1];
    if (last && last[0].group === s.group) last.push(s);
    else groups.push([s]);
  }
  const busy = teaching.busy.value;
  const nav = useRef<HTMLElement>(null);
  // The step on screen stays in view when the steps scroll (many layers, a phone).
  useEffect(() => {
    nav.current?.querySelector('[aria-current=step]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [view.index]);
  return (
    <nav class="stepbar" aria-label={tr('teach.steps.group')} data-testid="step-bar" ref={nav}>
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
