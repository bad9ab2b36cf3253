// A table that renders only the rows in view, so that a few thousand rows stay cheap to
// update every frame. Rows have a fixed height; the header sticks to the top.
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

export const ROW_HEIGHT = 28;

export function VirtualTable(props: {
  rows: number;
  header: ComponentChildren;
  /** Row `index`, knowing the rows drawn (first .. last - 1) for a table with its own Tab stop. */
  renderRow: (index: number, first: number, last: number) => ComponentChildren;
  maxHeight: number;
  label: string;
  testid?: string;
  className?: string;
  /** The scroller is a Tab stop (for tables without focusable cells); default true. */
  focusable?: boolean;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(props.maxHeight);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight || props.maxHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const overscan = 6;
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - overscan);
  const last = Math.min(props.rows, Math.ceil((top + height) / ROW_HEIGHT) + overscan);
  const rows: ComponentChildren[] = [];
  for (let i = first; i < last; ++i) rows.push(props.renderRow(i, first, last));
  return (
    <div
      class={`table-scroll ${props.className ?? ''}`}
      ref={scroller}
      style={{ maxHeight: `${props.maxHeight}px` }}
      onScroll={(e) => setTop((e.currentTarget as HTMLDivElement).scrollTop)}
      tabIndex={props.focusable === false ? undefined : 0}
      role="region"
      aria-label={props.label}
      data-testid={props.testid}
    >
      <table class="table">
        <thead>{props.header}</thead>
        <tbody>
          {first > 0 && <tr aria-hidden="true" style={{ height: `${first * ROW_HEIGHT}px` }} />}
          {rows}
          {last < props.rows && <tr aria-hidden="true" style={{ height: `${(props.rows - last) * ROW_HEIGHT}px` }} />}
        </tbody>
      </table>
    </div>
  );
}
