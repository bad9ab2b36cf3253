// The steps of one training step, named: the sample, then the engine's phases of a batch in its
// order (trainer.teachingStep's phases). The step bar shows them, and the Share menu's lesson
// builder offers them (this module brings no KaTeX, so the main page can import it).
import type { Phase } from '../engine/neurostep';
import { t } from '../i18n';

export interface StepInfo {
  index: number;
  group: 'start' | 'forward' | 'loss' | 'backward' | 'update';
  label: string;
  title: string;
}

/** The sample, then one step per phase, for a network of L layers. */
export function stepList(phases: readonly Phase[], L: number): StepInfo[] {
  // "Forward through layer 2", or "... the output layer": whole sentences, one key each.
  const title = (p: Phase): string =>
    p.kind === 'loss' ? t('teach.steps.lossTitle') : p.layer === L - 1 ? t(`teach.steps.${p.kind}Output`) : t(`teach.steps.${p.kind}Layer`, { layer: p.layer! + 1 });
  return [
    { index: 0, group: 'start', label: t('teach.steps.sample'), title: t('teach.steps.sampleTitle') },
    ...phases.map((p, k) => ({ index: k + 1, group: p.kind, label: p.kind === 'loss' ? t('teach.steps.loss') : String(p.layer! + 1), title: title(p) })),
  ];
}
