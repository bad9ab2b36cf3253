// Teach mode for a model with layers beyond Dense (Dropout, BatchNormalization, ...): each step
// names its layer and shows the numbers the engine computed on it in that phase, as tables (the
// engine's teachingStep; the page computes none of them). A Dense layer of such a model shows
// its own matrices the same way.
import type { AnyLayerView } from '../engine/layers';
import type { Mat } from '../engine/neurostep';
import { classNameOf, isDense } from '../lib/layer-kinds';
import { TEXT, teachLayerHeading, teachLossValue, teachValueCaption } from '../lib/layer-kinds-text';
import type { TeachView } from '../worker/teach-protocol';
import { at, exact, show } from '../lib/number-format';
import { denseFormulas, kindFormulas, type KindFormulas } from './formulas/layer-kinds';
import { Tex } from './Tex';
import { MAX_TABLE_COLS, MAX_TABLE_ROWS } from './NumberTables';
import './LayerKindStep.css';

/** What a phase shows of a layer that is not Dense, by the engine's names (layers.d.ts). */
const FORWARD = ['a_prev', 'mask', 'batch_mean', 'batch_variance', 'mean', 'variance', 'inv_std', 'x_hat', 'a'];
const BACKWARD = ['dA', 'dZ', 'dgamma', 'dbeta', 'dalpha', 'dx_hat', 'dA_prev'];
const UPDATE = ['delta_gamma', 'delta_beta', 'delta_alpha'];
/** The same for a Dense layer's step (StepLayer's names). */
const DENSE: Record<string, string[]> = { forward: ['aPrev', 'z', 'a'], backward: ['dA', 'dZ', 'dW', 'db', 'dAPrev'], update: ['deltaW', 'deltaB'] };

const isMat = (m: unknown): m is Mat => typeof m === 'object' && m !== null && 'rows' in m && 'cols' in m && 'data' in m;

export function LayerKindStep({ view }: { view: TeachView }) {
  const phase = view.phase;
  if (phase.kind === 'start')
    return (
      <section class="layer-kind-step" data-testid="layer-kind-step" data-phase="start">
        <p>{TEXT.teachStart}</p>
        <MatTable name="x" m={view.batch.x} />
        <MatTable name="y" m={view.batch.y} />
      </section>
    );
  if (phase.kind === 'loss' || phase.layer === null || phase.layer === undefined)
    return (
      <section class="layer-kind-step" data-testid="layer-kind-step" data-phase="loss">
        <p>{TEXT.teachLoss}</p>
        {view.loss && <p data-testid="layer-kind-loss">{teachLossValue(view.loss.batchLoss)}</p>}
        {view.loss && <MatTable name="dA" m={view.loss.dA} />}
      </section>
    );
  const l = phase.layer;
  const spec = view.spec.layers[l];
  const layer = view.layers[l] as unknown;
  const dense = isDense(spec);
  const className = classNameOf(spec);
  const name = (layer as { name?: string }).name ?? '';
  let mats: [string, Mat][];
  if (dense) {
    const d = layer as Record<string, unknown>;
    mats = (DENSE[phase.kind] ?? []).filter((k) => isMat(d[k])).map((k) => [k, d[k] as Mat]);
  } else {
    const values = (layer as AnyLayerView).values ?? {};
    const keys = phase.kind === 'forward' ? FORWARD : phase.kind === 'backward' ? BACKWARD : UPDATE;
    mats = keys.filter((k) => isMat(values[k])).map((k) => [k, values[k]]);
    // BatchNormalization's moving mean and variance, as the forward pass in training left them.
    if (phase.kind === 'forward')
      for (const p of (layer as AnyLayerView).params ?? []) if (!p.trainable && isMat(p.value)) mats.push([p.name, p.value]);
  }
  const step = phase.kind as 'forward' | 'backward' | 'update';
  const formulas = lines(dense ? denseFormulas(layer as Record<string, unknown>, l, step) : kindFormulas(layer as AnyLayerView, l, step));
  const lead = phase.kind === 'forward' ? TEXT.teachLayerForward : phase.kind === 'backward' ? TEXT.teachLayerBackward : mats.length > 0 ? TEXT.teachLayerUpdate : TEXT.teachLayerNoUpdate;
  return (
    <section class="layer-kind-step" data-testid="layer-kind-step" data-kind={className} data-phase={phase.kind}>
      <h3 data-testid="layer-kind-heading">{teachLayerHeading(l + 1, className, name)}</h3>
      {!dense && <p>{TEXT.teachLayerIntro}</p>}
      {kindSentence(className, phase.kind) && <p data-testid="layer-kind-rule">{kindSentence(className, phase.kind)}</p>}
      {formulas && formulas.rule.length > 0 && (
        <div class="layer-kind-formulas" data-testid="layer-kind-formulas">
          <p>{TEXT.teachRule}</p>
          {formulas.rule.map((tex) => (
            <Tex key={tex} tex={tex} />
          ))}
          {formulas.worked.length > 0 && <p>{TEXT.teachWorked}</p>}
          {formulas.worked.map((tex) => (
            <Tex key={tex} tex={tex} class="layer-kind-worked" />
          ))}
        </div>
      )}
      <p>{lead}</p>
      {mats.map(([key, m]) => (
        <MatTable key={key} name={key} m={m} />
      ))}
    </section>
  );
}

/** One formula a line (a phone has room for one): "a, \\qquad b" becomes a and b. */
function lines(f: KindFormulas | null): KindFormulas | null {
  const split = (tex: string[]) => tex.flatMap((t) => t.split(/,\\q?quad /));
  return f && { rule: split(f.rule), worked: split(f.worked) };
}

function kindSentence(className: string, phase: string): string | null {
  if (className === 'Dropout') return phase === 'forward' ? TEXT.dropoutForward : phase === 'backward' ? TEXT.dropoutBackward : null;
  if (className === 'BatchNormalization') return phase === 'forward' ? TEXT.batchNormForward : phase === 'backward' ? TEXT.batchNormBackward : null;
  if (className === 'LayerNormalization') return phase === 'forward' ? TEXT.layerNormForward : null;
  if (['Activation', 'ReLU', 'LeakyReLU', 'ELU', 'Softmax'].includes(className)) return phase === 'forward' ? TEXT.activationForward : phase === 'backward' ? TEXT.activationBackward : null;
  return null;
}

/**
 * One of the engine's matrices as it holds it (a layer's values are features x rows of the
 * batch; a weight's gradient units x inputs); a single column is drawn as one line.
 */
function MatTable({ name, m }: { name: string; m: Mat }) {
  const line = m.cols === 1;
  const lines = line ? 1 : Math.min(m.rows, MAX_TABLE_ROWS);
  const across = line ? Math.min(m.rows, MAX_TABLE_COLS + 4) : Math.min(m.cols, MAX_TABLE_COLS);
  const more = (line ? m.rows : m.cols) > across;
  return (
    <figure class="layer-kind-value">
      <figcaption>{teachValueCaption(name, m.rows, m.cols)}</figcaption>
      <table class="layer-kind-table" data-testid={`layer-value-${name}`} data-rows={m.rows} data-cols={m.cols}>
        <tbody>
          {Array.from({ length: lines }, (_, r) => (
            <tr key={r}>
              {Array.from({ length: across }, (_, c) => {
                const v = line ? at(m, c, 0) : at(m, r, c);
                return (
                  <td key={c} title={exact(v)} data-value={exact(v)}>
                    {show(v)}
                  </td>
                );
              })}
              {more && <td class="layer-kind-more">…</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
