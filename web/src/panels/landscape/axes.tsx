// The names of a landscape's two axes, as the panel, the race's map and Teach mode's update step
// show them: a weight in the words of the panel's selects, or a random direction; and the frame
// that writes them beside a map.
import type { ComponentChildren } from 'preact';
import { t } from '../../i18n';
import type { WeightPick } from '../../lib/weight-names';
import type { SurfaceOptions } from '../../worker/landscape-protocol';

/** A weight as the panel names it (its selects, the map's axes). */
export const weightLabel = (w: WeightPick): string =>
  w.param === 'bias' ? t('landscape.biasWeight', { layer: w.layer + 1, unit: w.unit + 1 }) : t('landscape.kernelWeight', { layer: w.layer + 1, unit: w.unit + 1, input: w.input + 1 });

/** The names of the shown surface's two axes: the weights, or the random directions. */
export function axisLabels(directions: SurfaceOptions['directions']): [string, string] {
  if (directions === undefined || directions === 'random') return [t('landscape.axisRandom', { n: 1 }), t('landscape.axisRandom', { n: 2 })];
  return [weightLabel(directions[0] as WeightPick), weightLabel(directions[1] as WeightPick)];
}

/** A map with its axes named: y above it, x below it. */
export function AxesFrame({ x, y, testid = 'landscape', children }: { x: string; y: string; testid?: string; children: ComponentChildren }) {
  return (
    <figure class="landscape__frame">
      <span class="landscape__axis landscape__axis--y" data-testid={`${testid}-axis-y`}>↑ {y}</span>
      {children}
      <span class="landscape__axis landscape__axis--x" data-testid={`${testid}-axis-x`}>{x} →</span>
    </figure>
  );
}
