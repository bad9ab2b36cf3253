// "Check the gradients": backpropagation against a finite difference, per layer, side by side
// (trainer.gradientCheck on a float64 copy of the network at the step's starting weights).
import { useSignal } from '@preact/signals';
import { at, show } from './format';
import { useTeaching } from './state';
import { Tex } from './Tex';
import type { TeachGradientCheck, TeachView } from '../worker/teach-protocol';

/** Below this the two agree to the precision a float64 difference quotient allows. */
export const CHECK_TOLERANCE = 1e-6;

/** |a - b| / max(|a|, |b|), 0 when both are 0 (gradient_check.hpp, relative_error). */
export const relativeError = (a: number, b: number) => {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : Math.abs(a - b) / scale;
};

export function GradientCheckPanel({ view }: { view: TeachView }) {
  const teaching = useTeaching();
  const check = teaching.check.value;
  const checking = teaching.checking.value;
  const chosen = useSignal(view.layers.length - 1);
  return (
    <div class="gcheck" data-testid="gradient-check">
      <p class="step-lead">
        Backpropagation found each gradient with the chain rule. A finite difference finds it another way: nudge one weight by ±<i>h</i> and ±2<i>h</i>, run the network forward, and see how much the loss moves. If the two agree, backpropagation is right.
      </p>
      <Tex tex={'\\frac{\\partial L}{\\partial w} \\approx \\frac{-L(w + 2h) + 8L(w + h) - 8L(w - h) + L(w - 2h)}{12h}, \\qquad \\text{relative error} = \\frac{\\lvert g_{\\text{backprop}} - g_{\\text{numeric}} \\rvert}{\\max(\\lvert g_{\\text{backprop}} \\rvert, \\lvert g_{\\text{numeric}} \\rvert)}'} />
      <p class="gcheck__meta">
        In float64 (16 digits), at the weights this step started from, on {view.rows.length === 1 ? `row ${view.rows[0] + 1}` : `this batch of ${view.rows.length} rows`}.{check && <> h = {check.h}.</>}{' '}
        <button class="btn btn--quiet" onClick={() => teaching.gradientCheck()} disabled={checking} data-testid="gradient-check-run">
          {checking ? 'Checking…' : check ? 'Check again' : 'Run the check'}
        </button>
      </p>
      {check && <CheckResults check={check} view={view} chosen={chosen.value} onChoose={(l) => (chosen.value = l)} />}
    </div>
  );
}

function CheckResults({ check, view, chosen, onChoose }: { check: TeachGradientCheck; view: TeachView; chosen: number; onChoose: (l: number) => void }) {
  const L = check.layers.length;
  const layer = check.layers[Math.min(chosen, L - 1)];
  const kinked = check.layers.some((c) => c.atKink > 0 || c.nearKink > 0);
  const rows: { name: string; bp: number; num: number; step: number; key: string }[] = [];
  const W = layer.backpropDW;
  for (let j = 0; j < W.rows; ++j)
    for (let i = 0; i < W.cols; ++i) rows.push({ key: `w${j}-${i}`, name: `w ${j + 1},${i + 1}`, bp: at(W, j, i), num: at(layer.numericDW, j, i), step: at(layer.stepDW, j, i) });
  if (view.layers[chosen]?.useBias)
    for (let j = 0; j < layer.backpropDb.rows; ++j) rows.push({ key: `b${j}`, name: `b ${j + 1}`, bp: at(layer.backpropDb, j), num: at(layer.numericDb, j), step: at(layer.stepDb, j) });
  return (
    <>
      <table class="gcheck__summary" data-testid="gradient-check-summary">
        <thead>
          <tr>
            <th scope="col">Layer</th>
            <th scope="col">Largest relative error</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {check.layers.map((c, l) => {
            const ok = c.maxRelativeError < CHECK_TOLERANCE;
            return (
              <tr key={l} class={l === chosen ? 'is-chosen' : undefined} onClick={() => onChoose(l)} data-testid={`gradient-check-layer-${l}`}>
                <th scope="row">{l === L - 1 ? 'Output layer' : `Layer ${l + 1}`}</th>
                <td class="num" data-value={String(c.maxRelativeError)}>
                  {c.maxRelativeError === 0 ? '0' : c.maxRelativeError.toExponential(1).replace('e-', 'e−')}
                </td>
                <td class={ok ? 'verdict verdict--right' : 'verdict verdict--wrong'}>{ok ? '✓ agree' : c.atKink + c.nearKink > 0 ? '≠ at a ReLU kink' : '≠ disagree'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {kinked && (
        <p class="alert alert--warn gcheck__kink" data-testid="gradient-check-kink">
          Some neurons’ sums z are at (or within 0.001 of) 0, where ReLU bends: its slope jumps from 0 to 1 there. Backpropagation uses the slope on one side ({"f'(0) = 0"}); the difference quotient straddles the bend and measures an average. Their disagreement there is the kink, not a mistake. Try another sample.
        </p>
      )}
      <p class="gcheck__caption">
        {L > 1 ? 'Click a layer above to see its weights. ' : ''}
        {chosen === L - 1 ? 'Output layer' : `Layer ${chosen + 1}`}: every gradient, both ways.
      </p>
      <div class="tgrid-scroll gcheck__scroll">
        <table class="tgrid gcheck__table" data-testid="gradient-check-table">
          <thead>
            <tr>
              <th scope="col">weight</th>
              <th scope="col">backprop (float64)</th>
              <th scope="col">finite difference</th>
              <th scope="col">relative error</th>
              <th scope="col" title="What the step itself computed, in the network's precision">
                this step ({view.precision})
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const e = relativeError(r.bp, r.num);
              return (
                <tr key={r.key}>
                  <th scope="row">{r.name}</th>
                  <td class="num mono" title={String(r.bp)} data-value={String(r.bp)}>{r.bp.toPrecision(10)}</td>
                  <td class="num mono" title={String(r.num)} data-value={String(r.num)}>{r.num.toPrecision(10)}</td>
                  <td class={`num${e < CHECK_TOLERANCE ? '' : ' is-bad'}`} data-value={String(e)}>{e === 0 ? '0' : e.toExponential(1).replace('e-', 'e−')}</td>
                  <td class="num" title={String(r.step)}>{show(r.step)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
