// The optimizer race (issue 17): two to four optimizers, each on a copy of the trainer, train the
// same epochs from the same weights on the same batches (worker/optimizer-race.ts); their loss
// curves are overlaid, their paths drawn on one landscape (the slice the panel shows, through the
// starting weights), and the first to reach the target loss is named. Each racer takes the page's
// learning rate or its own; the setup is in the link (settings-landscape.ts), so a shared link
// races again the same way.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../../components/fields';
import { css, CLASS_COLORS } from '../../lib/colors';
import { fitCanvas } from '../../lib/plot2d';
import { fmt } from '../../lib/data-view';
import { messageOf } from '../../state/app';
import { say, t, type Message } from '../../i18n';
import type { RaceResult } from '../../worker/optimizer-race';
import { drawRace } from './draw-curves';
import { drawRaceMap } from './draw-map';
import { AxesFrame, axisLabels } from './axes';
import type { LandscapeModel } from './landscape-model';
import { formatRacers, parseRacers, raceRacers, RACER_KEYS, type Racer, type RacerKey } from './race-setup';

const COLORS = CLASS_COLORS.map((c) => css(c));
const W = 216, H = 110, MAP = 216, MAP_RESOLUTION = 31;

export function Race({ landscape }: { landscape: LandscapeModel }) {
  const app = useApp();
  const settings = app.settings.value;
  const racers = parseRacers(settings.raceOptimizers), target = settings.raceTarget, epochs = settings.raceEpochs;
  const [result, setResult] = useState<{ race: RaceResult; target: number; axes: [string, string] } | null>(null);
  const [error, setError] = useState<Message | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null), map = useRef<HTMLCanvasElement>(null);
  const log = landscape.settings.value.log;
  useEffect(() => {
    if (!result) return;
    if (canvas.current) drawRace(fitCanvas(canvas.current, W, H), W, H, result.race.curves, result.target, COLORS);
    if (map.current) drawRaceMap(fitCanvas(map.current, MAP, MAP), MAP, result.race.map, log, result.race.paths, COLORS);
  }, [result, log]);
  /** A change of the setup goes into the settings (and the link); a refused one is said. */
  const setup = async (changes: Parameters<typeof app.setViewSettings>[0]) => setError(await app.setViewSettings(changes));
  const toggle = (key: RacerKey, on: boolean) => {
    const next = on ? [...racers, { key, rate: null }] : racers.filter((r) => r.key !== key);
    if (next.length < 2 || next.length > 4) return setError({ key: 'landscape.race.count' });
    void setup({ raceOptimizers: formatRacers(next) });
  };
  const setRate = (key: RacerKey, raw: string) => {
    const rate = raw.trim() === '' ? null : Number(raw);
    if (rate !== null && !(Number.isFinite(rate) && rate > 0)) return setError({ key: 'landscape.race.badRate' });
    void setup({ raceOptimizers: formatRacers(racers.map((r): Racer => (r.key === key ? { key, rate } : r))) });
  };
  const run = async () => {
    const options = landscape.options(landscape.settings.peek(), MAP_RESOLUTION);
    setProgress('0');
    try {
      const race = await app.client.request(
        'race',
        { racers: raceRacers(racers, app.settings.peek().learningRate), epochs, target, surface: options },
        { onProgress: (done, total) => setProgress(`${done} / ${total}`) },
      );
      setResult({ race, target, axes: axisLabels(options.directions) });
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setProgress(null);
    }
  };
  return (
    <div class="landscape__sweep" data-testid="race">
      <p class="landscape__help">{t('landscape.race.help', { epochs })}</p>
      <div class="landscape__controls">
        {RACER_KEYS.map((key) => {
          const racer = racers.find((r) => r.key === key);
          return (
            <span key={key} class="landscape__field">
              <label class="landscape__check">
                <input type="checkbox" checked={racer !== undefined} data-testid={`race-${key}`} onChange={(e) => toggle(key, (e.currentTarget as HTMLInputElement).checked)} />
                {t(`landscape.race.${key}`)}
              </label>
              {racer && (
                <input type="number" class="landscape__racer-rate" min={0} step="any" value={racer.rate ?? ''} placeholder={String(settings.learningRate)}
                  aria-label={t('landscape.race.rate', { name: t(`landscape.race.${key}`) })} title={t('landscape.race.rateHelp')} data-testid={`race-rate-${key}`}
                  onChange={(e) => setRate(key, (e.currentTarget as HTMLInputElement).value)} />
              )}
            </span>
          );
        })}
        <label class="landscape__field">
          {t('landscape.race.epochs')}
          <input type="number" min={1} max={100} step={1} value={epochs} data-testid="race-epochs" onChange={(e) => void setup({ raceEpochs: Number((e.currentTarget as HTMLInputElement).value) })} />
        </label>
        <label class="landscape__field">
          {t('landscape.race.target')}
          <input type="number" min={0} step={0.05} value={target} data-testid="race-target" onChange={(e) => void setup({ raceTarget: Number((e.currentTarget as HTMLInputElement).value) })} />
        </label>
      </div>
      <button class="btn landscape__btn" disabled={progress !== null} onClick={() => void run()} data-testid="race-run">
        {progress !== null ? t('landscape.race.running', { progress }) : t('landscape.race.run')}
      </button>
      {error && <p class="field__error" role="alert" data-testid="race-error">{say(error)}</p>}
      {result && <RaceViews result={result} canvas={canvas} map={map} />}
    </div>
  );
}

function RaceViews({ result, canvas, map }: { result: { race: RaceResult; target: number; axes: [string, string] }; canvas: { current: HTMLCanvasElement | null }; map: { current: HTMLCanvasElement | null } }) {
  const { race, target, axes } = result;
  return (
    <>
      <div class="landscape__views">
        <AxesFrame x={axes[0]} y={axes[1]} testid="race-map">
          <canvas ref={map} class="landscape__map landscape__map--race" width={MAP} height={MAP} data-testid="race-map" role="img" aria-label={t('landscape.race.mapLabel', { x: axes[0], y: axes[1] })} />
        </AxesFrame>
        <canvas ref={canvas} class="landscape__cut" width={W} height={H} data-testid="race-chart" role="img" aria-label={t('landscape.race.chartLabel')} />
      </div>
      <ul class="landscape__racers" data-testid="race-legend">
        {race.curves.map((c, k) => (
          <li key={k} data-steps={race.paths[k].length / 2 - 1}>
            <span class="landscape__swatch" style={{ background: COLORS[k % COLORS.length] }} /> {c.label}: {fmt(c.losses.at(-1) ?? NaN, 4)}
            {c.reachedAt !== null && ` · ${t('landscape.race.reached', { epoch: c.reachedAt })}`}
          </li>
        ))}
      </ul>
      <p class="landscape__legend" data-testid="race-map-legend">{t('landscape.race.mapLegend', { extent: fmt(race.map.coords[race.map.resolution - 1]) })}</p>
      <p class="landscape__legend" data-testid="race-winner">
        {race.winner === null ? t('landscape.race.noWinner', { target: fmt(target) }) : t('landscape.race.winner', { name: race.curves[race.winner].label, epoch: race.curves[race.winner].reachedAt!, target: fmt(target) })}
      </p>
    </>
  );
}
