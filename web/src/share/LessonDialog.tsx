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
import { t } from '../i18n';
import { settingLabel } from '../i18n/settings-text';

/** The groups a lesson can hide, each described under lesson.group.<name>. */
const GROUPS = new Set(['data', 'network', 'training', 'view']);
const groupLabel = (g: string) => (GROUPS.has(g) ? t(`lesson.group.${g}`) : g);
/** A single control's label: the settings table's, in the page's language (the mode switch has its own). */
const controlLabel = (key: string, fallback: string) => (key === 'mode' ? t('lesson.modeSwitch') : settingLabel(key, { label: fallback, help: '' }));

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
        {t('lesson.close')}
      </button>
      <button class="btn btn--primary" onClick={copy} data-testid="lesson-copy">
        {copied ? t('share.linkCopied') : t('share.copyLink')}
      </button>
    </>
  );
  return (
    <Dialog title={t('lesson.title')} onClose={onClose} testid="lesson-dialog" footer={footer} wide>
      <p class="lesson__intro">{t('lesson.intro')}</p>
      <label class="lesson__link">
        <span>{t('lesson.link')}</span>
        <input type="text" readOnly value={link} onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} data-testid="lesson-link" />
      </label>
      <div class="lesson__opens">
        <label>
          <span>{t('lesson.opensIn')}</span>
          <select value={mode} onChange={(e) => setMode((e.currentTarget as HTMLSelectElement).value as 'play' | 'teach')} data-testid="lesson-mode">
            <option value="play">{t('lesson.playMode')}</option>
            <option value="teach">{t('lesson.teachMode')}</option>
          </select>
        </label>
        {mode === 'teach' && (
        <label>
          <span>{t('lesson.onStep')}</span>
          <select value={String(Math.min(step, list.length - 1))} onChange={(e) => setStep(Number((e.currentTarget as HTMLSelectElement).value))} data-testid="lesson-step">
            {list.map((s) => (
              <option key={s.index} value={String(s.index)}>
                {t('lesson.stepOption', { index: s.index, title: s.title })}
              </option>
            ))}
          </select>
        </label>
        )}
      </div>
      <fieldset class="lesson__group">
        <legend>{t('lesson.hideGroups')}</legend>
        {groups.map((g) => box(g, groupLabel(g)))}
      </fieldset>
      <fieldset class="lesson__group">
        <legend>{t('lesson.hideSingle')}</legend>
        <div class="lesson__grid">{settings.map((x) => box(x.name, controlLabel(x.key, x.label)))}</div>
      </fieldset>
    </Dialog>
  );
}
