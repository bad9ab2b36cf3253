// The update step (optimizer.hpp): each optimizer's rule, with the engine's slots, step scalars
// and changes of the weights.
import { t } from '../../i18n';
import { optimizerDefault } from '../../lib/catalogue';
import { at, idx, N, P, path, show } from '../../lib/number-format';
import type { TeachLayer, TeachView } from '../../worker/teach-protocol';
import { sup, W, dL, matrixRow, isOutputLayer, type StepText, type Focus } from './notation';


/** Hyperparameter paths in the view's spec. */
export const HP = (k: string) => `spec.optimizer.${k}`;

export function updateText(v: TeachView, l: number, { j, i }: Focus): StepText {
  const layer = v.layers[l];
  const before = v.before!;
  const base = `layers.${l}`;
  const opt = v.spec.optimizer;
  const h = l + 1;
  const wSym = W(l, j, i);
  const g = at(layer.dW!, j, i);
  const gN = (x = g) => P(x, path(`${base}.dW`, idx(layer.dW!, j, i)));
  const wOld = N(at(before.W, j, i), path('before.W', idx(before.W, j, i)));
  const wNew = N(at(layer.W, j, i), path(`${base}.W`, idx(layer.W, j, i)));
  const eta = N(opt.learning_rate, HP('learning_rate'));
  const slot = (name: string, which: 'old' | 'new', param: 'W' | 'b' = 'W', k = idx(layer.W, j, i)) => {
    const src = which === 'old' ? before.slots[name][param] : layer.slots[name][param];
    return N(src.data[k], path(`${which === 'old' ? 'before' : base}.slots.${name}.${param}`, k));
  };
  const symbols: string[] = [];
  const numbers: string[] = [];
  let name: string;
  let lead: string;
  let adamNote: string | undefined;
  let numbersNote: string | undefined;
  const bias = layer.useBias;
  const gb = bias ? at(layer.db!, j) : 0;
  const bOld = N(at(before.b, j), path('before.b', j));
  const bNew = N(at(layer.b, j), path(`${base}.b`, j));
  const gbN = P(gb, path(`${base}.db`, j));
  const step = layer.stepScalars!.t;
  switch (opt.name) {
    case 'sgd': {
      const mom = opt.momentum ?? optimizerDefault<number>('sgd', 'momentum');
      name = 'SGD';
      if (mom > 0) {
        lead = t('teach.update.lead.momentum');
        symbols.push(`m \\leftarrow \\mu\\, m - \\eta\\, ${dL('w')}`);
        symbols.push(opt.nesterov ? `w \\leftarrow w + \\mu\\, m - \\eta\\, ${dL('w')} \\quad \\text{(Nesterov)}` : 'w \\leftarrow w + m');
        numbers.push(`m \\leftarrow ${N(mom, HP('momentum'))} \\cdot ${slot('momentum', 'old')} - ${eta} \\cdot ${gN()} = ${slot('momentum', 'new')}`);
        numbers.push(
          opt.nesterov
            ? `${wSym} \\leftarrow ${wOld} + ${N(mom)} \\cdot ${P(slotValue(layer, 'momentum', j, i))} - ${eta} \\cdot ${gN()} = ${wNew}`
            : `${wSym} \\leftarrow ${wOld} + ${P(slotValue(layer, 'momentum', j, i))} = ${wNew}`,
        );
      } else {
        lead = t('teach.update.lead.sgd');
        symbols.push(`w_{\\text{new}} = w_{\\text{old}} - \\eta\\, ${dL('w')}`);
        numbers.push(`${wSym} \\leftarrow ${wOld} - ${eta} \\cdot ${gN()} = ${wNew}`);
        if (bias) numbers.push(`b${sup(h)}_{${j + 1}} \\leftarrow ${bOld} - ${N(opt.learning_rate)} \\cdot ${gbN} = ${bNew}`);
      }
      break;
    }
    case 'adam': {
      name = 'Adam';
      const b1 = opt.beta_1 ?? optimizerDefault<number>('adam', 'beta_1'), b2 = opt.beta_2 ?? optimizerDefault<number>('adam', 'beta_2'), eps = opt.epsilon ?? optimizerDefault<number>('adam', 'epsilon');
      const ams = opt.amsgrad ?? optimizerDefault<boolean>('adam', 'amsgrad');
      lead = t('teach.update.lead.adam');
      const alpha = layer.stepScalars!.alpha;
      const alphaN = N(alpha, `${base}.stepScalars.alpha`);
      adamNote = adamAlphaNote(step, alpha, opt.learning_rate);
      symbols.push(`t = ${N(step, `${base}.stepScalars.t`)}, \\qquad \\alpha = \\eta\\, \\frac{\\sqrt{1 - \\beta_2^{\\,t}}}{1 - \\beta_1^{\\,t}}`);
      symbols.push(`m \\leftarrow m + (1 - \\beta_1)(g - m), \\qquad v \\leftarrow v + (1 - \\beta_2)(g^2 - v), \\qquad g = ${dL('w')}`);
      if (ams) symbols.push('\\hat v \\leftarrow \\max(\\hat v, v)');
      symbols.push(`w \\leftarrow w - \\alpha\\, \\frac{m}{\\sqrt{${ams ? '\\hat v' : 'v'}} + \\varepsilon}`);
      const k = idx(layer.W, j, i);
      const mOld = before.slots.m.W.data[k], vOld = before.slots.v.W.data[k];
      const mNew = layer.slots.m.W.data[k], vNew = (ams ? layer.slots.v_hat : layer.slots.v).W.data[k];
      numbers.push(`\\alpha = ${eta} \\cdot \\frac{\\sqrt{1 - ${N(b2, HP('beta_2'))}^{${step}}}}{1 - ${N(b1, HP('beta_1'))}^{${step}}} = ${alphaN}`);
      numbers.push(`m \\leftarrow ${slot('m', 'old')} + ${N(1 - b1)} \\cdot \\bigl(${gN()} - ${P(mOld)}\\bigr) = ${slot('m', 'new')}`);
      numbers.push(`v \\leftarrow ${slot('v', 'old')} + ${N(1 - b2)} \\cdot \\bigl(${P(g)}^2 - ${P(vOld)}\\bigr) = ${slot('v', 'new')}`);
      if (ams) numbers.push(`\\hat v \\leftarrow \\max\\bigl(${slot('v_hat', 'old')},\\ ${N(layer.slots.v.W.data[k])}\\bigr) = ${slot('v_hat', 'new')}`);
      numbers.push(`${wSym} \\leftarrow ${wOld} - ${N(alpha)} \\cdot \\frac{${N(mNew)}}{\\sqrt{${N(vNew)}} + ${N(eps, HP('epsilon'))}} = ${wNew}`);
      if (step === 1)
        numbersNote = t('teach.update.adamFirstStep', { rate: show(opt.learning_rate) });
      if (bias) {
        const kb = j;
        const mb = layer.slots.m.b.data[kb], vb = (ams ? layer.slots.v_hat : layer.slots.v).b.data[kb];
        numbers.push(`b${sup(h)}_{${j + 1}} \\leftarrow ${bOld} - ${N(alpha)} \\cdot \\frac{${N(mb, path(`${base}.slots.m.b`, kb))}}{\\sqrt{${N(vb, path(`${base}.slots.${ams ? 'v_hat' : 'v'}.b`, kb))}} + ${N(eps)}} = ${bNew}`);
      }
      break;
    }
    case 'rmsprop': {
      name = 'RMSprop';
      const rho = opt.rho ?? optimizerDefault<number>('rmsprop', 'rho'), eps = opt.epsilon ?? optimizerDefault<number>('rmsprop', 'epsilon'), mom = opt.momentum ?? optimizerDefault<number>('rmsprop', 'momentum');
      lead = t('teach.update.lead.rmsprop');
      symbols.push(`v \\leftarrow \\rho\\, v + (1 - \\rho)\\, g^2, \\qquad g = ${dL('w')}`);
      const k = idx(layer.W, j, i);
      const vNew = layer.slots.velocity.W.data[k];
      numbers.push(`v \\leftarrow ${N(rho, HP('rho'))} \\cdot ${slot('velocity', 'old')} + ${N(1 - rho)} \\cdot ${gN()}^2 = ${slot('velocity', 'new')}`);
      if (mom > 0) {
        symbols.push(`m \\leftarrow \\mu\\, m + \\eta\\, \\frac{g}{\\sqrt{v + \\varepsilon}}, \\qquad w \\leftarrow w - m`);
        numbers.push(`m \\leftarrow ${N(mom, HP('momentum'))} \\cdot ${slot('momentum', 'old')} + ${eta} \\cdot \\frac{${N(g)}}{\\sqrt{${N(vNew)} + ${N(eps, HP('epsilon'))}}} = ${slot('momentum', 'new')}`);
        numbers.push(`${wSym} \\leftarrow ${wOld} - ${P(layer.slots.momentum.W.data[k])} = ${wNew}`);
      } else {
        symbols.push(`w \\leftarrow w - \\eta\\, \\frac{g}{\\sqrt{v + \\varepsilon}}`);
        numbers.push(`${wSym} \\leftarrow ${wOld} - ${eta} \\cdot \\frac{${N(g)}}{\\sqrt{${N(vNew)} + ${N(eps, HP('epsilon'))}}} = ${wNew}`);
        if (bias) numbers.push(`b${sup(h)}_{${j + 1}} \\leftarrow ${bOld} - ${N(opt.learning_rate)} \\cdot \\frac{${N(gb)}}{\\sqrt{${N(layer.slots.velocity.b.data[j], path(`${base}.slots.velocity.b`, j))} + ${N(eps)}}} = ${bNew}`);
      }
      break;
    }
    case 'adagrad': {
      name = 'Adagrad';
      const eps = opt.epsilon ?? optimizerDefault<number>('adagrad', 'epsilon');
      lead = t('teach.update.lead.adagrad');
      symbols.push(`A \\leftarrow A + g^2, \\qquad w \\leftarrow w - \\eta\\, \\frac{g}{\\sqrt{A + \\varepsilon}}, \\qquad g = ${dL('w')}`);
      const k = idx(layer.W, j, i);
      numbers.push(`A \\leftarrow ${slot('accumulator', 'old')} + ${gN()}^2 = ${slot('accumulator', 'new')}`);
      numbers.push(`${wSym} \\leftarrow ${wOld} - ${eta} \\cdot \\frac{${N(g)}}{\\sqrt{${N(layer.slots.accumulator.W.data[k])} + ${N(eps, HP('epsilon'))}}} = ${wNew}`);
      if (bias) numbers.push(`b${sup(h)}_{${j + 1}} \\leftarrow ${bOld} - ${N(opt.learning_rate)} \\cdot \\frac{${N(gb)}}{\\sqrt{${N(layer.slots.accumulator.b.data[j], path(`${base}.slots.accumulator.b`, j))} + ${N(eps)}}} = ${bNew}`);
      break;
    }
  }
  const dw = at(layer.deltaW!, j, i);
  numbers.push(`\\Delta ${wSym} = w_{\\text{new}} - w_{\\text{old}} = ${N(dw, path(`${base}.deltaW`, idx(layer.deltaW!, j, i)))}`);
  return {
    title: isOutputLayer(v, l) ? t('teach.update.titleOutput', { optimizer: name! }) : t('teach.update.titleHidden', { layer: l + 1, optimizer: name! }),
    lead: lead!,
    blocks: [
      { label: t('teach.block.symbols'), tex: symbols, note: adamNote },
      { label: t(bias ? 'teach.block.numbersUpdateBias' : 'teach.block.numbersUpdate', { input: i + 1, unit: j + 1 }), tex: numbers, note: numbersNote },
      {
        label: t('teach.block.result'),
        tex: [`W${sup(h)}_{${j + 1},:} = ${matrixRow(layer.W, j, `${base}.W`)}${bias ? `, \\quad b${sup(h)}_{${j + 1}} = ${N(at(layer.b, j), path(`${base}.b`, j))}` : ''}`],
        note:
          l === v.layers.length - 1
            ? t('teach.update.noteLast')
            : t('teach.update.noteNext', { unit: j + 1, next: h + 1 }),
      },
    ],
  };
}

function slotValue(layer: TeachLayer, name: string, j: number, i: number): number {
  return layer.slots[name].W.data[idx(layer.W, j, i)];
}

/**
 * Keras folds the paper's bias corrections into α; whether α is then above or below η depends on
 * t and the betas, so the sentence is written from the engine's α and η.
 */
function adamAlphaNote(step: number, alpha: number, eta: number): string {
  const vars = { t: step, alpha: show(alpha), eta: show(eta) };
  const second = alpha < eta ? t('teach.update.alphaSmaller', vars) : alpha > eta ? t('teach.update.alphaLarger', vars) : t('teach.update.alphaEqual', vars);
  return t('teach.loss.twoSentences', { first: t('teach.update.adamNote'), second });
}
