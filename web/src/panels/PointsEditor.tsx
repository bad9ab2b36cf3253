// 2-D data as points on a plot you can click: a click adds a point of the chosen class,
// shift-click removes the nearest (the data panel's editor for two-feature data).
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../components/fields';
import { useSize } from '../components/useSize';
import { classColor, css } from '../lib/colors';
import { drawAxes, drawPoints, fitCanvas, fromPixel, type FieldMode } from '../lib/plot2d';
import type { Dataset } from '../lib/types';
import type { TargetInfo } from '../state/model-for-data';
import { say, t as tr, type Message } from '../i18n';

/** 2-D data as points: a click adds one of the chosen class, shift-click removes the nearest. */
export function PointsEditor({ data, targets }: { data: Dataset; targets: TargetInfo }) {
  const app = useApp();
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const { width } = useSize(box);
  const size = Math.max(120, Math.min(width, 240));
  const view = app.view2d.value;
  const split = app.split.value;
  const classes = Math.max(2, targets.classes);
  const chosen = Math.min(app.settings.value.pointClass, classes - 1);
  const mode: FieldMode = { kind: 'classes', classes };
  useEffect(() => {
    if (!canvas.current || !view || !split || width === 0) return;
    const ctx = fitCanvas(canvas.current, size, size);
    ctx.fillStyle = '#fbfbfc';
    ctx.fillRect(0, 0, size, size);
    drawAxes(ctx, view, size);
    drawPoints(ctx, view, size, split.train, mode, false, 3);
    drawPoints(ctx, view, size, split.test, mode, true, 3);
  }, [view, split, size, width]);
  const [error, setError] = useState<Message | null>(null);
  const onClick = async (e: MouseEvent) => {
    if (!view) return;
    const rect = (e.currentTarget as HTMLCanvasElement).getBoundingClientRect();
    const [x, y] = fromPixel(view, size, e.clientX - rect.left, e.clientY - rect.top);
    setError(e.shiftKey ? await app.removeNearestPoint(x, y) : await app.addPoint(x, y, chosen));
  };
  return (
    <div class="points-editor" ref={box}>
      <div class="points-editor__bar">
        <span class="points-editor__hint">
          {tr('data.points.hintAdd')}
          <br />
          {tr('data.points.hintRemove')}
        </span>
        <div class="segmented" role="radiogroup" aria-label={tr('data.points.classGroup')} hidden={app.hiddenControls.value.has('pointClass')}>
          {Array.from({ length: Math.min(classes, 10) }, (_, k) => (
            <button
              key={k}
              role="radio"
              aria-checked={chosen === k}
              class={chosen === k ? 'is-selected' : ''}
              onClick={() => app.setSetting('pointClass', k)}
              data-testid={`class-${k}`}
              title={tr('data.points.classTitle', { class: k })}
            >
              <span class="dot" style={{ background: css(classColor(k)) }} />
              {k}
            </button>
          ))}
        </div>
      </div>
      <canvas
        ref={canvas}
        class="points-editor__canvas"
        style={{ width: `${size}px`, height: `${size}px` }}
        onClick={onClick}
        role="img"
        aria-label={tr('data.points.canvas', { rows: data.rows, class: chosen })}
        data-testid="data-canvas"
      />
      {error && (
        <p class="field__error" role="alert">
          {say(error)}
        </p>
      )}
    </div>
  );
}
