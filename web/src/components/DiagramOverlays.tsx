// What the network diagram draws over itself: the keyboard cursor, the tooltip of a weight and
// the small form that edits one (NetworkDiagram.tsx).
import type { Signal } from '@preact/signals';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Cursor } from './diagram-keys';
import { edgePath, type Layout } from './diagram-layout';
import { useApp } from './fields';
import { say, t as tr, type Message } from '../i18n';
import type { Axis } from '../lib/weight-names';

/** A weight or bias under the pointer or the cursor, and where it is drawn. */
export interface Target {
  kind: 'weight' | 'bias';
  layer: number;
  unit: number;
  input: number;
  x: number;
  y: number;
}

export interface Editing extends Target {
  value: string;
  error: Message | null;
}

/** The keyboard cursor: a ring around its edge or its neuron. */
export function CursorMark({ layout, cursor }: { layout: Layout; cursor: Cursor }) {
  const col = layout.columns[cursor.layer + 1], node = layout.node;
  if (cursor.input < 0) {
    const pad = 3;
    return <rect class="diagram-cursor" x={col.x - node / 2 - pad} y={col.ys[cursor.unit] - node / 2 - pad} width={node + 2 * pad} height={node + 2 * pad} rx={Math.min(8, node / 3)} data-testid="diagram-cursor" />;
  }
  return <path class="diagram-cursor" d={edgePath(layout, cursor.layer, cursor.unit, cursor.input)} fill="none" data-testid="diagram-cursor" />;
}

export function Tooltip({ hover, editing, width }: { hover: Signal<(Target & { text: string }) | null>; editing: Signal<Editing | null>; width: number }) {
  const h = hover.value;
  if (!h || editing.value) return null;
  // Right of the point in the diagram's left half, left of it in the right half.
  const side = h.x < width / 2 ? { left: `${h.x + 12}px` } : { right: `${width - h.x + 12}px` };
  return (
    <div class="tooltip" role="tooltip" style={{ ...side, top: `${h.y + 12}px` }} data-testid="diagram-tooltip">
      {h.text}
      <small>{tr('diagram.editHint')}</small>
      <small>{tr('diagram.axisHint')}</small>
    </div>
  );
}

/** A small form over the diagram that sets one weight or bias in the engine. */
export function WeightEditor({ editing, maxX }: { editing: Signal<Editing | null>; maxX: number }) {
  const app = useApp();
  const form = useRef<HTMLFormElement>(null);
  const e = editing.value;
  // The diagram clips what overflows it (contain: strict): a form that would run past its foot goes up.
  useLayoutEffect(() => {
    const el = form.current, box = el?.offsetParent as HTMLElement | null;
    if (el && box && el.offsetTop + el.offsetHeight > box.clientHeight) el.style.top = `${Math.max(0, box.clientHeight - el.offsetHeight)}px`;
  });
  if (!e) return null;
  const apply = async () => {
    const value = Number(e.value.trim());
    if (e.value.trim() === '' || !Number.isFinite(value)) return void (editing.value = { ...e, error: { key: 'validation.finiteNumber' } });
    if (e.kind === 'bias') await app.setBias(e.layer, e.unit, value);
    else await app.setWeight(e.layer, e.unit, e.input, value);
    const error = app.actionError.peek();
    editing.value = error ? { ...e, error } : null;
  };
  // The weight or bias becomes an axis of the loss landscape's slice (the landscape opens).
  const useAsAxis = async (axis: Axis) => {
    const error = await app.useAsLandscapeAxis({ layer: e.layer, param: e.kind === 'bias' ? 'bias' : 'kernel', unit: e.unit, input: Math.max(0, e.input) }, axis);
    editing.value = error ? { ...e, error } : null;
  };
  return (
    <form
      ref={form}
      class="popover"
      style={{ left: `${Math.max(0, Math.min(e.x, maxX))}px`, top: `${e.y + 8}px` }}
      onSubmit={(ev) => {
        ev.preventDefault();
        void apply();
      }}
      data-testid="weight-editor"
    >
      <label for="weight-edit">{e.kind === 'bias' ? tr('diagram.editBias') : tr('diagram.editWeight')}</label>
      <input
        id="weight-edit"
        value={e.value}
        ref={(el) => el?.focus()}
        onInput={(ev) => (editing.value = { ...e, value: (ev.currentTarget as HTMLInputElement).value, error: null })}
        onKeyDown={(ev) => ev.key === 'Escape' && (editing.value = null)}
        aria-invalid={e.error ? true : undefined}
      />
      <button class="btn btn--primary" type="submit">
        {tr('diagram.set')}
      </button>
      <button class="btn btn--quiet" type="button" onClick={() => (editing.value = null)}>
        {tr('diagram.cancel')}
      </button>
      <div class="popover__axes" role="group" aria-label={tr('diagram.useAsAxis')}>
        <span>{tr('diagram.useAsAxis')}</span>
        {(['x', 'y'] as const).map((axis) => (
          <button key={axis} class="btn btn--quiet" type="button" data-testid={`use-as-axis-${axis}`} onClick={() => void useAsAxis(axis)}>
            {tr(axis === 'x' ? 'diagram.axisX' : 'diagram.axisY')}
          </button>
        ))}
      </div>
      {e.error && (
        <p class="field__error" role="alert">
          {say(e.error)}
        </p>
      )}
    </form>
  );
}
