// The 10 x 10 confusion matrix of an image set, counted from the engine's class of every row of
// the test (or training) data, with each class's accuracy; a click on a cell shows its images.
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../../components/fields';
import { say, t, type Message } from '../../i18n';
import { messageOf } from '../../i18n/engine';
import type { ImageRows, ImageSetView, ImageSplitPart } from '../../worker/image-protocol';
import { countClasses, rowsOfCell } from './confusion-counts';
import { ImageCanvas } from './ImageCanvas';
import { shownClassNames } from './class-names';

/** Images of a cell shown at once. */
const SHOWN = 32;

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–');

export function ImageConfusion({ view }: { view: ImageSetView }) {
  const app = useApp();
  const hasTest = (app.split.value?.test.rows ?? 0) > 0;
  const [set, setSet] = useState<ImageSplitPart>(hasTest ? 'test' : 'train');
  const part: ImageSplitPart = hasTest ? set : 'train';
  const [classes, setClasses] = useState<{ predicted: Int32Array; actual: Int32Array; at: number } | null>(null);
  const [cell, setCell] = useState<{ a: number; p: number; rows: number[]; images: ImageRows | null } | null>(null);
  const [error, setError] = useState<Message | null>(null);
  const s = app.readout.value;
  const playing = app.playing.value;
  const iterations = s?.iterations ?? 0;
  const refresh = async () => {
    try {
      const got = await app.client.request('imageClasses', { set: part });
      setClasses({ ...got, at: iterations });
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    }
  };
  // Counted again when training stops somewhere new; while Play runs, on request.
  useEffect(() => {
    if (!playing) void refresh();
  }, [part, playing, playing ? 0 : iterations, app.split.value]);
  useEffect(() => setCell(null), [part, classes]);
  const open = async (a: number, p: number) => {
    if (!classes) return;
    const rows = rowsOfCell(classes.predicted, classes.actual, a, p);
    setCell({ a, p, rows, images: null });
    if (rows.length === 0) return;
    try {
      const images = await app.client.request('imageRows', { set: part, rows: rows.slice(0, SHOWN) });
      setCell({ a, p, rows, images });
    } catch (err) {
      setError(messageOf(err));
    }
  };
  const k = view.classNames.length;
  const counts = classes ? countClasses(classes.predicted, classes.actual, k) : null;
  const max = counts ? Math.max(1, ...counts.m.flat()) : 1;
  const setName = t(part === 'test' ? 'output.testData' : 'output.trainingData');
  const names = shownClassNames(view);
  const name = (c: number) => names[c] ?? String(c);
  return (
    <div class="image-confusion" data-testid="image-confusion">
      <div class="image-confusion__bar">
        {hasTest && (
          <div class="segmented segmented--small" role="radiogroup" aria-label={t('images.confusion.set')}>
            {(['test', 'train'] as const).map((v) => (
              <button key={v} role="radio" aria-checked={part === v} class={part === v ? 'is-selected' : ''} onClick={() => setSet(v)} data-testid={`confusion-set-${v}`}>
                {t(v === 'test' ? 'output.testData' : 'output.trainingData')}
              </button>
            ))}
          </div>
        )}
        {classes && classes.at !== iterations && (
          <span class="image-confusion__stale">
            {t('images.confusion.stale')}{' '}
            <button class="btn btn--quiet btn--small" onClick={refresh} data-testid="confusion-refresh">
              {t('images.confusion.refresh')}
            </button>
          </span>
        )}
      </div>
      {error && (
        <p class="field__error" role="alert">
          {say(error)}
        </p>
      )}
      {counts && (
        <div class="image-confusion__scroll">
          <table class="confusion__table image-confusion__table" data-testid="confusion-matrix">
            <caption>{t('images.confusion.title', { set: setName })}</caption>
            <thead>
              <tr>
                <th scope="col" class="confusion__corner">
                  {t('output.confusionCorner')}
                </th>
                {counts.m.map((_, p) => (
                  <th scope="col" key={p} title={name(p)}>
                    {p}
                  </th>
                ))}
                <th scope="col" title={t('images.confusion.perClass')}>
                  {t('output.accuracy')}
                </th>
              </tr>
            </thead>
            <tbody>
              {counts.m.map((row, a) => (
                <tr key={a}>
                  <th scope="row" class="image-confusion__name" title={name(a)}>
                    {a} {name(a) !== String(a) ? name(a) : ''}
                  </th>
                  {row.map((count, p) => (
                    <td
                      key={p}
                      class={`${a === p ? 'is-diagonal' : ''}${cell && cell.a === a && cell.p === p ? ' is-open' : ''}`}
                      style={{ '--shade': (count / max).toFixed(3) }}
                      data-testid={`confusion-cell-${a}-${p}`}
                      data-count={count}
                    >
                      <button class="image-confusion__cell" onClick={() => open(a, p)} title={t('images.confusion.cellTitle', { count, actual: name(a), predicted: name(p) })}>
                        {count}
                      </button>
                    </td>
                  ))}
                  <td class="mono image-confusion__accuracy" data-testid={`class-accuracy-${a}`} data-value={counts.perClass[a].accuracy}>
                    {pct(counts.perClass[a].accuracy)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cell && <CellImages view={view} cell={cell} setName={setName} name={name} />}
    </div>
  );
}

function CellImages({ view, cell, setName, name }: { view: ImageSetView; cell: { a: number; p: number; rows: number[]; images: ImageRows | null }; setName: string; name: (c: number) => string }) {
  const vars = { actual: name(cell.a), predicted: name(cell.p), count: cell.rows.length, shown: Math.min(SHOWN, cell.rows.length) };
  const px = view.height * view.width;
  return (
    <div class="image-confusion__cell-images" data-testid="cell-images">
      <p>{cell.rows.length === 0 ? t('images.confusion.none', vars) : t(cell.rows.length > SHOWN ? 'images.confusion.shownSome' : 'images.confusion.shown', vars)}</p>
      <div class="image-confusion__images">
        {cell.images &&
          Array.from(cell.images.indices, (row, i) => (
            <ImageCanvas
              key={row}
              values={cell.images!.pixels}
              offset={i * px}
              height={view.height}
              width={view.width}
              kind="pixels"
              size={32}
              label={t('images.confusion.image', { row: row + 1, set: setName })}
              testid="cell-image"
            />
          ))}
      </div>
    </div>
  );
}
