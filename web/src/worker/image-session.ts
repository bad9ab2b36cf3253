// The worker's image sets (digits, fashion_mnist): fetched only when picked, with progress and a
// cancel that stops the download; kept here, so that their pixels never cross to the page; split
// for the trainer (the set's own test images, or the test share); and the pieces the page draws.
import { fail } from '../i18n/engine';
import type { DescribedDataset, NeuroStep, Trainer } from '../engine/neurostep';
import { Cancelled } from './sliced-job';
import { frameDrawing } from './drawing';
import { padMismatch } from '../shared/pad-frame';
import type { ImageRequests, ImageRows, ImageSetView, ImageSplitPart } from './image-protocol';
import type { Split } from './snapshot-taker';

/** Training images of each class the grid shows. */
export const SAMPLES_PER_CLASS = 8;

type Progress = (done: number, total: number) => void;

interface Loaded {
  name: string;
  full: boolean;
  height: number;
  width: number;
  train: DescribedDataset;
  test: DescribedDataset;
}

export class ImageSession {
  private loaded: Loaded | null = null;
  /** The split the trainer has (configure), for rows asked for by set and index. */
  private split: Split | null = null;
  /** Downloads under way, by request id: a cancel aborts the fetch. */
  private readonly downloads = new Map<number, AbortController>();

  /** The trainer's data are this image set. */
  get active(): boolean {
    return this.split !== null;
  }

  cancel(id: number): void {
    this.downloads.get(id)?.abort();
  }

  async load(ns: NeuroStep, { name, full, baseUrl }: ImageRequests['loadImages']['req'], id: number, progress: Progress): Promise<ImageSetView> {
    const info = ns.imageDatasetInfo(name);
    const trainFile = full && info.fullFile ? info.fullFile : info.trainFile;
    const files = [trainFile, ...(info.testFile ? [info.testFile] : [])];
    const abort = new AbortController();
    this.downloads.set(id, abort);
    const got = files.map(() => ({ done: 0, total: 0 }));
    const tell = () => progress(got.reduce((s, g) => s + g.done, 0), got.reduce((s, g) => s + Math.max(g.total, g.done), 0));
    let bytes: Uint8Array[];
    try {
      bytes = await Promise.all(files.map((f, i) => download(new URL(`${f}.gz`, baseUrl).href, abort.signal, (done, total) => {
        got[i] = { done, total };
        tell();
      })));
    } catch (err) {
      if (abort.signal.aborted) throw new Cancelled();
      throw err;
    } finally {
      this.downloads.delete(id);
    }
    const { train, test } = ns.loadImageDataset(name, bytes[0], bytes[1] ?? null, 0);
    this.loaded = { name, full, height: info.height, width: info.width, train, test };
    const labels = Float64Array.from(train.y);
    return {
      name, title: info.title, height: info.height, width: info.width, classNames: train.classNames,
      full: trainFile === info.fullFile && full, fullImages: info.fullImages, subsetImages: info.trainImages,
      testImages: test.rows, trainRows: train.rows, labels, testLabels: Float64Array.from(test.y),
      samples: samplesByClass(train, SAMPLES_PER_CLASS), licence: info.licence, attribution: info.attribution,
    };
  }

  /** The image set as the trainer's data: its own test images, else a seeded split by the test share. */
  dataFor(ns: NeuroStep, testRatio: number, splitSeed: number): Split {
    const set = this.require();
    if (set.test.rows > 0) return { train: set.train, test: set.test };
    if (testRatio > 0) return ns.splitDataset(set.train, testRatio, splitSeed);
    return { train: set.train, test: { ...set.train, rows: 0, x: new Float64Array(0), y: new Float64Array(0) } };
  }

  /** The split the trainer now has (the rows the page asks for are numbered in it). */
  setSplit(split: Split | null): void {
    this.split = split;
  }

  rows({ set, rows }: ImageRequests['imageRows']['req']): ImageRows {
    return pick(this.part(set), rows);
  }

  classes(ns: NeuroStep, trainer: Trainer, { set }: ImageRequests['imageClasses']['req']): ImageRequests['imageClasses']['res'] {
    const d = this.part(set);
    if (d.rows === 0) return { predicted: new Int32Array(0), actual: new Int32Array(0) };
    const out = trainer.predict(d.x, d.rows);
    // predict's Mat is outputs x rows, column-major: row r's outputs are data[r * outputs ...].
    return ns.classify(out.data, out.rows, d.y, d.targets);
  }

  predictDrawing(trainer: Trainer, { ink, side }: ImageRequests['predictDrawing']['req']): ImageRequests['predictDrawing']['res'] {
    const set = this.require();
    const mismatch = padMismatch(trainer.spec().input_dim, set);
    if (mismatch) fail(mismatch.key, mismatch.vars);
    const pixels = frameDrawing(ink, side, set);
    return { pixels, probabilities: trainer.predict(pixels, 1).data };
  }

  private part(set: ImageSplitPart) {
    if (!this.split) fail('worker.noData');
    return set === 'test' ? this.split.test : this.split.train;
  }

  private require(): Loaded {
    if (!this.loaded) fail('images.notLoaded');
    return this.loaded;
  }
}

/** The first `perClass` images of each class, class by class. */
function samplesByClass(d: DescribedDataset, perClass: number): ImageRows {
  const byClass = d.classNames.map(() => [] as number[]);
  for (let r = 0; r < d.rows; ++r) {
    const k = d.y[r];
    if (byClass[k] && byClass[k].length < perClass) byClass[k].push(r);
  }
  return pick(d, byClass.flat());
}

function pick(d: { rows: number; features: number; x: ArrayLike<number>; y: ArrayLike<number> }, rows: number[]): ImageRows {
  const ok = rows.filter((r) => Number.isInteger(r) && r >= 0 && r < d.rows);
  const pixels = new Float64Array(ok.length * d.features);
  ok.forEach((r, i) => {
    for (let f = 0; f < d.features; ++f) pixels[i * d.features + f] = d.x[r * d.features + f];
  });
  return { rows: ok.length, pixels, labels: Int32Array.from(ok, (r) => d.y[r]), indices: Int32Array.from(ok) };
}

/** The bytes of a gzipped file, gunzipped, with the compressed bytes counted as they arrive. */
async function download(url: string, signal: AbortSignal, progress: Progress): Promise<Uint8Array> {
  const response = await fetch(url, { signal });
  if (!response.ok || !response.body) fail('worker.fetchFailed', { url, status: response.status });
  const total = Number(response.headers.get('content-length')) || 0;
  let done = 0;
  const counted: ReadableStream<BufferSource> = response.body.pipeThrough(
    new TransformStream<Uint8Array<ArrayBuffer>, BufferSource>({
      transform(chunk, out) {
        done += chunk.byteLength;
        progress(done, total);
        out.enqueue(chunk);
      },
    }),
  );
  const gunzipped = counted.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, BufferSource>);
  return new Uint8Array(await new Response(gunzipped).arrayBuffer());
}
