// The loss landscape in Teach mode's update step: the engine's surface through the weights this
// step starts from, over the step's own rows (worker/teaching-session.ts), on the slice the Play
// panel shows (random directions or two weights, from the settings); the current point, and the
// update as an arrow: -η∇L projected on the slice, with its two components as the engine gives
// them, beside the step the optimizer really takes. The page computes none of these numbers.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../components/fields';
import { fitCanvas } from '../lib/plot2d';
import { exact, show } from '../lib/number-format';
import { messageOf } from '../state/app';
import { say, t as tr, type Message } from '../i18n';
import type { LossSurface } from '../worker/landscape-protocol';
import type { TeachView } from '../worker/teach-protocol';
import { arrowScale, drawMap } from '../panels/landscape/draw-map';
import { AxesFrame, axisLabels } from '../panels/landscape/axes';
import { landscapeSettings, MISSING_WEIGHT, surfaceOptions } from '../panels/landscape/landscape-model';

const MAP = 216;
const RESOLUTION = 31;

interface Shown {
  surface: LossSurface;
  axes: [string, string];
  /** The picked weights are not in this network: random directions, and why. */
  fallback: Message | null;
}

export function TeachLandscape({ view }: { view: TeachView }) {
  const app = useApp();
  const s = landscapeSettings(app.settings.value);
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<Message | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  // A new step (other rows, other weights) or another slice: the engine's surface again.
  const key = JSON.stringify([view.iterations, view.rows, view.source, s.mode, s.a, s.b, s.seed, s.extent]);
  useEffect(() => {
    let live = true;
    const ask = async (random: boolean, fallback: Message | null): Promise<void> => {
      const options = surfaceOptions(s, RESOLUTION, random);
      try {
        const surface = await app.client.request('teachLandscape', { options });
        if (live) {
          setShown({ surface, axes: axisLabels(options.directions), fallback });
          setError(null);
        }
      } catch (err) {
        const m = messageOf(err);
        if (!random && MISSING_WEIGHT.has(m.key ?? '')) return ask(true, { key: 'landscape.fallback', vars: { reason: m } });
        if (live) setError(m);
      }
    };
    void ask(s.mode === 'random', null);
    return () => {
      live = false;
    };
  }, [key]);
  useEffect(() => {
    if (shown && canvas.current) drawMap(fitCanvas(canvas.current, MAP, MAP), MAP, shown.surface, s.log, arrowScale(shown.surface));
  }, [shown, s.log]);
  // The landscape is an extra of the step: what the engine refused is a note, not an alarm.
  if (error) return <p class="fnote" data-testid="teach-landscape-error">{say(error)}</p>;
  if (!shown) return null;
  const { surface, axes, fallback } = shown;
  const g = surface.gradientStep, next = surface.nextStep, scale = arrowScale(surface);
  return (
    <div class="fblock teach-landscape" data-testid="teach-landscape">
      <h4>{tr('teach.landscape.title')}</h4>
      <p class="fnote">{tr('teach.landscape.lead', { rows: view.rows.length })}</p>
      {fallback && <p class="alert alert--info landscape__fallback" role="status" data-testid="teach-landscape-fallback">{say(fallback)}</p>}
      <div class="landscape__views">
        <AxesFrame x={axes[0]} y={axes[1]} testid="teach-landscape">
          <canvas ref={canvas} class="landscape__map teach-landscape__map" width={MAP} height={MAP} data-testid="teach-landscape-map" role="img"
            aria-label={tr('landscape.mapLabel', { x: axes[0], y: axes[1] })} />
        </AxesFrame>
        <dl class="teach-landscape__numbers">
          <dt><span class="landscape__key landscape__key--gradient" /> {tr('teach.landscape.gradient', { rate: show(surface.learningRate) })}</dt>
          <dd data-testid="teach-landscape-gradient" data-x={exact(g.x)} data-y={exact(g.y)}>({show(g.x)}, {show(g.y)})</dd>
          <dt><span class="landscape__key landscape__key--step" /> {tr('teach.landscape.next')}</dt>
          <dd data-testid="teach-landscape-next" data-x={exact(next.x)} data-y={exact(next.y)}>({show(next.x)}, {show(next.y)})</dd>
          <dt>{tr('teach.landscape.loss')}</dt>
          <dd data-testid="teach-landscape-loss" data-value={exact(surface.centre)}>{show(surface.centre)}</dd>
        </dl>
      </div>
      <p class="fnote">
        {tr('teach.landscape.components', { x: axes[0], y: axes[1] })}
        {scale > 1 && <> {tr('landscape.magnified', { scale: show(scale) })}</>}
      </p>
    </div>
  );
}
