// Matrices and vectors as small tables: 4 significant digits, the exact value in the title and
// in data-value, where it came from in data-src. Pointing at a cell highlights its neuron or
// weight in the diagram; clicking selects it (its numbers go into the formulas).
import type { ComponentChildren } from 'preact';
import { exact, exactShown, show } from '../lib/number-format';
import { sameTarget, useTeaching, type Target } from './state';
import { t } from '../i18n';

/** One number in a table. */
export interface Cell {
  value: number;
  /** Path into the TeachView (absent for numbers formed on the page only to show arithmetic). */
  src?: string;
  target?: Target;
}

/** Whether pointing at `h` should light up a cell about `t`: the same thing, or a neuron and its weights. */
export function touches(h: Target | null, t: Target | undefined): boolean {
  if (!h || !t) return false;
  if (sameTarget(h, t)) return true;
  if (h.kind === 'neuron' && t.kind === 'weight') return (t.layer + 1 === h.col && t.unit === h.unit) || (t.layer === h.col && t.input === h.unit);
  if (h.kind === 'weight' && t.kind === 'neuron') return (t.col === h.layer + 1 && t.unit === h.unit) || (t.col === h.layer && t.unit === h.input);
  return false;
}

/** Tables cap what they draw: the first rows and columns of a wide layer. */
export const MAX_TABLE_ROWS = 32;
export const MAX_TABLE_COLS = 12;

export function NumberCell({ cell, scale, label, focus }: { cell: Cell; scale: number; label: string; focus?: boolean }) {
  const teaching = useTeaching();
  const hot = touches(teaching.hover.value, cell.target);
  const selected = cell.target !== undefined && sameTarget(teaching.selected.value, cell.target);
  const v = cell.value;
  const strength = scale > 0 && Number.isFinite(v) ? Math.min(1, Math.abs(v) / scale) : 0;
  const tint = v === 0 ? undefined : `rgba(${v > 0 ? '8,119,189' : '245,147,34'},${(0.04 + 0.2 * strength).toFixed(3)})`;
  return (
    <td
      class={`num${hot ? ' is-hot' : ''}${selected ? ' is-selected' : ''}${focus ? ' is-focus' : ''}`}
      style={tint ? { background: tint } : undefined}
      title={`${label} = ${exactShown(v)}`}
      data-src={cell.src}
      data-value={exact(v)}
      onMouseEnter={cell.target ? () => (teaching.hover.value = cell.target!) : undefined}
      onMouseLeave={cell.target ? () => (teaching.hover.value = null) : undefined}
      onClick={cell.target ? () => teaching.select(cell.target!) : undefined}
    >
      {show(v)}
    </td>
  );
}

export const maxAbs = (values: number[]) => values.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), 0);

export interface Column {
  /** Header (HTML: <i>b</i> etc.). */
  label: ComponentChildren;
  /** Title text for the cells: "z of neuron 3". */
  name: string;
  cell: (j: number) => Cell | null;
}

/**
 * A layer as one table: a grid units x inputs (W, dL/dW, ...), the layer's inputs as a row
 * above the grid's columns, vectors of the layer's units as columns beside its rows, and an
 * optional row under the grid (dL/da of the layer below).
 */
export function LayerGrid(props: {
  testid: string;
  caption: ComponentChildren;
  units: number;
  inputs: number;
  /** Column headers: the names of the inputs. */
  inputName: (i: number) => ComponentChildren;
  unitName: (j: number) => ComponentChildren;
  gridName: string;
  grid: (j: number, i: number) => Cell;
  header?: { label: ComponentChildren; name: string; cell: (i: number) => Cell };
  footer?: { label: ComponentChildren; name: string; cell: (i: number) => Cell };
  right: Column[];
  focus: { j: number; i: number };
}) {
  const rows = Math.min(props.units, MAX_TABLE_ROWS);
  const cols = Math.min(props.inputs, MAX_TABLE_COLS);
  const gridCells: Cell[][] = [];
  for (let j = 0; j < rows; ++j) gridCells.push(Array.from({ length: cols }, (_, i) => props.grid(j, i)));
  const gridScale = maxAbs(gridCells.flat().map((c) => c.value));
  const rightCells = props.right.map((c) => Array.from({ length: rows }, (_, j) => c.cell(j)));
  const rightScales = rightCells.map((cells) => maxAbs(cells.filter((c): c is Cell => c !== null).map((c) => c.value)));
  const headerCells = props.header ? Array.from({ length: cols }, (_, i) => props.header!.cell(i)) : null;
  const footerCells = props.footer ? Array.from({ length: cols }, (_, i) => props.footer!.cell(i)) : null;
  const more = props.inputs > cols ? props.inputs - cols : 0;
  return (
    <div class="tgrid-wrap">
      <p class="tgrid__caption">{props.caption}</p>
      <div class="tgrid-scroll">
        <table class="tgrid" data-testid={props.testid}>
          <thead>
            <tr>
              <th class="tgrid__corner" scope="col" />
              {Array.from({ length: cols }, (_, i) => (
                <th key={i} scope="col" class={i === props.focus.i ? 'is-focus' : undefined}>
                  {props.inputName(i)}
                </th>
              ))}
              {more > 0 && <th class="tgrid__more">+{more}</th>}
              {props.right.map((c, k) => (
                <th key={`r${k}`} scope="col" class={k === 0 ? 'tgrid__split' : undefined}>
                  {c.label}
                </th>
              ))}
            </tr>
            {headerCells && (
              <tr class="tgrid__inputs">
                <th scope="row">{props.header!.label}</th>
                {headerCells.map((c, i) => (
                  <NumberCell key={i} cell={c} scale={maxAbs(headerCells.map((h) => h.value))} label={t('teach.table.indexed', { name: props.header!.name, index: i + 1 })} focus={i === props.focus.i} />
                ))}
                {more > 0 && <td />}
                {props.right.map((_, k) => (
                  <td key={k} class={k === 0 ? 'tgrid__split' : undefined} />
                ))}
              </tr>
            )}
          </thead>
          <tbody>
            {gridCells.map((row, j) => (
              <tr key={j} class={j === props.focus.j ? 'is-focus-row' : undefined}>
                <th scope="row">{props.unitName(j)}</th>
                {row.map((c, i) => (
                  <NumberCell key={i} cell={c} scale={gridScale} label={t('teach.table.gridCell', { name: props.gridName, unit: j + 1, input: i + 1 })} focus={j === props.focus.j && i === props.focus.i} />
                ))}
                {more > 0 && <td class="tgrid__more">…</td>}
                {rightCells.map((cells, k) => {
                  const c = cells[j];
                  return c ? (
                    <NumberCell key={`r${k}`} cell={c} scale={rightScales[k]} label={t('teach.table.ofNeuron', { name: props.right[k].name, unit: j + 1 })} focus={j === props.focus.j} />
                  ) : (
                    <td key={`r${k}`} />
                  );
                })}
              </tr>
            ))}
          </tbody>
          {footerCells && (
            <tfoot>
              <tr>
                <th scope="row">{props.footer!.label}</th>
                {footerCells.map((c, i) => (
                  <NumberCell key={i} cell={c} scale={maxAbs(footerCells.map((h) => h.value))} label={t('teach.table.indexed', { name: props.footer!.name, index: i + 1 })} focus={i === props.focus.i} />
                ))}
                {more > 0 && <td />}
                {props.right.map((_, k) => (
                  <td key={k} />
                ))}
              </tr>
            </tfoot>
          )}
        </table>
      </div>
      {props.units > rows && <p class="tgrid__note">{t('teach.table.firstNeurons', { shown: rows, count: props.units })}</p>}
    </div>
  );
}

/** A few named vectors side by side, one row per entry (the sample, the outputs and targets). */
export function VectorTable(props: {
  testid: string;
  caption?: ComponentChildren;
  rowName: (k: number) => ComponentChildren;
  rows: number;
  columns: Column[];
}) {
  const rows = Math.min(props.rows, MAX_TABLE_ROWS);
  const cells = props.columns.map((c) => Array.from({ length: rows }, (_, k) => c.cell(k)));
  const scales = cells.map((cs) => maxAbs(cs.filter((c): c is Cell => c !== null).map((c) => c.value)));
  return (
    <div class="tgrid-wrap">
      {props.caption && <p class="tgrid__caption">{props.caption}</p>}
      <div class="tgrid-scroll">
        <table class="tgrid tgrid--vectors" data-testid={props.testid}>
          <thead>
            <tr>
              <th class="tgrid__corner" />
              {props.columns.map((c, k) => (
                <th key={k} scope="col">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, r) => (
              <tr key={r}>
                <th scope="row">{props.rowName(r)}</th>
                {cells.map((cs, k) => {
                  const c = cs[r];
                  return c ? <NumberCell key={k} cell={c} scale={scales[k]} label={t('teach.table.indexed', { name: props.columns[k].name, index: r + 1 })} /> : <td key={k} />;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.rows > rows && <p class="tgrid__note">{t('teach.table.firstRows', { shown: rows, count: props.rows })}</p>}
    </div>
  );
}
