// A small picture of an activation: f(z) (solid) and f'(z) (dashed) over z in [-4, 4], beside
// each activation the page offers. The numbers are the engine's (worker/activation-curve.ts),
// asked for once per activation and shared by every picture of it; the page only scales them.
import { signal, type Signal } from '@preact/signals';
import type { EngineClient } from '../state/engine-client';
import type { ActivationCurve } from '../worker/protocol';
import { useApp } from './fields';
import './ActivationThumb.css';

const W = 44, H = 26, PAD = 2, FROM = -4, TO = 4, POINTS = 41;
/** The y range a picture may use: enough for relu6 and selu's slope, not exponential's 55. */
const Y_LO = -2, Y_HI = 4;
/** Softmax and log_softmax act on a whole row, not on one z: they have no picture. */
export const ROW_WISE = new Set(['softmax', 'log_softmax']);

const curves = new Map<string, Signal<ActivationCurve | null>>();

/** The engine's curve of `name`, asked for on first use (null until it comes, or if refused). */
function curveOf(client: EngineClient, name: string): Signal<ActivationCurve | null> {
  let s = curves.get(name);
  if (!s) {
    const made = signal<ActivationCurve | null>(null);
    curves.set(name, made);
    s = made;
    client
      .request('activationCurve', { name, from: FROM, to: TO, points: POINTS })
      .then((c) => (made.value = c))
      .catch(() => curves.delete(name)); // asked again next time (a restarted engine)
  }
  return s;
}

export function ActivationThumb({ name, label }: { name: string; label: string }) {
  const app = useApp();
  if (ROW_WISE.has(name)) return null;
  // Asked for once the engine is up (status is a signal: the picture comes when it is).
  const curve = app.status.value.kind === 'ready' ? curveOf(app.client, name).value : null;
  if (!curve) return <span class="act-thumb act-thumb--empty" aria-hidden="true" />;
  const finite = [...curve.f, ...curve.df].filter(Number.isFinite);
  const lo = Math.max(Y_LO, Math.min(0, ...finite)), hi = Math.min(Y_HI, Math.max(1, ...finite));
  const sx = (z: number) => PAD + ((z - FROM) / (TO - FROM)) * (W - 2 * PAD);
  const sy = (v: number) => H - PAD - ((Math.max(lo, Math.min(hi, v)) - lo) / (hi - lo)) * (H - 2 * PAD);
  const path = (ys: Float64Array) => Array.from(curve.z, (z, i) => `${i ? 'L' : 'M'}${sx(z).toFixed(1)},${sy(ys[i]).toFixed(1)}`).join('');
  return (
    <svg class="act-thumb" viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={label} data-testid={`act-thumb-${name}`}>
      <line class="act-thumb__axis" x1={0} x2={W} y1={sy(0)} y2={sy(0)} />
      <line class="act-thumb__axis" x1={sx(0)} x2={sx(0)} y1={0} y2={H} />
      <path class="act-thumb__df" d={path(curve.df)} />
      <path class="act-thumb__f" d={path(curve.f)} />
    </svg>
  );
}
