// The loss step (loss.hpp): the loss of the batch and dL/da (or dL/dz straight from the
// logits) of the output layer, with the engine's numbers.
import { at, idx, N, path, show } from '../format';
import type { TeachView } from '../../worker/teach-protocol';
import { sup, dL, sampleNote, type FormulaBlock, type StepText, type Focus } from './notation';

/** Whether the loss hands dL/dz straight to the output layer (loss.hpp, loss_uses_logits). */
export const combinedOutput = (v: TeachView) => v.loss?.dzFromLogits ?? false;


export function lossText(v: TeachView, { j, s }: Focus): StepText {
  const loss = v.loss!;
  const L = v.layers.length;
  const out = v.layers[L - 1];
  const yhat = out.a!, y = v.batch.y;
  const K = out.units, B = v.rows.length;
  const k = Math.min(j, K - 1);
  const yv = (kk: number) => N(at(y, kk, s), path('batch.y', idx(y, kk, s)));
  const pv = (kk: number) => N(at(yhat, kk, s), path(`layers.${L - 1}.a`, idx(yhat, kk, s)));
  const lossN = N(loss.perSample[s], `loss.perSample.${s}`);
  const blocks: FormulaBlock[] = [];
  let symbols: string, numbers: string, name: string, lead: string;
  const meanK = K > 1 ? `\\frac{1}{K}\\sum_{j}` : '';
  switch (loss.loss) {
    case 'binary_crossentropy': {
      name = 'binary cross-entropy';
      lead = 'Binary cross-entropy is small when the output is confidently right and grows without bound when it is confidently wrong.';
      symbols = `L = -${meanK}\\Bigl[\\, y \\ln \\hat y + (1 - y) \\ln (1 - \\hat y) \\,\\Bigr]`;
      const terms = [];
      for (let kk = 0; kk < Math.min(K, 3); ++kk) terms.push(`\\Bigl[${yv(kk)} \\ln ${N(at(yhat, kk, s))} + (1 - ${N(at(y, kk, s))}) \\ln (1 - ${N(at(yhat, kk, s))})\\Bigr]`);
      numbers = `L = -${K > 1 ? `\\tfrac{1}{${K}}\\bigl(` : ''}${terms.join(' + ')}${K > 3 ? ' + \\cdots' : ''}${K > 1 ? '\\bigr)' : ''} = ${lossN}`;
      break;
    }
    case 'mean_squared_error':
    case 'mse': {
      name = 'mean squared error';
      lead = 'Mean squared error: the squared distance between prediction and target, averaged over the outputs.';
      symbols = `L = \\frac{1}{K}\\sum_{j} (\\hat y_j - y_j)^2`;
      const terms = [];
      for (let kk = 0; kk < Math.min(K, 4); ++kk) terms.push(`(${pv(kk)} - ${yv(kk)})^2`);
      numbers = `L = ${K > 1 ? `\\tfrac{1}{${K}}\\bigl(` : ''}${terms.join(' + ')}${K > 4 ? ' + \\cdots' : ''}${K > 1 ? '\\bigr)' : ''} = ${lossN}`;
      break;
    }
    case 'mean_absolute_error':
    case 'mae': {
      name = 'mean absolute error';
      lead = 'Mean absolute error: the distance between prediction and target, averaged over the outputs.';
      symbols = `L = \\frac{1}{K}\\sum_{j} \\lvert \\hat y_j - y_j \\rvert`;
      const terms = [];
      for (let kk = 0; kk < Math.min(K, 4); ++kk) terms.push(`\\lvert ${pv(kk)} - ${yv(kk)} \\rvert`);
      numbers = `L = ${K > 1 ? `\\tfrac{1}{${K}}\\bigl(` : ''}${terms.join(' + ')}${K > 4 ? ' + \\cdots' : ''}${K > 1 ? '\\bigr)' : ''} = ${lossN}`;
      break;
    }
    case 'categorical_crossentropy': {
      name = 'categorical cross-entropy';
      lead = 'Categorical cross-entropy: minus the log of the probability the network gives the right class.';
      symbols = `L = -\\sum_{j} y_j \\ln \\hat y_j`;
      const terms = [];
      for (let kk = 0; kk < K; ++kk) if (at(y, kk, s) !== 0) terms.push(`${yv(kk)} \\ln ${pv(kk)}`);
      numbers = `L = -\\bigl(${terms.slice(0, 4).join(' + ')}${terms.length > 4 ? ' + \\cdots' : ''}\\bigr) = ${lossN}`;
      break;
    }
    case 'sparse_categorical_crossentropy': {
      name = 'sparse categorical cross-entropy';
      lead = 'Sparse categorical cross-entropy: minus the log of the probability the network gives the right class c.';
      const c = at(y, 0, s);
      symbols = `L = -\\ln \\hat y_{c}, \\quad c = \\text{the target class}`;
      numbers = `c = ${yv(0)}\\ \\text{(output ${c + 1})}, \\quad L = -\\ln \\hat y_{${c + 1}} = -\\ln ${N(at(yhat, c, s), path(`layers.${L - 1}.a`, idx(yhat, c, s)))} = ${lossN}`;
      break;
    }
  }
  const penalty = v.layers.some((ly) => ly.l1 > 0 || ly.l2 > 0);
  // B and K are named where a formula uses them (the notation table has them too).
  const symbolTex = [K > 1 ? `${symbols}, \\qquad K = ${K} \\text{ outputs}` : symbols];
  if (B > 1 || penalty) {
    symbolTex.push(`L_{\\text{batch}} = \\frac{1}{B} \\sum_{s=1}^{B} L^{(s)}${penalty ? ' + \\sum_{\\ell} \\Bigl(l_1 \\sum \\lvert W^{[\\ell]} \\rvert + l_2 \\sum \\bigl(W^{[\\ell]}\\bigr)^2\\Bigr)' : ''}, \\qquad B = ${B} \\text{ ${B === 1 ? 'row' : 'rows'} in the batch}`);
  }
  blocks.push({ label: 'In symbols', tex: symbolTex });
  const numberTex = [numbers];
  if (B > 1 || penalty) {
    // The mean over the batch, written out with each sample's loss (the engine's), then the
    // regularisation term (the batch loss minus that mean).
    const terms = loss.perSample.slice(0, 4).map((x, t) => N(x, `loss.perSample.${t}`));
    const dataMean = loss.perSample.reduce((sum, x) => sum + x, 0) / B;
    const mean = `\\frac{1}{${B}}\\bigl(${terms.join(' + ')}${B > 4 ? ` + \\cdots\\ \\text{(${B} samples)}` : ''}\\bigr)`;
    numberTex.push(`L_{\\text{batch}} = ${mean}${penalty ? ` + ${N(loss.batchLoss - dataMean)}` : ''} = ${N(loss.batchLoss, 'loss.batchLoss')}`);
  }
  blocks.push({ label: `With the numbers${sampleNote(v, s)}`, tex: numberTex, note: lossFormNote(v) });

  // The gradient the loss hands back.
  const outSym = `\\hat y_{${k + 1}}`;
  const dA = loss.dA;
  const dAN = N(at(dA, k, s), path('loss.dA', idx(dA, k, s)));
  const categorical = loss.loss === 'categorical_crossentropy' || loss.loss === 'sparse_categorical_crossentropy';
  const scale = categorical ? B : K * B;
  const scaleTex = scale === 1 ? '' : `\\frac{1}{${scale === B ? 'B' : 'KB'}}`;
  const scaleNum = scale === 1 ? '' : `\\frac{1}{${scale}}`;
  // Sparse labels hold the class index; the output's target is then 1 for that class, else 0.
  const sparse = loss.loss === 'sparse_categorical_crossentropy';
  const yk = sparse ? (at(y, 0, s) === k ? 1 : 0) : at(y, k, s);
  const ykN = sparse ? N(yk) : yv(k);
  const pk = at(yhat, k, s);
  const grad: string[] = [];
  let gradNote = 'This is where backpropagation starts: how the loss changes when each output changes.';
  switch (loss.loss) {
    case 'binary_crossentropy':
      grad.push(`${dL(outSym)} = ${scaleTex}\\,\\frac{\\hat y - y}{\\hat y\\,(1 - \\hat y)} = ${scaleNum}\\frac{${pv(k)} - ${ykN}}{${N(pk)}\\,(1 - ${N(pk)})} = ${dAN}`);
      break;
    case 'mean_squared_error':
    case 'mse':
      grad.push(`${dL(outSym)} = ${scale === 1 ? '2' : '\\frac{2}{KB}'}\\,(\\hat y - y) = ${scale === 1 ? '2' : `\\frac{2}{${scale}}`}\\,(${pv(k)} - ${ykN}) = ${dAN}`);
      break;
    case 'mean_absolute_error':
    case 'mae':
      grad.push(`${dL(outSym)} = ${scaleTex}\\operatorname{sign}(\\hat y - y) = ${scaleNum}\\operatorname{sign}(${pv(k)} - ${ykN}) = ${dAN}`);
      break;
    default: {
      // Keras's probability form (loss.hpp): q = ŷ / S with S = Σ ŷ, L = −Σ y ln q, so that
      // ∂L/∂ŷ_j = (1/B)(Σ y / S − y_j / ŷ_j).
      const Kshown = Math.min(K, 4);
      const yhats = Array.from({ length: Kshown }, (_, kk) => pv(kk)).join(' + ') + (K > 4 ? ' + \\cdots' : '');
      let S = 0, ysum = 0;
      for (let kk = 0; kk < K; ++kk) {
        S += at(yhat, kk, s);
        ysum += sparse ? (at(y, 0, s) === kk ? 1 : 0) : at(y, kk, s);
      }
      const frac = B === 1 ? '' : '\\frac{1}{B}';
      grad.push(`${dL('\\hat y_j')} = ${frac}\\Bigl(\\frac{\\sum_{j'} y_{j'}}{S} - \\frac{y_j}{\\hat y_j}\\Bigr), \\qquad S = \\sum_{j'} \\hat y_{j'} = ${yhats} = ${N(S)}`);
      grad.push(`${dL(outSym)} = ${scaleNum}\\Bigl(\\frac{${N(ysum)}}{${N(S)}} - \\frac{${ykN}}{${pv(k)}}\\Bigr) = ${dAN}`);
      gradNote = categoricalNote(v, k, yk === 1, S);
    }
  }
  if (loss.dzFromLogits && loss.dZ) {
    const dZN = N(at(loss.dZ, k, s), path('loss.dZ', idx(loss.dZ, k, s)));
    const zk = `z${sup(L)}_{${k + 1}}`;
    if (loss.loss === 'binary_crossentropy') {
      grad.push(`${dL(zk)} = ${dL('\\hat y')}\\,\\sigma'(z) = \\frac{\\hat y - y}{\\hat y(1 - \\hat y)}\\cdot \\hat y(1 - \\hat y) = ${scaleTex}(\\hat y - y) = ${scaleNum}(${N(pk)} - ${N(yk)}) = ${dZN}`);
      gradNote =
        scale === 1
          ? "With a sigmoid output, the sigmoid's slope ŷ(1 − ŷ) cancels the denominator: ∂L/∂z = ŷ − y. Simple, and it never divides by a tiny number, so the engine uses it for the output layer."
          : `With a sigmoid output, the sigmoid's slope ŷ(1 − ŷ) cancels the denominator: ∂L/∂z = (ŷ − y) / ${scale === B ? 'B' : 'KB'}, with ${scale === B ? `B = ${B}` : `K = ${K} and B = ${B}`}. Simple, and it never divides by a tiny number, so the engine uses it for the output layer.`;
    } else {
      grad.push(`${dL(zk)} = ${scaleTex}(\\hat y - y) = ${scaleNum}(${N(pk)} - ${N(yk)}) = ${dZN}`);
      gradNote += ` ${
        B === 1
          ? "For the output layer the engine goes straight to z: softmax's Jacobian and the log cancel, and ∂L/∂z = ŷ − y (y one-hot)."
          : `For the output layer the engine goes straight to z: softmax's Jacobian and the log cancel, and ∂L/∂z = (ŷ − y) / B (y one-hot, B = ${B}).`
      }`;
    }
  }
  blocks.push({ label: `The gradient handed back${K > 1 ? `, output ${k + 1}` : ''}`, tex: grad, note: gradNote });
  return {
    title: `The loss: ${name}`,
    lead,
    blocks,
  };
}

/** How the engine computed the loss's value: from the logits, or from ŷ clipped as Keras does. */
function lossFormNote(v: TeachView): string | undefined {
  const loss = v.loss!;
  if (loss.loss === 'binary_crossentropy')
    return loss.dzFromLogits
      ? 'With a sigmoid output the engine computes this loss from the logits z, as max(z, 0) − z·y + ln(1 + e^−|z|): the same value, without ever taking the log of 0 (Keras does the same).'
      : 'This output is not a sigmoid, so there is no logit form: ŷ is clipped to [10⁻⁷, 1 − 10⁻⁷] before the logs, as Keras does, and where the clip holds the gradient is 0.';
  if ((loss.loss === 'categorical_crossentropy' || loss.loss === 'sparse_categorical_crossentropy') && loss.dzFromLogits)
    return 'With a softmax output the engine computes this loss from the logits z, as −Σ y (z − max z − ln Σ e^(z − max z)): the same value, without ever taking the log of 0.';
  return undefined;
}

/** Why ∂L/∂ŷ of output k is what it is in Keras's normalised form (S: the sum of the outputs). */
function categoricalNote(v: TeachView, k: number, isTarget: boolean, S: number): string {
  const B = v.rows.length;
  const softmax = v.layers[v.layers.length - 1].activation === 'softmax';
  const why = 'Keras’s categorical cross-entropy first normalises the outputs, q = ŷ / S with S = Σ ŷ, so every output enters the loss through S, not only the target.';
  if (isTarget) return `${why} Output ${k + 1} is the target: its derivative is ${B === 1 ? '' : '(1/B)'}(Σ y / S − 1 / ŷ), negative, so a step makes it larger.`;
  if (!softmax) return `${why} Output ${k + 1} is not the target (y = 0): its derivative is ${B === 1 ? 'Σ y / S' : '(1/B) · Σ y / S'}, here with S = ${show(S)}.`;
  return B === 1
    ? `${why} Output ${k + 1} is not the target (y = 0): its derivative is Σ y / S, and a softmax's outputs sum to S = 1, so it is 1.`
    : `${why} Output ${k + 1} is not the target (y = 0): its derivative is (1/B) · Σ y / S, and a softmax's outputs sum to S = 1, so it is 1/B = ${show(1 / B)} (B = ${B}).`;
}
