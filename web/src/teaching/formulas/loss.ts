// The loss step (loss.hpp): the loss of the batch and dL/da (or dL/dz straight from the
// logits) of the output layer, with the engine's numbers.
import { t } from '../../i18n';
import { at, idx, N, path } from '../format';
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
  const meanK = K > 1 ? `\\frac{1}{${K}}\\sum_{k}` : '';
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

      symbols = `L = \\frac{1}{K}\\sum_{k} (\\hat y_k - y_k)^2`;
      const terms = [];
      for (let kk = 0; kk < Math.min(K, 4); ++kk) terms.push(`(${pv(kk)} - ${yv(kk)})^2`);
      numbers = `L = ${K > 1 ? `\\tfrac{1}{${K}}\\bigl(` : ''}${terms.join(' + ')}${K > 4 ? ' + \\cdots' : ''}${K > 1 ? '\\bigr)' : ''} = ${lossN}`;
      break;
    }
    case 'mean_absolute_error':
    case 'mae': {

      symbols = `L = \\frac{1}{K}\\sum_{k} \\lvert \\hat y_k - y_k \\rvert`;
      const terms = [];
      for (let kk = 0; kk < Math.min(K, 4); ++kk) terms.push(`\\lvert ${pv(kk)} - ${yv(kk)} \\rvert`);
      numbers = `L = ${K > 1 ? `\\tfrac{1}{${K}}\\bigl(` : ''}${terms.join(' + ')}${K > 4 ? ' + \\cdots' : ''}${K > 1 ? '\\bigr)' : ''} = ${lossN}`;
      break;
    }
    case 'categorical_crossentropy': {

      symbols = `L = -\\sum_{k} y_k \\ln \\hat y_k`;
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
  const symbolTex = [symbols];
  if (B > 1 || penalty) {
    symbolTex.push(`L_{\\text{batch}} = \\frac{1}{B} \\sum_{s=1}^{B} L^{(s)}${penalty ? ' + \\sum_{\\ell} \\Bigl(l_1 \\sum \\lvert W^{[\\ell]} \\rvert + l_2 \\sum \\bigl(W^{[\\ell]}\\bigr)^2\\Bigr)' : ''}`);
  }
  blocks.push({ label: t('teach.block.symbols'), tex: symbolTex });
  const numberTex = [numbers];
  if (B > 1 || penalty) {
    const dataMean = loss.perSample.reduce((sum, x) => sum + x, 0) / B;
    numberTex.push(`L_{\\text{batch}} = ${N(dataMean)}${penalty ? ` + ${N(loss.batchLoss - dataMean)}` : ''} = ${N(loss.batchLoss, 'loss.batchLoss')}`);
  }
  blocks.push({ label: numbersLabel(v, s, 'teach.block.numbers'), tex: numberTex, note: loss.dzFromLogits && loss.loss === 'binary_crossentropy' ? t('teach.loss.logitsNote') : undefined });

  // The gradient the loss hands back.
  const outSym = `\\hat y_{${k + 1}}`;
  const dA = loss.dA;
  const dAN = N(at(dA, k, s), path('loss.dA', idx(dA, k, s)));
  const scale = loss.loss.startsWith('categorical') || loss.loss.startsWith('sparse') ? B : K * B;
  const scaleTex = scale === 1 ? '' : `\\frac{1}{${scale === B ? 'B' : 'KB'}}`;
  const scaleNum = scale === 1 ? '' : `\\frac{1}{${scale}}`;
  // Sparse labels hold the class index; the output's target is then 1 for that class, else 0.
  const yk = loss.loss === 'sparse_categorical_crossentropy' ? (at(y, 0, s) === k ? 1 : 0) : at(y, k, s);
  const pk = at(yhat, k, s);
  const grad: string[] = [];
  switch (loss.loss) {
    case 'binary_crossentropy':
      grad.push(`${dL(outSym)} = ${scaleTex}\\,\\frac{\\hat y - y}{\\hat y\\,(1 - \\hat y)} = ${scaleNum}\\frac{${N(pk)} - ${N(yk)}}{${N(pk)}\\,(1 - ${N(pk)})} = ${dAN}`);
      break;
    case 'mean_squared_error':
    case 'mse':
      grad.push(`${dL(outSym)} = ${scale === 1 ? '2' : '\\frac{2}{KB}'}\\,(\\hat y - y) = ${scale === 1 ? '2' : `\\frac{2}{${scale}}`}\\,(${N(pk)} - ${N(yk)}) = ${dAN}`);
      break;
    case 'mean_absolute_error':
    case 'mae':
      grad.push(`${dL(outSym)} = ${scaleTex}\\operatorname{sign}(\\hat y - y) = ${scaleNum}\\operatorname{sign}(${N(pk)} - ${N(yk)}) = ${dAN}`);
      break;
    default:
      grad.push(`${dL(outSym)} = \\frac{1}{B\\,S}\\Bigl(\\sum_k y_k - \\frac{y_{${k + 1}}}{q_{${k + 1}}}\\Bigr),\\quad q = \\hat y / S,\\ S = \\sum_k \\hat y_k \\;\\Rightarrow\\; ${dAN}`);
  }
  let gradNote = t('teach.loss.gradientNote');
  if (loss.dzFromLogits && loss.dZ) {
    const dZN = N(at(loss.dZ, k, s), path('loss.dZ', idx(loss.dZ, k, s)));
    const zk = `z${sup(L)}_{${k + 1}}`;
    if (loss.loss === 'binary_crossentropy') {
      grad.push(`${dL(zk)} = ${dL('\\hat y')}\\,\\sigma'(z) = \\frac{\\hat y - y}{\\hat y(1 - \\hat y)}\\cdot \\hat y(1 - \\hat y) = ${scaleTex}(\\hat y - y) = ${scaleNum}(${N(pk)} - ${N(yk)}) = ${dZN}`);
      gradNote = t('teach.loss.sigmoidNote');
    } else {
      grad.push(`${dL(zk)} = ${scaleTex}(\\hat y - y) = ${scaleNum}(${N(pk)} - ${N(yk)}) = ${dZN}`);
      gradNote = t('teach.loss.softmaxNote');
    }
  }
  blocks.push({ label: K > 1 ? t('teach.block.gradientOutput', { output: k + 1 }) : t('teach.block.gradient'), tex: grad, note: gradNote });
  return {
    title: t('teach.loss.title', { name }),
    lead,
    blocks,
  };
}
