// The tables of each step: the whole layer's numbers, laid out like the maths. A layer is one
// table: W's rows are its neurons and its columns the inputs, so the inputs sit above the
// columns and the neurons' b, z, a (or dL/da, f'(z), δ) beside the rows.
import { useSignal } from '@preact/signals';
import { at, idx } from '../lib/number-format';
import { combinedOutput } from './formulas';
import type { Focus } from './formulas';
import { ColumnPager, LayerGrid, maxAbs, NumberCell, useColumnPage, VectorTable, type Cell, type Column } from './NumberTables';
import { useTeaching } from './state';
import type { TeachLayer, TeachView } from '../worker/teach-protocol';
import { slotName } from './describe';
import { t } from '../i18n';
import { T } from '../i18n/T';

const I = ({ s, sub, sup }: { s: string; sub?: string | number; sup?: string | number }) => (
  <>
    <i>{s}</i>
    {sup !== undefined && <sup>[{sup}]</sup>}
    {sub !== undefined && <sub>{sub}</sub>}
  </>
);

export function StepTables({ view, focus, featureNames, targetNames }: { view: TeachView; focus: Focus; featureNames: string[]; targetNames: string[] }) {
  const { kind, layer } = view.phase;
  switch (kind) {
    case 'start':
      return <SampleTables view={view} featureNames={featureNames} targetNames={targetNames} />;
    case 'forward':
      // Forward, a neuron uses all its inputs: no input column is singled out, but the pixel pointed at in the image.
      return <ForwardTable view={view} l={layer!} focus={focus} featureNames={featureNames} />;
    case 'loss':
      return <LossTable view={view} focus={focus} targetNames={targetNames} />;
    case 'backward':
      return <BackwardTable view={view} l={layer!} focus={focus} featureNames={featureNames} />;
    case 'update':
      return <UpdateTable view={view} l={layer!} focus={focus} featureNames={featureNames} />;
  }
}

const MAX_SAMPLE_COLUMNS = 8;

const MAX_SAMPLE_FEATURES = 16;

/** The batch as the data table shows it: a row per sample, its features (a page of them when wide: an image's pixels), then its targets. */
function SampleTables({ view, featureNames, targetNames }: { view: TeachView; featureNames: string[]; targetNames: string[] }) {
  const { x, y } = view.batch;
  const B = Math.min(view.rows.length, MAX_SAMPLE_COLUMNS);
  const paging = useColumnPage(x.rows, useTeaching().pixel.value ?? -1, MAX_SAMPLE_FEATURES);
  const { first, count: F } = paging;
  const xs = Array.from({ length: B }, (_, s) => Array.from({ length: F }, (_, c): Cell => ({ value: at(x, first + c, s), src: `batch.x.data.${idx(x, first + c, s)}`, target: { kind: 'neuron', col: 0, unit: first + c } })));
  const ys = Array.from({ length: B }, (_, s) => Array.from({ length: y.rows }, (_, k): Cell => ({ value: at(y, k, s), src: `batch.y.data.${idx(y, k, s)}` })));
  const xScale = maxAbs(xs.flat().map((c) => c.value)), yScale = maxAbs(ys.flat().map((c) => c.value));
  return (
    <div class="tgrid-wrap">
      <p class="tgrid__caption">
        <T k="teach.table.sampleCaption" vars={{ count: B }} />
      </p>
      <ColumnPager paging={paging} testid="teach-table" />
      <div class="tgrid-scroll">
        <table class="tgrid" data-testid="teach-table">
          <thead>
            <tr>
              <th class="tgrid__corner" />
              {Array.from({ length: F }, (_, c) => (
                <th key={first + c} scope="col" class="data-name">
                  {featureNames[first + c] ?? `x${first + c + 1}`}
                </th>
              ))}
              {Array.from({ length: y.rows }, (_, k) => (
                <th key={`y${k}`} scope="col" class={k === 0 ? 'data-name tgrid__split' : 'data-name'}>
                  {targetNames[k] ?? `y${k + 1}`}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {xs.map((row, s) => (
              <tr key={s}>
                <th scope="row">{t('teach.table.row', { row: view.rows[s] + 1 })}</th>
                {row.map((c, k) => (
                  <NumberCell key={first + k} cell={c} scale={xScale} label={t('teach.table.ofRow', { name: featureNames[first + k] ?? `x${first + k + 1}`, row: view.rows[s] + 1 })} />
                ))}
                {ys[s].map((c, k) => (
                  <NumberCell key={`y${k}`} cell={c} scale={yScale} label={t('teach.table.targetOfRow', { row: view.rows[s] + 1 })} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {view.rows.length > B && <p class="tgrid__note">{t('teach.table.firstOfBatch', { shown: B, count: view.rows.length })}</p>}
    </div>
  );
}

function inputNameFor(l: number, featureNames: string[]) {
  return (i: number) => (l === 0 ? <span>{featureNames[i] ?? `x${i + 1}`}</span> : <I s="a" sup={l} sub={i + 1} />);
}

const unitName = (view: TeachView, l: number) => (j: number) => (l === view.layers.length - 1 && view.layers[l].units === 1 ? t('teach.table.output') : t('teach.table.neuron', { unit: j + 1 }));

function ForwardTable({ view, l, focus: selected, featureNames }: { view: TeachView; l: number; focus: Focus; featureNames: string[] }) {
  const pixel = useTeaching().pixel.value;
  const focus = { ...selected, i: l === 0 && pixel !== null ? pixel : -1 };
  const layer = view.layers[l];
  const base = `layers.${l}`;
  const s = focus.s;
  const right: Column[] = [];
  if (layer.useBias) right.push({ label: <I s="b" />, name: 'b', cell: (j) => ({ value: at(layer.b, j), src: `${base}.b.data.${j}`, target: { kind: 'neuron', col: l + 1, unit: j } }) });
  right.push({ label: <I s="z" />, name: 'z', cell: (j) => ({ value: at(layer.z!, j, s), src: `${base}.z.data.${idx(layer.z!, j, s)}`, target: { kind: 'neuron', col: l + 1, unit: j } }) });
  right.push({ label: <><I s="a" /> = <I s="f" />(<I s="z" />)</>, name: 'a', cell: (j) => ({ value: at(layer.a!, j, s), src: `${base}.a.data.${idx(layer.a!, j, s)}`, target: { kind: 'neuron', col: l + 1, unit: j } }) });
  return (
    <LayerGrid
      testid="teach-table"
      caption={
        <T k="teach.table.forwardCaption" slots={{ W: <I s="W" sup={l + 1} />, in: <I s={l === 0 ? 'x' : 'a'} sup={l === 0 ? undefined : l} /> }} />
      }
      units={layer.units}
      inputs={layer.inputs}
      inputName={inputNameFor(l, featureNames)}
      unitName={unitName(view, l)}
      gridName="w"
      grid={(j, i) => ({ value: at(layer.W, j, i), src: `${base}.W.data.${idx(layer.W, j, i)}`, target: { kind: 'weight', layer: l, unit: j, input: i } })}
      header={{ label: l === 0 ? <I s="x" /> : <I s="a" sup={l} />, name: t('teach.table.input'), cell: (i) => ({ value: at(layer.aPrev!, i, s), src: `${base}.aPrev.data.${idx(layer.aPrev!, i, s)}`, target: { kind: 'neuron', col: l, unit: i } }) }}
      right={right}
      focus={focus}
    />
  );
}

function LossTable({ view, focus, targetNames }: { view: TeachView; focus: Focus; targetNames: string[] }) {
  const loss = view.loss!;
  const L = view.layers.length;
  const out = view.layers[L - 1];
  const s = focus.s;
  const sparse = loss.loss === 'sparse_categorical_crossentropy';
  const y = view.batch.y;
  const columns: Column[] = [
    { label: <I s="ŷ" />, name: t('teach.table.prediction'), cell: (k) => ({ value: at(out.a!, k, s), src: `layers.${L - 1}.a.data.${idx(out.a!, k, s)}`, target: { kind: 'neuron', col: L, unit: k } }) },
    sparse
      ? { label: <>{t('teach.table.targetClass', { class: at(y, 0, s) })}</>, name: t('teach.table.target'), cell: (k) => ({ value: at(y, 0, s) === k ? 1 : 0 }) }
      : { label: <I s="y" />, name: t('teach.table.targetY'), cell: (k) => ({ value: at(y, k, s), src: `batch.y.data.${idx(y, k, s)}` }) },
    { label: <>∂<I s="L" />/∂<I s="ŷ" /></>, name: '∂L/∂ŷ', cell: (k) => ({ value: at(loss.dA, k, s), src: `loss.dA.data.${idx(loss.dA, k, s)}`, target: { kind: 'neuron', col: L, unit: k } }) },
  ];
  if (loss.dZ) columns.push({ label: <>∂<I s="L" />/∂<I s="z" /></>, name: '∂L/∂z', cell: (k) => ({ value: at(loss.dZ!, k, s), src: `loss.dZ.data.${idx(loss.dZ!, k, s)}`, target: { kind: 'neuron', col: L, unit: k } }) });
  const B = view.rows.length;
  return (
    <div class="tables-row">
      <VectorTable
        testid="teach-table"
        caption={t(`teach.table.lossCaption.${out.units > 1 ? 'many' : 'one'}${B > 1 ? 'Sample' : ''}`, { sample: s + 1, count: B })}
        rows={out.units}
        rowName={(k) =>
          out.units === 1 ? t('teach.table.output') : targetNames.length === out.units ? t('teach.table.outputNamed', { output: k + 1, name: targetNames[k] }) : t('teach.table.outputNumber', { output: k + 1 })
        }
        columns={columns}
      />
      {B > 1 && (
        <VectorTable
          testid="teach-table-losses"
          caption={t('teach.table.lossOfSample')}
          rows={B}
          rowName={(r) => t('teach.table.row', { row: view.rows[r] + 1 })}
          columns={[{ label: <I s="L" />, name: t('teach.table.loss'), cell: (r) => ({ value: loss.perSample[r], src: `loss.perSample.${r}` }) }]}
        />
      )}
    </div>
  );
}

function BackwardTable({ view, l, focus, featureNames }: { view: TeachView; l: number; focus: Focus; featureNames: string[] }) {
  const layer = view.layers[l];
  const base = `layers.${l}`;
  const s = focus.s;
  const L = view.layers.length;
  const combined = l === L - 1 && combinedOutput(view);
  const neuron = (j: number) => ({ kind: 'neuron' as const, col: l + 1, unit: j });
  const right: Column[] = [
    { label: <>∂<I s="L" />/∂<I s="a" /></>, name: '∂L/∂a', cell: (j) => ({ value: at(layer.dA!, j, s), src: `${base}.dA.data.${idx(layer.dA!, j, s)}`, target: neuron(j) }) },
  ];
  if (!combined && layer.activation !== 'softmax')
    right.push({ label: <><I s="f" />′(<I s="z" />)</>, name: "f'(z)", cell: (j) => ({ value: at(layer.fPrime!, j, s), src: `${base}.fPrime.data.${idx(layer.fPrime!, j, s)}`, target: neuron(j) }) });
  right.push({ label: <>δ = ∂<I s="L" />/∂<I s="z" /></>, name: 'δ = ∂L/∂z', cell: (j) => ({ value: at(layer.dZ!, j, s), src: `${base}.dZ.data.${idx(layer.dZ!, j, s)}`, target: neuron(j) }) });
  if (layer.useBias && view.rows.length > 1) right.push({ label: <>∂<I s="L" />/∂<I s="b" /></>, name: '∂L/∂b', cell: (j) => ({ value: at(layer.db!, j), src: `${base}.db.data.${j}`, target: neuron(j) }) });
  return (
    <LayerGrid
      testid="teach-table"
      caption={
        <T
          k={`teach.table.backwardCaption.${layer.useBias && view.rows.length === 1 ? 'bias' : 'noBias'}.${l === 0 ? 'first' : 'layer'}`}
          vars={{ layer: l }}
          slots={{
            dW: (
              <>
                ∂<I s="L" />/∂<I s="W" sup={l + 1} />
              </>
            ),
          }}
        />
      }
      units={layer.units}
      inputs={layer.inputs}
      inputName={inputNameFor(l, featureNames)}
      unitName={unitName(view, l)}
      gridName="∂L/∂w"
      grid={(j, i) => ({ value: at(layer.dW!, j, i), src: `${base}.dW.data.${idx(layer.dW!, j, i)}`, target: { kind: 'weight', layer: l, unit: j, input: i } })}
      header={{ label: l === 0 ? <I s="x" /> : <I s="a" sup={l} />, name: t('teach.table.input'), cell: (i) => ({ value: at(layer.aPrev!, i, s), src: `${base}.aPrev.data.${idx(layer.aPrev!, i, s)}`, target: { kind: 'neuron', col: l, unit: i } }) }}
      footer={{ label: <>∂<I s="L" />/∂<I s={l === 0 ? 'x' : 'a'} sup={l === 0 ? undefined : l} /></>, name: t('teach.table.dLdaBelow'), cell: (i) => ({ value: at(layer.dAPrev!, i, s), src: `${base}.dAPrev.data.${idx(layer.dAPrev!, i, s)}`, target: { kind: 'neuron', col: l, unit: i } }) }}
      right={right}
      focus={focus}
    />
  );
}

interface UpdateQuantity {
  key: string;
  label: string;
  /** The same quantity for the biases (b new, Δb, dL/db, the slot's name). */
  biasLabel: string;
  W: (layer: TeachLayer, before: TeachLayer) => { m: TeachLayer['W']; src: string } | null;
  b: (layer: TeachLayer, before: TeachLayer) => { m: TeachLayer['b']; src: string } | null;
}

function updateQuantities(view: TeachView, l: number): UpdateQuantity[] {
  const base = `layers.${l}`;
  const list: UpdateQuantity[] = [
    { key: 'new', label: t('teach.table.wNew'), biasLabel: t('teach.table.bNew'), W: (ly) => ({ m: ly.W, src: `${base}.W` }), b: (ly) => ({ m: ly.b, src: `${base}.b` }) },
    { key: 'delta', label: 'Δw', biasLabel: 'Δb', W: (ly) => ({ m: ly.deltaW!, src: `${base}.deltaW` }), b: (ly) => ({ m: ly.deltaB!, src: `${base}.deltaB` }) },
    { key: 'grad', label: '∂L/∂w', biasLabel: '∂L/∂b', W: (ly) => ({ m: ly.dW!, src: `${base}.dW` }), b: (ly) => ({ m: ly.db!, src: `${base}.db` }) },
  ];
  for (const name of Object.keys(view.layers[l].slots))
    list.push({ key: `slot-${name}`, label: slotName(name), biasLabel: slotName(name), W: (ly) => ({ m: ly.slots[name].W, src: `${base}.slots.${name}.W` }), b: (ly) => ({ m: ly.slots[name].b, src: `${base}.slots.${name}.b` }) });
  list.push({ key: 'old', label: t('teach.table.wOld'), biasLabel: t('teach.table.bOld'), W: (_, before) => ({ m: before.W, src: 'before.W' }), b: (_, before) => ({ m: before.b, src: 'before.b' }) });
  return list;
}

function UpdateTable({ view, l, focus, featureNames }: { view: TeachView; l: number; focus: Focus; featureNames: string[] }) {
  const layer = view.layers[l];
  const before = view.before!;
  const choice = useSignal('new');
  const quantities = updateQuantities(view, l);
  const q = quantities.find((x) => x.key === choice.value) ?? quantities[0];
  const Wq = q.W(layer, before)!, bq = q.b(layer, before)!;
  return (
    <div>
      <div class="segmented segmented--small update-pick" role="group" aria-label={t('teach.table.updatePick')}>
        {quantities.map((x) => (
          <button key={x.key} class={x.key === q.key ? 'is-selected' : undefined} aria-pressed={x.key === q.key} onClick={() => (choice.value = x.key)} data-testid={`update-show-${x.key}`}>
            {x.label}
          </button>
        ))}
      </div>
      <LayerGrid
        testid="teach-table"
        caption={t('teach.table.updateCaption')}
        units={layer.units}
        inputs={layer.inputs}
        inputName={inputNameFor(l, featureNames)}
        unitName={unitName(view, l)}
        gridName={q.label}
        grid={(j, i) => ({ value: at(Wq.m, j, i), src: `${Wq.src}.data.${idx(Wq.m, j, i)}`, target: { kind: 'weight', layer: l, unit: j, input: i } })}
        right={layer.useBias ? [{ label: <>{t('teach.table.biasColumn', { name: q.biasLabel })}</>, name: q.biasLabel, cell: (j) => ({ value: at(bq.m, j), src: `${bq.src}.data.${j}`, target: { kind: 'neuron', col: l + 1, unit: j } }) }] : []}
        focus={focus}
      />
    </div>
  );
}
