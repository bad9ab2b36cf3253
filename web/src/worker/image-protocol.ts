// The image sets' messages between page and worker (digits, fashion_mnist; worker/image-session.ts).
// An image set's pixels stay in the worker: the page gets what it draws (samples, the rows it
// asks for, a drawing's probabilities) and the labels, never the whole x.

/** An image set as the worker loaded it, and the few images the page draws at once. */
export interface ImageSetView {
  name: string;
  title: string;
  height: number;
  width: number;
  classNames: string[];
  /** The whole training set of the files was fetched (fashion_mnist's 60,000), not the default subset. */
  full: boolean;
  /** How many images the full set would have, and how many the default subset has. */
  fullImages: number;
  subsetImages: number;
  /** The set's own test images (0: none, the training images are split by the test share). */
  testImages: number;
  trainRows: number;
  /** Every training image's class index (the page's targets), row by row. */
  labels: Float64Array;
  /** The set's own test images' classes. */
  testLabels: Float64Array;
  /** A few training images of each class for the grid: `samples.rows` images, height * width each. */
  samples: ImageRows;
  licence: string;
  attribution: string;
}

/** Images as the engine holds them: pixels in [0, 1], row by row, image after image. */
export interface ImageRows {
  rows: number;
  pixels: Float64Array;
  labels: Int32Array;
  /** Each image's row in its set (training or test data as the trainer has them). */
  indices: Int32Array;
}

export type ImageSplitPart = 'train' | 'test';

export interface ImageRequests {
  /** Fetches an image set (with progress; cancel stops the download) and keeps it in the worker. */
  loadImages: { req: { name: string; full: boolean; baseUrl: string }; res: ImageSetView };
  /** Rows of the training or test data as the trainer has them (after the split). */
  imageRows: { req: { set: ImageSplitPart; rows: number[] }; res: ImageRows };
  /** The class predict says for every row of a set and the class its target says (ns.classify). */
  imageClasses: { req: { set: ImageSplitPart }; res: { predicted: Int32Array; actual: Int32Array } };
  /**
   * A drawing (`ink`: side x side values in [0, 1], row by row) brought to the set's shape
   * (worker/drawing.ts) and predicted: the image the network sees and its class probabilities.
   */
  predictDrawing: { req: { ink: Float32Array; side: number }; res: { pixels: Float64Array; probabilities: Float64Array } };
}
