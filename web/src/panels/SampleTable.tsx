// The data panel's table: every row, virtualised, each cell editable.
import { useState } from 'preact/hooks';
import { useApp } from '../components/fields';
import { ROW_HEIGHT, VirtualTable } from '../components/VirtualTable';
import { plain } from '../lib/data-view';
import type { Dataset } from '../lib/types';
import { say, t as tr, type Message } from '../i18n';

/** Every row, editable: a cell is applied when you press Enter or leave it. */
export function SampleTable({ data, compact }: { data: Dataset; compact: boolean }) {
  const app = useApp();
  const columns = [...data.featureNames, ...data.targetNames];
  const [error, setError] = useState<Message | null>(null);
  const commit = async (row: number, col: number, input: HTMLInputElement) => {
    const old = col < data.features ? data.x[row * data.features + col] : data.y[row * data.targets + col - data.features];
    if (input.value.trim() === '' || Number(input.value) === old) {
      input.value = plain(old);
      return;
    }
    const message = await app.editCell(row, col, input.value);
    setError(message);
    if (message) input.value = plain(old);
  };
  // One Tab stop for the whole table (the cell last focused, or the first shown); the arrow keys
  // move between cells inside it, as in a spreadsheet.
  const [active, setActive] = useState({ row: 0, col: 0 });
  const width = data.features + data.targets;
  const move = (input: HTMLInputElement, row: number, col: number) => {
    const r = Math.min(data.rows - 1, Math.max(0, row)), c = Math.min(width - 1, Math.max(0, col));
    // The next row is always rendered (the table draws a few rows beyond the visible ones).
    (input.closest('table')?.querySelector(`input[data-row="${r}"][data-col="${c}"]`) as HTMLInputElement | null)?.focus();
  };
  const onKey = (e: KeyboardEvent, row: number, col: number) => {
    const input = e.currentTarget as HTMLInputElement;
    const all = input.selectionStart === 0 && input.selectionEnd === input.value.length;
    const atStart = all || (input.selectionStart === 0 && input.selectionEnd === 0);
    const atEnd = all || (input.selectionStart === input.value.length && input.selectionEnd === input.value.length);
    let to: [number, number] | null = null;
    if (e.key === 'Enter') input.blur();
    else if (e.key === 'ArrowUp') to = [row - 1, col];
    else if (e.key === 'ArrowDown') to = [row + 1, col];
    else if (e.key === 'ArrowLeft' && atStart) to = [row, col - 1];
    else if (e.key === 'ArrowRight' && atEnd) to = [row, col + 1];
    if (to) {
      e.preventDefault();
      move(input, to[0], to[1]);
    }
  };
  const cell = (row: number, col: number, value: number, first: number, last: number) => {
    // The Tab stop: the active cell, or the nearest row the table has drawn.
    const stopRow = Math.min(Math.max(active.row, first), last - 1);
    return (
      <td key={col} class={col >= data.features ? 'is-target' : ''}>
        <input
          class="cell"
          value={plain(value)}
          aria-label={tr('data.cell', { row: row + 1, column: columns[col] })}
          data-row={row}
          data-col={col}
          tabIndex={row === stopRow && col === active.col ? 0 : -1}
          onFocus={(e) => {
            setActive({ row, col });
            (e.currentTarget as HTMLInputElement).select();
          }}
          onKeyDown={(e) => onKey(e, row, col)}
          onBlur={(e) => commit(row, col, e.currentTarget as HTMLInputElement)}
        />
      </td>
    );
  };
  return (
    <div class={`samples${compact ? ' samples--compact' : ''}`}>
      <VirtualTable
        rows={data.rows}
        maxHeight={compact ? ROW_HEIGHT * 5 : ROW_HEIGHT * 11.5}
        label={tr('data.samples')}
        testid="sample-table"
        className="table-scroll--samples"
        header={
          <tr>
            <th scope="col">#</th>
            {columns.map((c, i) => (
              <th scope="col" key={c + i} class={i >= data.features ? 'is-target' : ''}>
                {c}
              </th>
            ))}
          </tr>
        }
        focusable={false}
        renderRow={(r, first, last) => (
          <tr key={r}>
            <th scope="row">{r + 1}</th>
            {Array.from({ length: data.features }, (_, f) => cell(r, f, data.x[r * data.features + f], first, last))}
            {Array.from({ length: data.targets }, (_, k) => cell(r, data.features + k, data.y[r * data.targets + k], first, last))}
          </tr>
        )}
      />
      {error && (
        <p class="field__error" role="alert">
          {say(error)}
        </p>
      )}
    </div>
  );
}
