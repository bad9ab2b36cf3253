// The layers of a model beyond Dense (Dropout, BatchNormalization, Activation, ...), as the page
// sees them: the engine's spec lists every layer in Keras's order; the diagram draws a column of
// neurons per Dense layer and the other layers as thin bands between the columns. None of these
// layers changes the width of a row, so the Dense columns chain as before.
import type { AnyLayerSpec, LayerClass } from '../engine/layers';
import type { ModelSpec } from './types';
import { catalogue } from './catalogue';

/** A layer of the spec that is not Dense, as the spec holds it (kind and Keras's arguments). */
export type ExtraLayer = Exclude<AnyLayerSpec, { units: number }> & { kind: string };

type AnySpecLayer = ModelSpec['layers'][number] | AnyLayerSpec;

/** Dense layers carry no kind (or kind Dense); every other layer names its kind. */
export function isDense(l: AnySpecLayer): boolean {
  const kind = (l as { kind?: string }).kind;
  return kind === undefined || kind === 'Dense' || kind === 'dense';
}

/** Keras's class name of a layer (the catalogue maps snake_case kinds to it). */
export function classNameOf(l: AnySpecLayer): LayerClass {
  const kind = (l as { kind?: string }).kind ?? 'Dense';
  const entry = catalogue().layerKinds.find((k) => k.className === kind || k.kind === kind);
  return (entry?.className ?? kind) as LayerClass;
}

/** The engine's index of each Dense layer, in order. */
export function denseIndices(spec: ModelSpec): number[] {
  const out: number[] = [];
  spec.layers.forEach((l, i) => {
    if (isDense(l)) out.push(i);
  });
  return out;
}

/** The Dense layers of a spec, with their widths: what the diagram's columns are. */
export function denseLayers(spec: ModelSpec): ModelSpec['layers'] {
  return spec.layers.filter(isDense);
}

/** A layer between two Dense columns: its engine index and its spec. */
export interface BandLayer {
  index: number;
  layer: ExtraLayer;
}

/**
 * The layers in each gap between the diagram's columns: bands[c] lies between column c and
 * column c + 1 (column 0 is the input), in the engine's order. Layers after the last Dense
 * layer go in one more gap, bands[columns - 1].
 */
export function bandsOf(spec: ModelSpec): BandLayer[][] {
  // The gap a layer sits in is the number of Dense layers before it.
  const bands: BandLayer[][] = [[]];
  spec.layers.forEach((l, index) => {
    if (isDense(l)) bands.push([]);
    else bands[bands.length - 1].push({ index, layer: l as unknown as ExtraLayer });
  });
  return bands;
}

/** The weights a layer of this kind has, by Keras's name (the catalogue's list). */
export function weightNamesOf(l: AnySpecLayer): string[] {
  const kind = classNameOf(l);
  return catalogue().layerKinds.find((k) => k.className === kind)?.weights ?? [];
}
