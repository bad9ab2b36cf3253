// Training and test loss per epoch (uPlot). The chart is built once per axis scale and fed
// new data whenever the history grows; long histories are thinned to ~1500 points (and the
// page keeps at most a few thousand epochs of them: state/loss-history.ts).
import { useComputed, useSignalEffect } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { EpochRecord } from '../lib/types';
import { useApp } from './fields';
import { useSize } from './useSize';
import { language, t } from '../i18n';

const MAX_POINTS = 1500;
const REDRAW_MS = 100;

function chartData(history: EpochRecord[], log: boolean): uPlot.AlignedData {
  const n = history.length;
  const stride = Math.max(1, Math.ceil(n / MAX_POINTS));
  const xs: number[] = [], train: (number | null)[] = [], test: (number | null)[] = [];
  const clean = (v: number | null): number | null => (v !== null && Number.isFinite(v) && (!log || v > 0) ? v : null);
  for (let i = 0; i < n; i += stride) {
    const r = history[i];
    xs.push(r.epoch);
    train.push(clean(r.loss));
    test.push(clean(r.val_loss));
  }
  if (n > 0 && (n - 1) % stride !== 0) {
    const r = history[n - 1];
    xs.push(r.epoch);
    train.push(clean(r.loss));
    test.push(clean(r.val_loss));
  }
  return [xs, train, test];
}

/** Short tick labels: 0.25, 12, 3.4k, 1e+6. */
function axisNumber(v: number): string {
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1e6 || a < 1e-3) return v.toExponential(0);
  if (a >= 1e3) return `${Number((v / 1e3).toPrecision(3))}k`;
  return String(Number(v.toPrecision(3)));
}

export function LossChart({ height }: { height: number }) {
  const app = useApp();
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const { width } = useSize(box);
  const log = app.settings.value.chartScale === 'log';
  const hasTest = (app.split.value?.test.rows ?? 0) > 0;

  useEffect(() => {
    if (!box.current || width === 0) return;
    const style = getComputedStyle(document.documentElement);
    const positive = style.getPropertyValue('--series-train').trim() || '#0f766e';
    const negative = style.getPropertyValue('--series-test').trim() || '#f59322';
    const opts: uPlot.Options = {
      width,
      height,
      padding: [8, 8, 0, 0],
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 6 } },
      scales: { x: { time: false }, y: log ? { distr: 3 } : { range: (_u, _min, max) => [0, max > 0 ? max * 1.05 : 1] } },
      axes: [
        { stroke: '#64748b', grid: { stroke: 'rgba(15,23,42,0.06)' }, ticks: { show: false }, size: 28, font: '11px system-ui, sans-serif' },
        { stroke: '#64748b', grid: { stroke: 'rgba(15,23,42,0.06)' }, ticks: { show: false }, size: 44, font: '11px system-ui, sans-serif', values: (_u, splits) => splits.map(axisNumber) },
      ],
      series: [
        { label: t('output.seriesEpoch') },
        { label: t('output.seriesTrain'), stroke: positive, width: 2 },
        { label: t('output.seriesTest'), stroke: negative, width: 2, dash: [6, 4], show: hasTest },
      ],
    };
    plot.current?.destroy();
    plot.current = new uPlot(opts, chartData(app.history.points(), log), box.current);
    return () => {
      plot.current?.destroy();
      plot.current = null;
    };
  }, [width, height, log, hasTest, language.value]);

  // At most REDRAW_MS apart while playing (a redraw lays out every axis label), and always the
  // last state.
  const timer = useRef<{ last: number; pending: ReturnType<typeof setTimeout> | null }>({ last: 0, pending: null });
  useSignalEffect(() => {
    app.historyVersion.value;
    const redraw = () => {
      timer.current.last = performance.now();
      timer.current.pending = null;
      plot.current?.setData(chartData(app.history.points(), app.settings.peek().chartScale === 'log'));
    };
    const wait = REDRAW_MS - (performance.now() - timer.current.last);
    if (wait <= 0) redraw();
    else if (!timer.current.pending) timer.current.pending = setTimeout(redraw, wait);
  });
  useEffect(() => () => void (timer.current.pending && clearTimeout(timer.current.pending)), []);

  const empty = useComputed(() => app.historyVersion.value >= 0 && app.history.length === 0).value;
  return (
    <div class="chart-wrap">
      <div class="chart" ref={box} role="img" aria-label={t('output.chart')} data-testid="loss-chart" />
      {empty && <p class="chart__empty">{t('output.chartEmpty')}</p>}
      {!empty && (
        <p class="chart__legend" aria-hidden="true">
          <span class="swatch swatch--train" /> {t('output.seriesTrain')}
          {hasTest && (
            <>
              <span class="swatch swatch--test" /> {t('output.seriesTest')}
            </>
          )}
        </p>
      )}
    </div>
  );
}
