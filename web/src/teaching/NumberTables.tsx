// Matrices and vectors as small tables: 4 significant digits, the exact value in the title and
// in data-value, where it came from in data-src. Pointing at a cell highlights its neuron or
// weight in the diagram; clicking selects it (its numbers go into the formulas).
import { useSignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
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

/** Tables cap what they draw: the first rows of a tall layer, a page of a wide layer's columns. */
export const MAX_TABLE_ROWS = 32;
export const MAX_TABLE_COLS = 12;

/** The page of a wide table's columns on screen, `size` at a time; it turns to show `follow` (a pixel pointed at). */
export function useColumnPage(columns: number, follow: number, size = MAX_TABLE_COLS) {
  const page = useSignal(0);
  const pages = Math.max(1, Math.ceil(columns / size));
  useEffect(() => {
    if (follow >= 0 && follow < columns) page.value = Math.floor(follow / size);
  }, [follow, columns]);
  const at = Math.min(page.value, pages - 1);
  const first = at * size;
  return { first, count: Math.min(size, columns - first), columns, pages, page: at, turn: (by: number) => (page.value = Math.min(pages - 1, Math.max(0, at + by))) };
}

/** Previous | inputs 13–24 of 784 | Next, over a table with more columns than a page. */
export function ColumnPager({ paging, testid }: { paging: ReturnType<typeof useColumnPage>; testid: string }) {
  if (paging.pages <= 1) return null;
  const { first, count, columns, page, pages, turn } = paging;
  return (
    <div class="tgrid__pager" role="group" aria-label={t('teach.table.pager.group')} data-testid={`${testid}-pager`} data-first={first}>
      <button class="btn btn--quiet" onClick={() => turn(-1)} disabled={page === 0} aria-label={t('teach.table.pager.previous')} title={t('teach.table.pager.previous')} data-testid={`${testid}-previous`}>
        ‹
      </button>
      <span>{t('teach.table.pager.label', { from: first + 1, to: first + count, count: columns })}</span>
      <button class="btn btn--quiet" onClick={() => turn(1)} disabled={page === pages - 1} aria-label={t('teach.table.pager.next')} title={t('teach.table.pager.next')} data-testid={`${testid}-next`}>
        ›
      </button>
    </div>
  );
}

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
  const paging = useColumnPage(props.inputs, props.focus.i);
  const { first, count: cols } = paging;
  const gridCells: Cell[][] = [];
  for (let j = 0; j < rows; ++j) gridCells.push(Array.from({ length: cols }, (_, k) => props.grid(j, first + k)));
  const gridScale = maxAbs(gridCells.flat().map((c) => c.value));
  const rightCells = props.right.map((c) => Array.from({ length: rows }, (_, j) => c.cell(j)));
  const rightScales = rightCells.map((cells) => maxAbs(cells.filter((c): c is Cell => c !== null).map((c) => c.value)));
  const headerCells = props.header ? Array.from({ length: cols }, (_, k) => props.header!.cell(first + k)) : null;
  const footerCells = props.footer ? Array.from({ length: cols }, (_, k) => props.footer!.cell(first + k)) : null;
  return (
    <div class="tgrid-wrap">
      <p class="tgrid__caption">{props.caption}</p>
      <ColumnPager paging={paging} testid={props.testid} />
      <div class="tgrid-scroll">
        <table class="tgrid" data-testid={props.testid}>
          <thead>
            <tr>
              <th class="tgrid__corner" scope="col" />
              {Array.from({ length: cols }, (_, k) => (
                <th key={first + k} scope="col" class={first + k === props.focus.i ? 'is-focus' : undefined}>
                  {props.inputName(first + k)}
                </th>
              ))}
              {props.right.map((c, k) => (
                <th key={`r${k}`} scope="col" class={k === 0 ? 'tgrid__split' : undefined}>
                  {c.label}
                </th>
              ))}
            </tr>
            {headerCells && (
              <tr class="tgrid__inputs">
                <th scope="row">{props.header!.label}</th>
                {headerCells.map((c, k) => (
                  <NumberCell key={first + k} cell={c} scale={maxAbs(headerCells.map((h) => h.value))} label={t('teach.table.indexed', { name: props.header!.name, index: first + k + 1 })} focus={first + k === props.focus.i} />
                ))}
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
                {row.map((c, k) => (
                  <NumberCell key={first + k} cell={c} scale={gridScale} label={t('teach.table.gridCell', { name: props.gridName, unit: j + 1, input: first + k + 1 })} focus={j === props.focus.j && first + k === props.focus.i} />
                ))}
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
                {footerCells.map((c, k) => (
                  <NumberCell key={first + k} cell={c} scale={maxAbs(footerCells.map((h) => h.value))} label={t('teach.table.indexed', { name: props.footer!.name, index: first + k + 1 })} focus={first + k === props.focus.i} />
                ))}
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
