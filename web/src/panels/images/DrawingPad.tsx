// A pad to draw a digit or a garment on (mouse, touch and pen through pointer events). Each
// stroke goes to the worker, which scales and centres it the way the set's images were made
// (worker/drawing.ts, shared/pad-frame.ts) and predicts it with the network as it is now; the page shows the image
// the network saw and the engine's class probabilities.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../../components/fields';
import { msg, say, t, type Message } from '../../i18n';
import { messageOf } from '../../i18n/engine';
import { padMismatch } from '../../shared/pad-frame';
import type { ImageSetView } from '../../worker/image-protocol';
import { ImageCanvas } from './ImageCanvas';
import { Probabilities } from './Probabilities';
import { shownClassNames } from './class-names';

/** Pad pixels per side (the canvas is drawn larger by CSS). */
const SIDE = 140;

export function DrawingPad({ view }: { view: ImageSetView }) {
  const app = useApp();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [result, setResult] = useState<{ pixels: Float64Array; probabilities: Float64Array } | null>(null);
  const [error, setError] = useState<Message | null>(null);
  const inked = useRef(false);
  const last = useRef<[number, number] | null>(null);
  // One prediction in flight; strokes meanwhile ask for one more when it returns.
  const busy = useRef(false);
  const again = useRef(false);
  const spec = app.spec.value;
  const mismatch = spec ? padMismatch(spec.input_dim, view) : null;
  // Digits' strokes are thick against their 8 x 8 frame; garments are drawn with a finer pen.
  const pen = view.width <= 8 ? SIDE / 9 : SIDE / 14;

  const predict = async () => {
    if (!canvas.current || !inked.current) return;
    if (busy.current) return void (again.current = true);
    busy.current = true;
    const data = canvas.current.getContext('2d')!.getImageData(0, 0, SIDE, SIDE).data;
    const ink = new Float32Array(SIDE * SIDE);
    for (let i = 0; i < ink.length; ++i) ink[i] = data[i * 4 + 3] / 255;
    try {
      setResult(await app.client.request('predictDrawing', { ink, side: SIDE }));
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      busy.current = false;
      if (again.current) {
        again.current = false;
        void predict();
      }
    }
  };
  // Training changes the answer to the same drawing.
  const iterations = app.readout.value?.iterations;
  useEffect(() => {
    if (!mismatch) void predict();
  }, [iterations, spec]);

  const at = (e: PointerEvent): [number, number] => {
    const r = canvas.current!.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * SIDE, ((e.clientY - r.top) / r.height) * SIDE];
  };
  const stroke = (from: [number, number], to: [number, number]) => {
    const ctx = canvas.current!.getContext('2d')!;
    ctx.strokeStyle = '#000';
    ctx.lineWidth = pen;
    ctx.lineCap = ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from[0], from[1]);
    ctx.lineTo(to[0], to[1]);
    ctx.stroke();
    inked.current = true;
  };
  const down = (e: PointerEvent) => {
    e.preventDefault();
    (e.currentTarget as HTMLCanvasElement).setPointerCapture(e.pointerId);
    last.current = at(e);
    stroke(last.current, last.current);
    void predict();
  };
  const move = (e: PointerEvent) => {
    if (!last.current) return;
    const p = at(e);
    stroke(last.current, p);
    last.current = p;
    void predict();
  };
  const up = () => (last.current = null);
  const clear = () => {
    canvas.current?.getContext('2d')!.clearRect(0, 0, SIDE, SIDE);
    inked.current = false;
    setResult(null);
  };
  const what = t(view.width <= 8 ? 'images.pad.digit' : 'images.pad.garment');
  const shown: Message | null = mismatch ? msg(mismatch.key, mismatch.vars) : error;
  return (
    <section class="drawing-pad" aria-label={t('images.pad.title', { what })} data-testid="drawing-pad">
      <h3>{t('images.pad.title', { what })}</h3>
      <p class="drawing-pad__hint">{t('images.pad.hint')}</p>
      <div class="drawing-pad__row">
        <div class="drawing-pad__pad">
          <canvas
            ref={canvas}
            width={SIDE}
            height={SIDE}
            class="drawing-pad__canvas"
            role="img"
            aria-label={t('images.pad.canvas')}
            onPointerDown={down}
            onPointerMove={move}
            onPointerUp={up}
            onPointerCancel={up}
            data-testid="pad-canvas"
          />
          <button class="btn btn--quiet btn--small" onClick={clear} data-testid="pad-clear">
            {t('images.pad.clear')}
          </button>
        </div>
        <div class="drawing-pad__answer">
          {result && !shown && (
            <figure class="drawing-pad__seen">
              <ImageCanvas values={result.pixels} height={view.height} width={view.width} kind="pixels" size={56} label={t('images.pad.seen', { height: view.height, width: view.width })} testid="pad-seen" />
              <figcaption>{t('images.pad.seen', { height: view.height, width: view.width })}</figcaption>
            </figure>
          )}
          {!result && !shown && <p class="drawing-pad__hint">{t('images.pad.empty')}</p>}
          {result && !shown && <Probabilities values={result.probabilities} classNames={shownClassNames(view)} />}
        </div>
      </div>
      {shown && (
        <p class="field__error" role="alert" data-testid="pad-error">
          {say(shown)}
        </p>
      )}
    </section>
  );
}
