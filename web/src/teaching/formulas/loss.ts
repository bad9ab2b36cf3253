// The loss step (loss.hpp): the loss of the batch and dL/da (or dL/dz straight from the
// logits) of the output layer, with the engine's numbers.
import { t } from '../../i18n';
import { at, idx, N, path, show } from '../../lib/number-format';
import type { TeachView } from '../../worker/teach-protocol';
import { sup, dL, numbersLabel, words, type FormulaBlock, type StepText, type Focus } from './notation';

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
  let symbols: string, numbers: string;
  // mse and mae are Keras's short names of the same losses.
  const lossKey = loss.loss === 'mse' ? 'mean_squared_error' : loss.loss === 'mae' ? 'mean_absolute_error' : loss.loss;
  const name = t(`teach.loss.name.${lossKey}`), lead = t(`teach.loss.lead.${lossKey}`);
  const meanK = K > 1 ? `\\frac{1}{K}\\sum_{j}` : '';
  switch (loss.loss) {
    case 'binary_crossentropy': {
      symbols = `L = -${meanK}\\Bigl[\\, y \\ln \\hat y + (1 - y) \\ln (1 - \\hat y) \\,\\Bigr]`;
      const terms = [];
      for (let kk = 0; kk < Math.min(K, 3); ++kk) terms.push(`\\Bigl[${yv(kk)} \\ln ${N(at(yhat, kk, s))} + (1 - ${N(at(y, kk, s))}) \\ln (1 - ${N(at(yhat, kk, s))})\\Bigr]`);
      numbers = `L = -${K > 1 ? `\\tfrac{1}{${K}}\\bigl(` : ''}${terms.join(' + ')}${K > 3 ? ' + \\cdots' : ''}${K > 1 ? '\\bigr)' : ''} = ${lossN}`;
      break;
    }
    case 'mean_squared_error':
    case 'mse': {
      symbols = `L = \\frac{1}{K}\\sum_{j} (\\hat y_j - y_j)^2`;
      const terms = [];
      for (let kk = 0; kk < Math.min(K, 4); ++kk) terms.push(`(${pv(kk)} - ${yv(kk)})^2`);
      numbers = `L = ${K > 1 ? `\\tfrac{1}{${K}}\\bigl(` : ''}${terms.join(' + ')}${K > 4 ? ' + \\cdots' : ''}${K > 1 ? '\\bigr)' : ''} = ${lossN}`;
      break;
    }
    case 'mean_absolute_error':
    case 'mae': {
      symbols = `L = \\frac{1}{K}\\sum_{j} \\lvert \\hat y_j - y_j \\rvert`;
      const terms = [];
      for (let kk = 0; kk < Math.min(K, 4); ++kk) terms.push(`\\lvert ${pv(kk)} - ${yv(kk)} \\rvert`);
      numbers = `L = ${K > 1 ? `\\tfrac{1}{${K}}\\bigl(` : ''}${terms.join(' + ')}${K > 4 ? ' + \\cdots' : ''}${K > 1 ? '\\bigr)' : ''} = ${lossN}`;
      break;
    }
    case 'categorical_crossentropy': {
      symbols = `L = -\\sum_{j} y_j \\ln \\hat y_j`;
      const terms = [];
      for (let kk = 0; kk < K; ++kk) if (at(y, kk, s) !== 0) terms.push(`${yv(kk)} \\ln ${pv(kk)}`);
      numbers = `L = -\\bigl(${terms.slice(0, 4).join(' + ')}${terms.length > 4 ? ' + \\cdots' : ''}\\bigr) = ${lossN}`;
      break;
    }
    case 'sparse_categorical_crossentropy': {
      const c = at(y, 0, s);
      symbols = `L = -\\ln \\hat y_{c}, \\quad c = ${words('teach.tex.targetClass')}`;
      numbers = `c = ${yv(0)}\\ ${words('teach.tex.outputNumber', { output: c + 1 })}, \\quad L = -\\ln \\hat y_{${c + 1}} = -\\ln ${N(at(yhat, c, s), path(`layers.${L - 1}.a`, idx(yhat, c, s)))} = ${lossN}`;
      break;
    }
  }
  const penalty = v.layers.some((ly) => ly.l1 > 0 || ly.l2 > 0);
  // B and K are named where a formula uses them (the notation table has them too).
  const symbolTex = [K > 1 ? `${symbols}, \\qquad K = ${K}\\ ${words('teach.tex.outputs')}` : symbols];
  if (B > 1 || penalty) {
    symbolTex.push(`L_{\\text{batch}} = \\frac{1}{B} \\sum_{s=1}^{B} L^{(s)}${penalty ? ' + \\sum_{\\ell} \\Bigl(l_1 \\sum \\lvert W^{[\\ell]} \\rvert + l_2 \\sum \\bigl(W^{[\\ell]}\\bigr)^2\\Bigr)' : ''}, \\qquad B = ${B}\\ ${words(B === 1 ? 'teach.tex.rowInBatch' : 'teach.tex.rowsInBatch')}`);
  }
  blocks.push({ label: t('teach.block.symbols'), tex: symbolTex });
  const numberTex = [numbers];
  if (B > 1 || penalty) {
    // The mean over the batch, written out with each sample's loss (the engine's), then the
    // regularisation term (the batch loss minus that mean).
    const terms = loss.perSample.slice(0, 4).map((x, r) => N(x, `loss.perSample.${r}`));
    const dataMean = loss.perSample.reduce((sum, x) => sum + x, 0) / B;
    const mean = `\\frac{1}{${B}}\\bigl(${terms.join(' + ')}${B > 4 ? ` + \\cdots\\ ${words('teach.tex.samples', { count: B })}` : ''}\\bigr)`;
    numberTex.push(`L_{\\text{batch}} = ${mean}${penalty ? ` + ${N(loss.batchLoss - dataMean)}` : ''} = ${N(loss.batchLoss, 'loss.batchLoss')}`);
  }
  blocks.push({ label: numbersLabel(v, s, 'teach.block.numbers'), tex: numberTex, note: lossFormNote(v) });

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
  let gradNote = t('teach.loss.gradientNote');
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
      gradNote = scale === 1 ? t('teach.loss.sigmoidNote') : scale === B ? t('teach.loss.sigmoidNoteB', { B }) : t('teach.loss.sigmoidNoteKB', { K, B });
    } else {
      grad.push(`${dL(zk)} = ${scaleTex}(\\hat y - y) = ${scaleNum}(${N(pk)} - ${N(yk)}) = ${dZN}`);
      // Two whole sentences, each translated (the note so far, then the straight-to-z one).
      gradNote = t('teach.loss.twoSentences', { first: gradNote, second: B === 1 ? t('teach.loss.softmaxNote') : t('teach.loss.softmaxNoteB', { B }) });
    }
  }
  blocks.push({ label: K > 1 ? t('teach.block.gradientOutput', { output: k + 1 }) : t('teach.block.gradient'), tex: grad, note: gradNote });
  return {
    title: t('teach.loss.title', { name }),
    lead,
    blocks,
  };
}

/** How the engine computed the loss's value: from the logits, or from ŷ clipped as Keras does. */
function lossFormNote(v: TeachView): string | undefined {
  const loss = v.loss!;
  if (loss.loss === 'binary_crossentropy')
    return loss.dzFromLogits
      ? t('teach.loss.form.bceLogits')
      : t('teach.loss.form.bceClipped');
  if ((loss.loss === 'categorical_crossentropy' || loss.loss === 'sparse_categorical_crossentropy') && loss.dzFromLogits)
    return t('teach.loss.form.cceLogits');
  return undefined;
}

/** Why ∂L/∂ŷ of output k is what it is in Keras's normalised form (S: the sum of the outputs). */
function categoricalNote(v: TeachView, k: number, isTarget: boolean, S: number): string {
  const B = v.rows.length;
  const softmax = v.layers[v.layers.length - 1].activation === 'softmax';
  const output = k + 1;
  const second = isTarget
    ? t(B === 1 ? 'teach.loss.categorical.target' : 'teach.loss.categorical.targetB', { output })
    : !softmax
      ? t(B === 1 ? 'teach.loss.categorical.other' : 'teach.loss.categorical.otherB', { output, S: show(S) })
      : B === 1
        ? t('teach.loss.categorical.otherSoftmax', { output })
        : t('teach.loss.categorical.otherSoftmaxB', { output, inverse: show(1 / B), B });
  return t('teach.loss.twoSentences', { first: t('teach.loss.categorical.why'), second });
}
