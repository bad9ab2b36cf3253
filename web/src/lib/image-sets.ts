// The datasets that are images, fetched when picked (the engine's imageDatasetNames): the page's
// dataset setting offers them beside the generators, and loads them through the worker.
export const IMAGE_SETS = ['digits', 'fashion_mnist'] as const;
export type ImageSetName = (typeof IMAGE_SETS)[number];

export function isImageSetName(name: unknown): name is ImageSetName {
  return (IMAGE_SETS as readonly unknown[]).includes(name);
}
