// Teach mode on an image set: the sample as the image it is (the set's shape, one block of
// screen pixels per image pixel), and in the first layer's forward step the selected neuron's
// weights and each pixel's term w·x of its z as images beside it. Pointing at a pixel (tapping
// it, or moving to it with the arrow keys) reads out its value, its weight, their product and
// z; its term is lit in the sum when it is among the largest written out. Every number is the
// engine's: the input and weights of the teaching step, the terms of trainer.forwardTerms.
import { useSignal } from '@preact/signals';
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { at, exact, exactShown, idx, show } from '../lib/number-format';
import { ImageCanvas, type ImageKind } from '../panels/images/ImageCanvas';
import { shownClassNames } from '../panels/images/class-names';
import type { ImageSetView } from '../worker/image-protocol';
import type { TeachTerms, TeachView } from '../worker/teach-protocol';
import { largestTerms } from './formulas';
import type { Focus } from './formulas';
import { LONG_SUM, LARGEST_KEPT } from './long-sum';
import { useTeaching } from './state';
import { t } from '../i18n';

/** The image set whose images the network takes as its inputs, when Teach mode can draw them. */
export function imageInput(view: TeachView, images: ImageSetView | null): ImageSetView | null {
  if (!images || view.layers.length === 0) return null;
  return view.batch.x.rows === images.height * images.width && view.layers[0].inputs === view.batch.x.rows ? images : null;
}

/** Screen pixels per image pixel: a whole number, so that the image stays crisp (8 x 8: 25; 28 x 28: 7). */
const cellOf = (width: number) => Math.max(2, Math.floor(200 / width));
const GAP = 16;

/** The width the pictures have to share (0 until measured). */
function useAvailableWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const width = useSignal(0);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => (width.value = entry.contentRect.width));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width: width.value };
}

export function TeachImage({ view, focus, images }: { view: TeachView; focus: Focus; images: ImageSetView }) {
  const teaching = useTeaching();
  const pinned = useSignal<number | null>(null);
  const { height, width } = images;
  const n = height * width;
  const s = focus.s;
  const forward = view.phase.kind === 'forward' && view.phase.layer === 0;
  const layer = view.layers[0];
  const terms = forward ? termsOf(teaching.terms.value, view, s) : null;
  const j = focus.j;
  const pixel = teaching.pixel.value;
  const room = useAvailableWidth();

  const setPixel = (p: number | null) => (teaching.pixel.value = p);
  const pixelAt = (e: PointerEvent) => {
    const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const c = Math.floor(((e.clientX - box.left) / box.width) * width);
    const r = Math.floor(((e.clientY - box.top) / box.height) * height);
    return c >= 0 && c < width && r >= 0 && r < height ? r * width + c : null;
  };
  const handlers = {
    onPointerMove: (e: PointerEvent) => e.pointerType === 'mouse' && setPixel(pixelAt(e) ?? pinned.value),
    onPointerLeave: (e: PointerEvent) => e.pointerType === 'mouse' && setPixel(pinned.value),
    // A tap (or a click) keeps the pixel; tapping it again lets it go.
    onPointerDown: (e: PointerEvent) => {
      const p = pixelAt(e);
      pinned.value = p === pinned.value ? null : p;
      setPixel(pinned.value ?? (e.pointerType === 'mouse' ? p : null));
    },
    onKeyDown: (e: KeyboardEvent) => {
      const now = pixel ?? pinned.value ?? 0;
      const step: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -width, ArrowDown: width };
      if (e.key === 'Escape') {
        pinned.value = null;
        setPixel(null);
        return;
      }
      if (!(e.key in step)) return;
      e.preventDefault();
      const r = Math.floor(now / width), c = now % width;
      const next = e.key === 'ArrowLeft' || e.key === 'ArrowRight' ? r * width + Math.min(width - 1, Math.max(0, c + step[e.key])) : Math.min(n - 1, Math.max(0, now + step[e.key]));
      pinned.value = next;
      setPixel(next);
    },
    onFocus: () => pixel === null && setPixel(pinned.value ?? 0),
  };

  const x = forward ? layer.aPrev! : view.batch.x;
  const xSrc = forward ? 'layers.0.aPrev' : 'batch.x';
  const pictures: { kind: ImageKind; values: Float64Array; offset: number; stride: number; label: string; testid: string }[] = [
    { kind: 'pixels', values: x.data, offset: s * x.rows, stride: 1, label: t('teach.image.input', { height, width }), testid: 'teach-image-input' },
  ];
  if (forward) pictures.push({ kind: 'weights', values: layer.W.data, offset: j, stride: layer.W.rows, label: t('teach.image.weights', { unit: j + 1 }), testid: 'teach-image-weights' });
  if (terms) pictures.push({ kind: 'weights', values: terms.data, offset: j, stride: terms.rows, label: t('teach.image.terms', { unit: j + 1 }), testid: 'teach-image-terms' });
  // The input large; the weights and terms beside it at the same size when there is room (a
  // laptop), else at half the scale (a phone: both on one row under the input).
  const cell = cellOf(width);
  const fits = room.width === 0 || pictures.length * cell * width + (pictures.length - 1) * GAP <= room.width;
  const cells = pictures.map((_, k) => (k === 0 || fits ? cell : Math.max(1, Math.floor(cell / 2))));
  const cls = classOf(view, images, s);
  return (
    <figure class="teach-image" data-testid="teach-image" data-height={height} data-width={width}>
      <div class="teach-image__pictures" ref={room.ref}>
        {pictures.map((p, k) => [
          k === 1 && !fits && <div class="teach-image__break" key="break" />,
          <div class={`teach-image__picture${k > 0 && !fits ? ' teach-image__picture--small' : ''}`} key={p.testid}>
            <div
              class="teach-image__frame"
              style={{ width: `${cells[k] * width}px`, height: `${cells[k] * height}px` }}
              tabIndex={0}
              role="img"
              aria-label={`${p.label}. ${t('teach.image.keys')}`}
              {...(handlers as JSX.HTMLAttributes<HTMLDivElement>)}
            >
              <ImageCanvas values={p.values} offset={p.offset} stride={p.stride} height={height} width={width} kind={p.kind} size={cells[k] * width} label={p.label} testid={p.testid} />
              {pixel !== null && <span class="teach-image__cursor" style={{ left: `${(pixel % width) * cells[k]}px`, top: `${Math.floor(pixel / width) * cells[k]}px`, width: `${cells[k]}px`, height: `${cells[k]}px` }} />}
            </div>
            <figcaption>{p.label}</figcaption>
          </div>,
        ])}
      </div>
      {cls && <p class="teach-image__class">{cls}</p>}
      <Readout view={view} forward={forward} pixel={pixel} width={width} s={s} j={j} terms={terms} x={x} xSrc={xSrc} />
    </figure>
  );
}

/** The engine's terms for the step, layer 0 and sample s, or null while they are on their way. */
function termsOf(terms: TeachTerms | null, view: TeachView, s: number) {
  return terms && terms.index === view.index && terms.layer === 0 && terms.sample === s ? terms.m : null;
}

/** The sample's class by name, when the targets are class indices. */
function classOf(view: TeachView, images: ImageSetView, s: number): string | null {
  const y = view.batch.y;
  if (y.rows !== 1) return null;
  const name = shownClassNames(images)[at(y, 0, s)];
  return name === undefined ? null : t('teach.image.class', { name, row: view.rows[s] + 1 });
}

interface ReadoutProps {
  view: TeachView;
  forward: boolean;
  pixel: number | null;
  width: number;
  s: number;
  j: number;
  terms: TeachView['batch']['x'] | null;
  x: TeachView['batch']['x'];
  xSrc: string;
}

/** What the pixel pointed at holds: its value, and in the forward step its weight, their product and z. */
function Readout({ view, forward, pixel, width, s, j, terms, x, xSrc }: ReadoutProps) {
  if (pixel === null)
    return (
      <p class="teach-image__hint" data-testid="teach-pixel-hint">
        {forward ? t('teach.image.hint') : t('teach.image.hintStart')}
      </p>
    );
  const layer = view.layers[0];
  const facts: { label: string; value: number; src: string; key: string }[] = [{ key: 'x', label: t('teach.image.value', { index: pixel + 1 }), value: at(x, pixel, s), src: `${xSrc}.data.${idx(x, pixel, s)}` }];
  let shown: boolean | null = null;
  if (forward) {
    facts.push({ key: 'w', label: t('teach.image.weight', { unit: j + 1, index: pixel + 1 }), value: at(layer.W, j, pixel), src: `layers.0.W.data.${idx(layer.W, j, pixel)}` });
    if (terms) {
      facts.push({ key: 'term', label: t('teach.image.product', { unit: j + 1 }), value: at(terms, j, pixel), src: `terms.m.data.${idx(terms, j, pixel)}` });
      if (layer.inputs > LONG_SUM) shown = largestTerms(layer.inputs, (i) => at(terms, j, i)).includes(pixel);
    }
    facts.push({ key: 'z', label: t('teach.image.z', { unit: j + 1, count: layer.inputs }), value: at(layer.z!, j, s), src: `layers.0.z.data.${idx(layer.z!, j, s)}` });
  }
  return (
    <div class="teach-image__readout" data-testid="teach-pixel-readout" data-pixel={pixel} data-shown={shown === null ? undefined : String(shown)} aria-live="polite">
      <strong>{t('teach.image.pixel', { index: pixel + 1, row: Math.floor(pixel / width) + 1, column: (pixel % width) + 1 })}</strong>
      <dl>
        {facts.map((f) => (
          <div key={f.key}>
            <dt>{f.label}</dt>
            <dd data-testid={`teach-pixel-${f.key}`} data-src={f.src} data-value={exact(f.value)} title={exactShown(f.value)}>
              {show(f.value)}
            </dd>
          </div>
        ))}
      </dl>
      {shown !== null && <p class="teach-image__among">{shown ? t('teach.image.among', { keep: LARGEST_KEPT }) : t('teach.image.notAmong', { keep: LARGEST_KEPT, count: layer.inputs - LARGEST_KEPT })}</p>}
    </div>
  );
}
