// The steps of one training step, named: the sample, then the engine's phases of a batch in its
// order (trainer.teachingStep's phases). The step bar shows them, and the Share menu's lesson
// builder offers them (this module brings no KaTeX, so the main page can import it).
import type { Phase } from '../engine/neurostep';

export interface StepInfo {
  index: number;
  group: 'start' | 'forward' | 'loss' | 'backward' | 'update';
  label: string;
  title: string;
}

/** The sample, then one step per phase, for a network of L layers. */
export function stepList(phases: readonly Phase[], L: number): StepInfo[] {
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
    ...phases.map((p, k) => ({ index: k + 1, group: p.kind, label: p.kind === 'loss' ? 'Loss' : String(p.layer! + 1), title: title(p) })),
  ];
}
