// The optimizer race (issue 17): two to four optimizers, each on a copy of the trainer, train the
// same epochs from the same weights on the same batches (worker/optimizer-race.ts); their loss
// curves are overlaid, and the first to reach the target loss is named. The learning rate is the
// page's, so that the race compares the optimizers and nothing else.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../../components/fields';
import { css, CLASS_COLORS } from '../../lib/colors';
import { fitCanvas } from '../../lib/plot2d';
import { fmt } from '../../lib/data-view';
import { messageOf } from '../../state/app';
import { say, t, type Message } from '../../i18n';
import type { OptimizerSpec } from '../../engine/neurostep';
import type { RaceResult } from '../../worker/optimizer-race';
import { drawRace } from './draw-curves';

const RACERS: { key: string; optimizer: (lr: number) => OptimizerSpec }[] = [
  { key: 'sgd', optimizer: (lr) => ({ name: 'sgd', learning_rate: lr }) },
  { key: 'momentum', optimizer: (lr) => ({ name: 'sgd', learning_rate: lr, momentum: 0.9 }) },
  { key: 'nesterov', optimizer: (lr) => ({ name: 'sgd', learning_rate: lr, momentum: 0.9, nesterov: true }) },
  { key: 'adam', optimizer: (lr) => ({ name: 'adam', learning_rate: lr }) },
  { key: 'rmsprop', optimizer: (lr) => ({ name: 'rmsprop', learning_rate: lr }) },
  { key: 'adagrad', optimizer: (lr) => ({ name: 'adagrad', learning_rate: lr }) },
];
const COLORS = CLASS_COLORS.map((c) => css(c));
const W = 216, H = 110, EPOCHS = 20;

export function Race() {
  const app = useApp();
  const [picked, setPicked] = useState<string[]>(['sgd', 'momentum', 'adam']);
  const [target, setTarget] = useState(0.3);
  const [result, setResult] = useState<RaceResult | null>(null);
  const [error, setError] = useState<Message | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (result && canvas.current) drawRace(fitCanvas(canvas.current, W, H), W, H, result.curves, target, COLORS);
  }, [result, target]);
  const run = async () => {
    const lr = app.settings.peek().learningRate;
    const racers = RACERS.filter((r) => picked.includes(r.key)).map((r) => ({ label: t(`landscape.race.${r.key}`), optimizer: r.optimizer(lr) }));
    setProgress('0');
    try {
      setResult(await app.client.request('race', { racers, epochs: EPOCHS, target }, { onProgress: (done, total) => setProgress(`${done} / ${total}`) }));
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setProgress(null);
    }
  };
  return (
    <div class="landscape__sweep" data-testid="race">
      <p class="landscape__help">{t('landscape.race.help', { epochs: EPOCHS })}</p>
      <div class="landscape__controls">
        {RACERS.map((r) => (
          <label key={r.key} class="landscape__check">
            <input type="checkbox" checked={picked.includes(r.key)} data-testid={`race-${r.key}`}
              onChange={(e) => setPicked((p) => ((e.currentTarget as HTMLInputElement).checked ? [...p, r.key] : p.filter((k) => k !== r.key)))} />
            {t(`landscape.race.${r.key}`)}
          </label>
        ))}
        <label class="landscape__field">
          {t('landscape.race.target')}
          <input type="number" min={0} step={0.05} value={target} data-testid="race-target"
            onChange={(e) => {
              const v = Number((e.currentTarget as HTMLInputElement).value);
              if (Number.isFinite(v) && v >= 0) setTarget(v);
            }} />
        </label>
      </div>
      <button class="btn landscape__btn" disabled={progress !== null} onClick={() => void run()} data-testid="race-run">
        {progress !== null ? t('landscape.race.running', { progress }) : t('landscape.race.run')}
      </button>
      {error && <p class="field__error" role="alert" data-testid="race-error">{say(error)}</p>}
      {result && (
        <>
          <canvas ref={canvas} class="landscape__cut" width={W} height={H} data-testid="race-chart" role="img" aria-label={t('landscape.race.chartLabel')} />
          <ul class="landscape__racers" data-testid="race-legend">
            {result.curves.map((c, k) => (
              <li key={c.label}>
                <span class="landscape__swatch" style={{ background: COLORS[k % COLORS.length] }} /> {c.label}: {fmt(c.losses.at(-1) ?? NaN, 4)}
                {c.reachedAt !== null && ` · ${t('landscape.race.reached', { epoch: c.reachedAt })}`}
              </li>
            ))}
          </ul>
          <p class="landscape__legend" data-testid="race-winner">
            {result.winner === null ? t('landscape.race.noWinner', { target: fmt(target) }) : t('landscape.race.winner', { name: result.curves[result.winner].label, epoch: result.curves[result.winner].reachedAt!, target: fmt(target) })}
          </p>
        </>
      )}
    </div>
  );
}
