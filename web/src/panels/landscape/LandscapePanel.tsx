// The loss landscape (issue 17), in Play mode below the output: the training loss over a 2-D
// slice of weight space through the current weights (random filter-normalised directions from a
// seed, or two weights), as the engine computes it, following training live; the step arrows and
// the recent path on it; a click moves the weights there (Undo takes it back); the 1-D cut through
// the current point; and the learning-rate range test with one click to use a rate.
import { useSignalEffect } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { useApp } from '../../components/fields';
import { fitCanvas } from '../../lib/plot2d';
import { fmt } from '../../lib/data-view';
import { say, t } from '../../i18n';
import { arrowScale, drawMap, pixelToPlane } from './draw-map';
import { drawCut, drawSweep, sweepX } from './draw-curves';
import { LandscapeModel, SWEEP, type WeightPick } from './landscape-model';
import { Race } from './Race';
import { AxesFrame, axisLabels, weightLabel } from './axes';

const MAP = 216;
/** A learning rate as the user would type it: three significant digits. */
const rateText = (r: number) => String(Number(r.toPrecision(3)));
const CUT_H = 72;
const SWEEP_H = 96;

export function LandscapePanel() {
  const app = useApp();
  const model = useMemo(() => new LandscapeModel(app), [app]);
  // Every new snapshot (a step, Play's frames, an edit) may have moved the weights.
  useSignalEffect(() => {
    void app.snapshot.value;
    model.refresh();
  });
  // Another slice, or another network (whose weights the picks may no longer name): a new surface.
  const s = model.settings.value, spec = app.spec.value;
  const slice = JSON.stringify([s.mode, s.a, s.b, s.seed, s.extent, s.data]);
  useEffect(() => model.changed(), [slice, spec]);
  return (
    <details class="landscape" data-testid="landscape" open={app.settings.value.landscape}
      onToggle={(e) => {
        const open = (e.currentTarget as HTMLDetailsElement).open;
        model.setOpen(open);
        if (open !== app.settings.peek().landscape) void app.setSetting('landscape', open);
      }}>
      <summary>{t('landscape.title')}</summary>
      <p class="landscape__help">{t('landscape.help')}</p>
      <Controls model={model} />
      <Views model={model} />
      <Sweep model={model} />
      <Race landscape={model} />
    </details>
  );
}

const key = (w: WeightPick) => `${w.layer}:${w.param}:${w.unit}:${w.input}`;

const MAX_CHOICES = 400;

/**
 * Every kernel entry and bias of the Dense layers (the first MAX_CHOICES), as the snapshot's
 * weights have them. Only those are named: a 784-input layer has 50,000 weights, and naming them
 * all on every snapshot held the page up for half a second.
 */
function weightChoices(weights: { W: { rows: number; cols: number }; b: { length: number } }[]): { pick: WeightPick; label: string }[] {
  const out: { pick: WeightPick; label: string }[] = [];
  weights.forEach(({ W, b }, layer) => {
    for (let unit = 0; unit < W.rows && out.length < MAX_CHOICES; unit++)
      for (let input = 0; input < W.cols && out.length < MAX_CHOICES; input++)
        out.push({ pick: { layer, param: 'kernel', unit, input }, label: weightLabel({ layer, param: 'kernel', unit, input }) });
    for (let unit = 0; unit < (W.rows > 0 ? b.length : 0) && out.length < MAX_CHOICES; unit++)
      out.push({ pick: { layer, param: 'bias', unit, input: 0 }, label: weightLabel({ layer, param: 'bias', unit, input: 0 }) });
  });
  return out;
}

function Controls({ model }: { model: LandscapeModel }) {
  const app = useApp();
  const s = model.settings.value;
  const snapshot = app.snapshot.value;
  // The choices depend on the layers' shapes (and the language), not on the weights' values.
  const shapes = snapshot ? snapshot.weights.map((w) => `${w.W.rows}x${w.W.cols}`).join(',') : '';
  const listed = useMemo(() => (snapshot ? weightChoices(snapshot.weights) : []), [shapes, t('landscape.weightA')]);
  // A picked weight the network does not have (or past the listed ones) stays listed (the map says if it fell back).
  const choices = [s.a, s.b].reduce((c, w) => (c.some((x) => key(x.pick) === key(w)) ? c : [...c, { pick: w, label: weightLabel(w) }]), listed);
  const pick = (which: 'a' | 'b') => (
    <label class="landscape__field">
      {t(which === 'a' ? 'landscape.weightA' : 'landscape.weightB')}
      <select value={key(s[which])} data-testid={`landscape-weight-${which}`}
        onChange={(e) => void model.change({ [which]: choices.find((c) => key(c.pick) === (e.currentTarget as HTMLSelectElement).value)!.pick })}>
        {choices.map((c) => <option key={key(c.pick)} value={key(c.pick)}>{c.label}</option>)}
      </select>
    </label>
  );
  return (
    <div class="landscape__controls">
      <div class="segmented segmented--small" role="radiogroup" aria-label={t('landscape.directions')}>
        {(['random', 'weights'] as const).map((mode) => (
          <button key={mode} role="radio" aria-checked={s.mode === mode} class={s.mode === mode ? 'is-selected' : ''} data-testid={`landscape-mode-${mode}`} onClick={() => void model.change({ mode })}>
            {t(`landscape.mode.${mode}`)}
          </button>
        ))}
      </div>
      <p class="landscape__hint">{t('landscape.pickHint')}</p>
      {s.mode === 'random' ? (
        <label class="landscape__field">
          {t('landscape.seed')}
          <input type="number" min={0} step={1} value={s.seed} data-testid="landscape-seed"
            onChange={(e) => {
              const v = Number((e.currentTarget as HTMLInputElement).value);
              if (Number.isInteger(v) && v >= 0 && v <= 4294967295) void model.change({ seed: v });
            }} />
        </label>
      ) : (
        <>
          {pick('a')}
          {pick('b')}
        </>
      )}
      <label class="landscape__field">
        {t('landscape.extent')}
        <select value={String(s.extent)} data-testid="landscape-extent" onChange={(e) => void model.change({ extent: Number((e.currentTarget as HTMLSelectElement).value) })}>
          {[...new Set([0.1, 0.25, 0.5, 1, 2, 5, 10, s.extent])].sort((x, y) => x - y).map((v) => <option key={v} value={String(v)}>±{v}</option>)}
        </select>
      </label>
      {(snapshot?.testSize ?? 0) > 0 && (
        <label class="landscape__field">
          {t('landscape.data')}
          <select value={s.data} data-testid="landscape-data" onChange={(e) => void model.change({ data: (e.currentTarget as HTMLSelectElement).value as 'train' | 'test' })}>
            <option value="train">{t('landscape.train')}</option>
            <option value="test">{t('landscape.test')}</option>
          </select>
        </label>
      )}
      <label class="landscape__check">
        <input type="checkbox" checked={s.log} data-testid="landscape-log" onChange={(e) => void model.change({ log: (e.currentTarget as HTMLInputElement).checked })} />
        {t('landscape.log')}
      </label>
    </div>
  );
}

function Views({ model }: { model: LandscapeModel }) {
  const app = useApp();
  const map = useRef<HTMLCanvasElement>(null), cut = useRef<HTMLCanvasElement>(null);
  const view = model.surface.value, log = model.settings.value.log, error = model.error.value, fallback = model.fallback.value;
  const [xLabel, yLabel] = axisLabels(model.axes.value);
  const scale = view ? arrowScale(view) : 1;
  useEffect(() => {
    if (!view || !map.current || !cut.current) return;
    drawMap(fitCanvas(map.current, MAP, MAP), MAP, view, log, scale);
    drawCut(fitCanvas(cut.current, MAP, CUT_H), MAP, CUT_H, view, log);
  }, [view, log, scale]);
  const onClick = (e: MouseEvent) => {
    if (!view) return;
    const r = (e.currentTarget as HTMLCanvasElement).getBoundingClientRect();
    const [x, y] = pixelToPlane(view, MAP, ((e.clientX - r.left) / r.width) * MAP, ((e.clientY - r.top) / r.height) * MAP);
    void model.moveTo(x, y);
  };
  return (
    <div class="landscape__body">
      {error && <p class="field__error" role="alert" data-testid="landscape-error">{say(error)}</p>}
      {fallback && (
        <p class="alert alert--info landscape__fallback" role="status" data-testid="landscape-fallback">
          {say(fallback)}{' '}
          <button class="btn btn--quiet landscape__btn" onClick={() => void model.change({ mode: 'random' })} data-testid="landscape-fallback-random">{t('landscape.backToRandom')}</button>
        </p>
      )}
      <div class="landscape__views" hidden={!view}>
        <AxesFrame x={xLabel} y={yLabel}>
          <canvas ref={map} class="landscape__map" width={MAP} height={MAP} onClick={onClick} data-testid="landscape-map"
            role="img" aria-label={t('landscape.mapLabel', { x: xLabel, y: yLabel })} title={t('landscape.clickHint')} />
        </AxesFrame>
        <div class="landscape__side">
          <span class="landscape__caption">{t('landscape.cut')}</span>
          <canvas ref={cut} class="landscape__cut" width={MAP} height={CUT_H} data-testid="landscape-cut" />
        </div>
      </div>
      {view && (
        <p class="landscape__legend" data-testid="landscape-legend">
          {t('landscape.centre', { loss: fmt(view.centre, 4), lowest: fmt(view.lowest, 4), highest: fmt(view.highest, 4) })}
          <br />
          <span class="landscape__key landscape__key--gradient" /> {t('landscape.gradientArrow', { rate: fmt(view.learningRate) })}{' '}
          <span class="landscape__key landscape__key--step" /> {t('landscape.nextArrow')}
          {scale > 1 && <> {t('landscape.magnified', { scale: fmt(scale) })}</>}
          <br />
          {t('landscape.grid', { n: view.resolution, steps: view.path.length / 2 - 1 })}
        </p>
      )}
      <button class="btn landscape__btn" disabled={!view || view.undoable === 0 || app.status.value.kind !== 'ready'} onClick={() => void model.undo()} data-testid="landscape-undo">
        {t('landscape.undo')}
      </button>
    </div>
  );
}

function Sweep({ model }: { model: LandscapeModel }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const s = model.sweep.value, chosen = model.chosen.value, error = model.sweepError.value;
  useEffect(() => {
    if (s && canvas.current) drawSweep(fitCanvas(canvas.current, MAP, SWEEP_H), MAP, SWEEP_H, s, chosen);
  }, [s, chosen]);
  const onClick = (e: MouseEvent) => {
    if (!s) return;
    const r = (e.currentTarget as HTMLCanvasElement).getBoundingClientRect();
    const px = ((e.clientX - r.left) / r.width) * MAP, x = sweepX(s, MAP);
    let best = 0;
    for (let i = 1; i < s.rates.length; i++) if (Math.abs(x(i) - px) < Math.abs(x(best) - px)) best = i;
    model.chosen.value = best;
  };
  return (
    <div class="landscape__sweep">
      <button class="btn landscape__btn" onClick={() => void model.runSweep()} disabled={model.sweeping.value} data-testid="landscape-sweep">
        {model.sweeping.value ? t('landscape.sweeping') : t('landscape.sweep')}
      </button>
      {error && <p class="field__error" role="alert" data-testid="landscape-sweep-error">{say(error)}</p>}
      {s && (
        <>
          <p class="landscape__help">{t('landscape.sweepHelp', { steps: SWEEP.steps, from: rateText(s.rates[0]), to: rateText(s.rates[s.rates.length - 1]) })}</p>
          <canvas ref={canvas} class="landscape__cut" width={MAP} height={SWEEP_H} onClick={onClick} data-testid="landscape-sweep-chart" role="img" aria-label={t('landscape.sweepLabel')} />
          {chosen >= 0 && (
            <p class="landscape__legend" data-testid="landscape-chosen">
              {t(s.diverged[chosen] ? 'landscape.chosenDiverged' : 'landscape.chosen', { rate: rateText(s.rates[chosen]), loss: fmt(s.losses[chosen], 4), start: fmt(s.startLoss, 4) })}{' '}
              <button class="btn btn--primary landscape__btn" onClick={() => void model.useChosen()} data-testid="landscape-use-rate">
                {t('landscape.use', { rate: rateText(s.rates[chosen]) })}
              </button>
            </p>
          )}
        </>
      )}
    </div>
  );
}
