// A Dense layer's forward and backward steps (dense_layer.hpp): z = W a + b, a = f(z), and
// delta = dL/da * f'(z), dL/dW = delta a^T, dL/da_prev = W^T delta, with the engine's numbers.
import { t } from '../../i18n';
import { at, idx, N, P, path } from '../../lib/number-format';
import type { TeachTerms, TeachView } from '../../worker/teach-protocol';
import { sup, aOf, comp, W, dL, delta, aligned, termLines, largestTermLines, rowVector, transposed, numbersLabel, words, type StepText, type Focus } from './notation';
import { FN, activationDefinition, derivativeDefinition, labelOf } from './activation';
import { combinedOutput } from './loss';


/**
 * `terms`: the engine's W(j, i) * aPrev(i, s) of the layer (trainer.forwardTerms), which rank a
 * long sum's terms; until they are there, a long sum is written as its first terms. Each term
 * carries its input as data-term, so that pointing at a pixel can light it up.
 */
export function forwardText(v: TeachView, l: number, { j, s }: Focus, terms: TeachTerms | null = null): StepText {
  const L = v.layers.length;
  const layer = v.layers[l];
  const f = layer.activation;
  const base = `layers.${l}`;
  const aPrev = layer.aPrev!, z = layer.z!, a = layer.a!;
  const n = layer.inputs;
  const texTerms = [];
  for (let i = 0; i < n; ++i)
    texTerms.push(`\\htmlData{term=${i}}{${P(at(layer.W, j, i), path(`${base}.W`, idx(layer.W, j, i)))} \\cdot ${P(at(aPrev, i, s), path(`${base}.aPrev`, idx(aPrev, i, s)))}}`);
  const engineTerms = terms && terms.index === v.index && terms.layer === l && terms.sample === s ? terms.m : null;
  const symbolic = `\\sum_{i} W${sup(l + 1)}_{${j + 1},i}\\, ${l === 0 ? 'x_i' : `a${sup(l)}_i`}${layer.useBias ? ` + ${comp('b', l + 1, j)}` : ''}`;
  const lines = engineTerms ? largestTermLines(texTerms, (i) => at(engineTerms, j, i)) : termLines(texTerms);
  if (layer.useBias) lines[lines.length - 1] += ` + ${P(at(layer.b, j), path(`${base}.b`, j))}`;
  const zj = comp('z', l + 1, j), aj = comp('a', l + 1, j);
  const zv = at(z, j, s), av = at(a, j, s);
  const zN = N(zv, path(`${base}.z`, idx(z, j, s)));
  const aN = N(av, path(`${base}.a`, idx(a, j, s)));
  let activationLine: string;
  switch (f) {
    case 'linear':
      activationLine = `${aj} = ${zj} = ${aN}`;
      break;
    case 'relu':
      activationLine = `${aj} = \\operatorname{relu}(${zj}) = \\max(0,\\ ${N(zv)}) = ${aN}`;
      break;
    case 'sigmoid':
      activationLine = `${aj} = \\sigma(${zj}) = \\dfrac{1}{1 + e^{-${P(zv)}}} = ${aN}`;
      break;
    case 'tanh':
      activationLine = `${aj} = \\tanh(${zj}) = \\tanh(${N(zv)}) = ${aN}`;
      break;
    case 'softmax': {
      const exps = [];
      for (let k = 0; k < Math.min(layer.units, 4); ++k) exps.push(`e^{${N(at(z, k, s))}}`);
      if (layer.units > 4) exps.push('\\cdots');
      activationLine = `${aj} = \\dfrac{e^{${zj}}}{\\sum_{j'} e^{z${sup(l + 1)}_{j'}}} = \\dfrac{e^{${N(zv)}}}{${exps.join(' + ')}} = ${aN}`;
      break;
    }
    default:
      activationLine = `${aj} = ${FN[f]}(${zj}) = ${FN[f]}(${N(zv)}) = ${aN}`;
  }
  const isOutput = l === L - 1;
  // One whole sentence per case: inputs (features or a layer's outputs) x bias x activation.
  const leadKey = `teach.forward.lead.${l === 0 ? 'features' : 'outputs'}.${layer.useBias ? 'bias' : 'noBias'}.${f === 'linear' ? 'linear' : 'activation'}`;
  return {
    title: isOutput ? t('teach.forward.titleOutput') : t('teach.forward.titleHidden', { layer: l + 1 }),
    lead: t(leadKey, { count: layer.units, inputs: n, layer: l, activation: labelOf(f) }),
    blocks: [
      {
        label: t('teach.block.symbols'),
        tex: [
          `z${sup(l + 1)} = W${sup(l + 1)}\\, ${aOf(l)}${layer.useBias ? ` + b${sup(l + 1)}` : ''}, \\qquad a${sup(l + 1)} = f\\bigl(z${sup(l + 1)}\\bigr)${isOutput ? ' = \\hat y' : ''}`,
          activationDefinition(f),
        ],
      },
      {
        label: numbersLabel(v, s, 'teach.block.numbersNeuron', { unit: j + 1 }),
        tex: [aligned(zj, [symbolic, ...lines, `= ${zN}`]), activationLine],
      },
      {
        label: t('teach.block.result'),
        tex: [`a${sup(l + 1)} = ${transposed(rowVector(a, s, `${base}.a`))}`],
        note: isOutput ? t('teach.forward.noteOutput') : t('teach.forward.noteHidden', { count: layer.units, next: l + 2 }),
      },
    ],
  };
}


export function backwardText(v: TeachView, l: number, { j, i, s }: Focus): StepText {
  const L = v.layers.length;
  const layer = v.layers[l];
  const f = layer.activation;
  const base = `layers.${l}`;
  const isOutput = l === L - 1;
  const combined = isOutput && combinedOutput(v);
  const B = v.rows.length;
  const dA = layer.dA!, dZ = layer.dZ!, z = layer.z!, a = layer.a!, aPrev = layer.aPrev!;
  const dW = layer.dW!, db = layer.db!, dAPrev = layer.dAPrev!;
  const h = l + 1;
  const zSym = `z${sup(h)}`, aSym = `a${sup(h)}`, prev = aOf(l);

  // Symbols
  const symbols: string[] = [];
  symbols.push(
    isOutput
      ? `${dL(aSym)} = ${dL('\\hat y')} \\quad ${words('teach.tex.fromLoss')}`
      : `${dL(aSym)} = \\bigl(W${sup(h + 1)}\\bigr)^{\\mathsf T} \\delta${sup(h + 1)} \\quad ${words('teach.tex.fromLayer', { layer: h + 1 })}`,
  );
  if (combined) {
    const kb = v.loss!.loss === 'binary_crossentropy' && layer.units > 1;
    const named = kb ? `, \\quad K = ${layer.units},\\ B = ${B}` : `, \\quad B = ${B}`;
    symbols.push(`\\delta${sup(h)} = ${dL(zSym)} = ${kb ? '\\frac{1}{KB}' : '\\frac{1}{B}'}(\\hat y - y)${named} \\quad ${words('teach.tex.fromLossCombined', { activation: labelOf(f) })}`);
  }
  else if (f === 'softmax') symbols.push(`\\delta${sup(h)}_j = ${dL(`${zSym}_j`)} = a_j \\Bigl(${dL('a_j')} - \\sum_{j'} ${dL("a_{j'}")}\\, a_{j'}\\Bigr)`);
  else symbols.push(`\\delta${sup(h)} = ${dL(zSym)} = ${dL(aSym)} \\odot f'\\bigl(${zSym}\\bigr), \\qquad ${derivativeDefinition(f)}`);
  const reg = `${layer.l1 > 0 ? ` + l_1 \\operatorname{sign}\\bigl(W${sup(h)}\\bigr)` : ''}${layer.l2 > 0 ? ` + 2\\, l_2\\, W${sup(h)}` : ''}`;
  symbols.push(`${dL(`W${sup(h)}`)} = \\delta${sup(h)} \\bigl(${prev}\\bigr)^{\\mathsf T}${reg}${layer.useBias ? `, \\qquad ${dL(`b${sup(h)}`)} = \\delta${sup(h)}` : ''}`);
  symbols.push(`${dL(prev)} = \\bigl(W${sup(h)}\\bigr)^{\\mathsf T} \\delta${sup(h)}`);

  // Numbers for neuron j
  const numbers: string[] = [];
  const dAN = N(at(dA, j, s), path(`${base}.dA`, idx(dA, j, s)));
  const dZN = N(at(dZ, j, s), path(`${base}.dZ`, idx(dZ, j, s)));
  if (!isOutput) {
    const above = v.layers[l + 1];
    const terms = [];
    for (let k = 0; k < above.units; ++k) terms.push(`${P(at(above.W, k, j), path(`layers.${l + 1}.W`, idx(above.W, k, j)))} \\cdot ${P(at(above.dZ!, k, s), path(`layers.${l + 1}.dZ`, idx(above.dZ!, k, s)))}`);
    numbers.push(aligned(dL(comp('a', h, j)), [`\\sum_k W${sup(h + 1)}_{k,${j + 1}}\\, \\delta${sup(h + 1)}_k`, ...termLines(terms), `= ${dAN}`]));
  } else {
    numbers.push(`${dL(comp('a', h, j))} = ${dAN} \\quad ${words(combined ? 'teach.tex.fromLossNotNeeded' : 'teach.tex.fromLoss')}`);
  }
  const zv = at(z, j, s), av = at(a, j, s);
  if (combined) {
    const yv = at(v.batch.y, v.loss!.loss === 'sparse_categorical_crossentropy' ? 0 : j, s);
    const target = v.loss!.loss === 'sparse_categorical_crossentropy' ? (yv === j ? 1 : 0) : yv;
    const scale = v.loss!.loss === 'binary_crossentropy' ? layer.units * B : B;
    numbers.push(`${delta(l, j)} = ${scale === 1 ? '' : `\\frac{1}{${scale}}`}(\\hat y_{${j + 1}} - y_{${j + 1}}) = ${scale === 1 ? '' : `\\frac{1}{${scale}}`}(${N(av)} - ${N(target)}) = ${dZN}`);
  } else if (f === 'softmax') {
    numbers.push(`${delta(l, j)} = ${N(av)}\\,\\bigl(${N(at(dA, j, s))} - \\textstyle\\sum_{j'} ${dL("a_{j'}")} a_{j'}\\bigr) = ${dZN}`);
  } else {
    const d = at(layer.fPrime!, j, s); // the engine's f'(z)
    const dSrc = path(`${base}.fPrime`, idx(layer.fPrime!, j, s));
    const why = f === 'relu' || f === 'leaky_relu' ? `\\quad ${words('teach.tex.because')}\\ ${comp('z', h, j)} = ${N(zv, path(`${base}.z`, idx(z, j, s)))} ${zv > 0 ? '> 0' : '\\le 0'}` : '';
    numbers.push(`${delta(l, j)} = ${dL(comp('a', h, j))} \\cdot f'\\bigl(${comp('z', h, j)}\\bigr) = ${P(at(dA, j, s))} \\cdot ${P(d, dSrc)} = ${dZN}`);
    if (why) numbers.push(`f'\\bigl(${comp('z', h, j)}\\bigr) = ${N(d, dSrc)}${why}`);
  }
  // In braces, so that a sample's superscript can follow: {a^{[1]}_2}^{(s)}.
  const prevComp = l === 0 ? `{x_{${i + 1}}}` : `{a${sup(l)}_{${i + 1}}}`;
  const dWN = N(at(dW, j, i), path(`${base}.dW`, idx(dW, j, i)));
  // dL/dW_ji = sum over the batch of delta_j a_i, plus the regularisation terms.
  const dWrows: string[] = [];
  if (B === 1) {
    dWrows.push(`${delta(l, j)}\\, ${prevComp}`, `= ${P(at(dZ, j, 0), path(`${base}.dZ`, idx(dZ, j, 0)))} \\cdot ${P(at(aPrev, i, 0), path(`${base}.aPrev`, idx(aPrev, i, 0)))}`);
  } else {
    const terms = [];
    for (let t = 0; t < Math.min(B, 3); ++t) terms.push(`${P(at(dZ, j, t), path(`${base}.dZ`, idx(dZ, j, t)))} \\cdot ${P(at(aPrev, i, t), path(`${base}.aPrev`, idx(aPrev, i, t)))}`);
    dWrows.push(`\\sum_{s} \\delta^{(s)}_{${j + 1}}\\, ${prevComp}^{(s)}`, `= ${terms.join(' + ')}${B > 3 ? ` + \\cdots\\ ${words('teach.tex.samples', { count: B })}` : ''}`);
  }
  const w = at(layer.W, j, i);
  const penalty: string[] = [];
  if (layer.l1 > 0) penalty.push(`${N(layer.l1)} \\operatorname{sign}(${N(w)})`);
  if (layer.l2 > 0) penalty.push(`2 \\cdot ${N(layer.l2)} \\cdot ${P(w)}`);
  if (penalty.length) dWrows.push(`+ ${penalty.join(' + ')}`);
  dWrows.push(`= ${dWN}`);
  // One line when it is short (one sample, no regularisation), lines under the "=" otherwise.
  numbers.push(dWrows.length === 3 ? `${dL(W(l, j, i))} = ${dWrows.join(' ')}` : aligned(dL(W(l, j, i)), dWrows));
  if (layer.useBias) numbers.push(`${dL(comp('b', h, j))} = ${B === 1 ? delta(l, j) : `\\sum_s \\delta^{(s)}_{${j + 1}}`} = ${N(at(db, j), path(`${base}.db`, j))}`);
  const down = [];
  for (let k = 0; k < layer.units; ++k) down.push(`${P(at(layer.W, k, i), path(`${base}.W`, idx(layer.W, k, i)))} \\cdot ${P(at(dZ, k, s), path(`${base}.dZ`, idx(dZ, k, s)))}`);
  const downLines = termLines(down);
  numbers.push(aligned(dL(prevComp), [`\\sum_j W${sup(h)}_{j,${i + 1}}\\, \\delta${sup(h)}_j`, ...downLines, `= ${N(at(dAPrev, i, s), path(`${base}.dAPrev`, idx(dAPrev, i, s)))}`]));

  return {
    title: isOutput ? t('teach.backward.titleOutput') : t('teach.backward.titleHidden', { layer: l + 1 }),
    lead: isOutput ? t('teach.backward.leadOutput') : t('teach.backward.leadHidden', { from: h + 1 }),
    blocks: [
      { label: t('teach.block.symbols'), tex: symbols },
      {
        label: numbersLabel(v, s, 'teach.block.numbersWeight', { unit: j + 1, input: i + 1 }),
        tex: numbers,
        note: l === 0 ? t('teach.backward.noteFirst') : t('teach.backward.noteLayer', { layer: l }),
      },
      {
        label: t('teach.block.result'),
        tex: [`${dL(zSym)} = ${transposed(rowVector(dZ, s, `${base}.dZ`))}`],
        note: t('teach.backward.resultNote'),
      },
    ],
  };
}
