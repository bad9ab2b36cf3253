// The activation explorer: f(z) and f'(z) of any activation over a range you choose, with both
// values at the point under the pointer. Every number is the engine's (worker/activation-curve.ts);
// the page only scales them to the drawing.
import { useEffect, useId, useState } from 'preact/hooks';
import { useApp } from '../components/fields';
import { catalogue, nameLabel } from '../lib/catalogue';
import { exact } from '../lib/number-format';
import type { ActivationCurve } from '../worker/protocol';
import { ActivationThumb } from '../components/ActivationThumb';
import { EXPLORER_TEXT, thumbLabel } from '../lib/layer-kinds-text';
import './ActivationExplorer.css';

const W = 300, H = 170, PAD = 24, POINTS = 241;
/** Softmax and log_softmax act on a whole row, not on one z: the explorer leaves them out. */
const SCALAR = catalogue().activations.map((a) => a.name).filter((n) => n !== 'softmax' && n !== 'log_softmax');

export function ActivationExplorer() {
  const app = useApp();
  const ids = useId();
  const [name, setName] = useState<string>('relu');
  const [range, setRange] = useState({ from: -4, to: 4 });
  const [text, setText] = useState({ from: '-4', to: '4' });
  const [curve, setCurve] = useState<ActivationCurve | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    app.client
      .request('activationCurve', { name, from: range.from, to: range.to, points: POINTS })
      .then((c) => live && (setCurve(c), setError(null)))
      .catch((err) => live && setError(err instanceof Error ? err.message : String(err)));
    return () => void (live = false);
  }, [name, range.from, range.to]);
  const commit = () => {
    const from = Number(text.from), to = Number(text.to);
    if (text.from.trim() === '' || text.to.trim() === '' || !Number.isFinite(from) || !Number.isFinite(to) || !(from < to)) return setError(EXPLORER_TEXT.badRange);
    setRange({ from, to });
  };
  const finite = curve ? [...curve.f, ...curve.df].filter(Number.isFinite) : [];
  const lo = Math.min(0, ...finite), hi = Math.max(1, ...finite);
  const sx = (z: number) => PAD + ((z - range.from) / (range.to - range.from)) * (W - 2 * PAD);
  const sy = (v: number) => H - PAD - ((Math.max(lo, Math.min(hi, v)) - lo) / (hi - lo)) * (H - 2 * PAD);
  const path = (ys: Float64Array) => (curve ? Array.from(curve.z, (z, i) => `${i ? 'L' : 'M'}${sx(z).toFixed(1)},${sy(ys[i]).toFixed(1)}`).join('') : '');
  const at = hover !== null && curve ? hover : null;
  return (
    <details class="more explorer" data-testid="activation-explorer">
      <summary>{EXPLORER_TEXT.title}</summary>
      <div class="explorer__controls">
        <label for={`${ids}-f`}>{EXPLORER_TEXT.activation}</label>
        <select id={`${ids}-f`} value={name} onChange={(e) => setName((e.currentTarget as HTMLSelectElement).value)} data-testid="explorer-activation">
          {SCALAR.map((n) => (
            <option key={n} value={n}>
              {nameLabel('activations', n)}
            </option>
          ))}
        </select>
        <label for={`${ids}-from`}>{EXPLORER_TEXT.from}</label>
        <input id={`${ids}-from`} type="text" inputMode="decimal" value={text.from} data-testid="explorer-from" onInput={(e) => setText({ ...text, from: (e.currentTarget as HTMLInputElement).value })} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} />
        <label for={`${ids}-to`}>{EXPLORER_TEXT.to}</label>
        <input id={`${ids}-to`} type="text" inputMode="decimal" value={text.to} data-testid="explorer-to" onInput={(e) => setText({ ...text, to: (e.currentTarget as HTMLInputElement).value })} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} />
      </div>
      <div class="explorer__gallery" role="group" aria-label={EXPLORER_TEXT.gallery} title={EXPLORER_TEXT.gallery}>
        {SCALAR.map((n) => (
          <button key={n} type="button" class="explorer__pick" aria-pressed={n === name} onClick={() => setName(n)} data-testid={`explorer-pick-${n}`}>
            <ActivationThumb name={n} label={thumbLabel(nameLabel('activations', n))} />
            <span>{nameLabel('activations', n)}</span>
          </button>
        ))}
      </div>
      {error && (
        <p class="explorer__error" role="alert" data-testid="explorer-error">
          {error}
        </p>
      )}
      {curve && (
        <svg
          class="explorer__plot"
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-label={EXPLORER_TEXT.plotLabel(nameLabel('activations', name))}
          data-testid="explorer-plot"
          onMouseMove={(e) => {
            const box = (e.currentTarget as SVGSVGElement).getBoundingClientRect();
            const x = ((e.clientX - box.left) / box.width) * W;
            const i = Math.round(((x - PAD) / (W - 2 * PAD)) * (curve.z.length - 1));
            setHover(Math.max(0, Math.min(curve.z.length - 1, i)));
          }}
          onMouseLeave={() => setHover(null)}
        >
          <line class="explorer__axis" x1={PAD} x2={W - PAD} y1={sy(0)} y2={sy(0)} />
          {range.from < 0 && range.to > 0 && <line class="explorer__axis" x1={sx(0)} x2={sx(0)} y1={PAD} y2={H - PAD} />}
          <path class="explorer__f" d={path(curve.f)} data-testid="explorer-f" />
          <path class="explorer__df" d={path(curve.df)} data-testid="explorer-df" />
          {at !== null && <line class="explorer__cursor" x1={sx(curve.z[at])} x2={sx(curve.z[at])} y1={PAD} y2={H - PAD} />}
          <text x={PAD - 2} y={PAD - 6} class="explorer__tick">{exact(Number(hi.toPrecision(3)))}</text>
          <text x={PAD - 2} y={H - PAD + 12} class="explorer__tick">{exact(Number(lo.toPrecision(3)))}</text>
          <text x={PAD} y={H - 2} class="explorer__tick">{exact(range.from)}</text>
          <text x={W - PAD} y={H - 2} class="explorer__tick" text-anchor="end">{exact(range.to)}</text>
        </svg>
      )}
      <p class="explorer__legend">
        <span class="explorer__key explorer__key--f" /> {EXPLORER_TEXT.fLegend} <span class="explorer__key explorer__key--df" /> {EXPLORER_TEXT.dfLegend}
      </p>
      <p class="explorer__values" aria-live="polite" data-testid="explorer-values">
        {at !== null && curve ? EXPLORER_TEXT.values(exact(curve.z[at]), exact(curve.f[at]), exact(curve.df[at])) : EXPLORER_TEXT.hoverHint}
      </p>
    </details>
  );
}
