// Share → Build a lesson…: a teacher ticks the controls a lesson takes off the page, picks the
// mode and the Teach step it opens on, and copies the link (the page itself does not change).
// The names are the link's own (hide=lr,data): share/hide.ts.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Phase } from '../engine/neurostep';
import { useApp } from '../components/fields';
import { stepList } from '../teaching/steps';
import { Dialog } from './Dialog';
import { hideShortNames } from './hide';
import { copyText, useShare } from './share';

const GROUP_LABELS: Record<string, string> = {
  data: 'The data: dataset, points, noise, test share, data seed',
  network: 'The network: layers, activations, loss, initializers, biases, L1, L2, precision, seed',
  training: 'Training: the optimizer and its settings, the batch size',
  view: 'The view: the loss axis, the class of new points',
};

export function LessonDialog({ onClose }: { onClose: () => void }) {
  const share = useShare();
  const app = useApp();
  const { groups, settings } = useMemo(hideShortNames, []);
  const [hide, setHide] = useState<string[]>(() => [...share.hiddenNames()]);
  const [mode, setMode] = useState<'play' | 'teach'>(app.settings.peek().mode);
  const [step, setStep] = useState(app.settings.peek().teachStep);
  const [copied, setCopied] = useState(false);
  // The steps are the engine's phases of a batch, in its order (asked once).
  const [phases, setPhases] = useState<Phase[]>([]);
  useEffect(() => {
    share.phases().then(setPhases, () => setPhases([]));
  }, []);
  const L = app.spec.value?.layers.length ?? 1;
  const list = stepList(phases, L);
  const link = share.lessonHref(hide, mode, Math.min(step, list.length - 1));
  const toggle = (name: string, on: boolean) => setHide((h) => (on ? [...h.filter((n) => n !== name), name] : h.filter((n) => n !== name)));
  const box = (name: string, label: string) => (
    <label class="lesson__item" key={name}>
      <input type="checkbox" checked={hide.includes(name)} onChange={(e) => toggle(name, (e.currentTarget as HTMLInputElement).checked)} data-testid={`lesson-hide-${name}`} />
      <span>
        {label} <code>{name}</code>
      </span>
    </label>
  );
  const copy = async () => {
    setCopied(await copyText(link));
    setTimeout(() => setCopied(false), 2000);
  };
  const footer = (
    <>
      <button class="btn btn--quiet" onClick={onClose}>
        Close
      </button>
      <button class="btn btn--primary" onClick={copy} data-testid="lesson-copy">
        {copied ? 'Link copied' : 'Copy link'}
      </button>
    </>
  );
  return (
    <Dialog title="Build a lesson" onClose={onClose} testid="lesson-dialog" footer={footer} wide>
      <p class="lesson__intro">The link opens this page as it is now, without the controls you tick; their settings keep their values. This page does not change.</p>
      <label class="lesson__link">
        <span>The lesson’s link</span>
        <input type="text" readOnly value={link} onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} data-testid="lesson-link" />
      </label>
      <div class="lesson__opens">
        <label>
          <span>Opens in</span>
          <select value={mode} onChange={(e) => setMode((e.currentTarget as HTMLSelectElement).value as 'play' | 'teach')} data-testid="lesson-mode">
            <option value="play">Play mode</option>
            <option value="teach">Teach mode</option>
          </select>
        </label>
        {mode === 'teach' && (
        <label>
          <span>on the step</span>
          <select value={String(Math.min(step, list.length - 1))} onChange={(e) => setStep(Number((e.currentTarget as HTMLSelectElement).value))} data-testid="lesson-step">
            {list.map((s) => (
              <option key={s.index} value={String(s.index)}>
                {s.index}: {s.title}
              </option>
            ))}
          </select>
        </label>
        )}
      </div>
      <fieldset class="lesson__group">
        <legend>Hide whole groups</legend>
        {groups.map((g) => box(g, GROUP_LABELS[g] ?? g))}
      </fieldset>
      <fieldset class="lesson__group">
        <legend>Or single controls</legend>
        <div class="lesson__grid">{settings.map((x) => box(x.name, x.label))}</div>
      </fieldset>
    </Dialog>
  );
}
