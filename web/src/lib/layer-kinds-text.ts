// Every page string about the layers beyond Dense (Dropout, BatchNormalization, Activation, ...),
// from the catalogues' "layers" section (web/src/i18n/{en,zh-CN}.json). Whole sentences or whole
// labels; numbers are arguments, never pieces of a sentence glued together. Each text is read
// when it is used (a getter or a function), so that it follows the page's language.
import { t } from '../i18n';
import type { ExtraLayer } from './layer-kinds';
import { classNameOf } from './layer-kinds';

const num = (x: unknown) => (typeof x === 'number' ? String(x) : String(x ?? ''));

/** The short label of a band in the diagram, e.g. "Dropout 0.5" (Keras's class name and its main argument). */
export function bandLabel(l: ExtraLayer): string {
  const c = l as unknown as Record<string, unknown>;
  switch (classNameOf(l)) {
    case 'Dropout':
      return `Dropout ${num(c.rate)}`;
    case 'BatchNormalization':
      return 'BatchNorm';
    case 'LayerNormalization':
      return 'LayerNorm';
    case 'Activation':
      return `${num(c.activation)}`;
    case 'LeakyReLU':
      return `LeakyReLU ${num(c.negative_slope)}`;
    case 'ELU':
      return `ELU ${num(c.alpha)}`;
    default:
      return classNameOf(l);
  }
}

/** The band's tooltip: the layer's class and every argument the engine holds. */
export function bandTitle(l: ExtraLayer, position: number): string {
  const { kind: _kind, name, ...args } = l as unknown as Record<string, unknown>;
  const list = Object.entries(args).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');
  const layer = `${classNameOf(l)}(${list})`;
  return name ? t('layers.bandTitle', { position, name: String(name), layer }) : t('layers.bandTitleUnnamed', { position, layer });
}

/** How a loaded model's layer reads in the model summary ("8 inputs → 12 gelu → Dropout 0.3 → ..."). */
export const summaryLabel = bandLabel;


export const TEXT = {
  get extraBeforeFirst() { return t('layers.extraBeforeFirst'); },
  get extraAfterOutput() { return t('layers.extraAfterOutput'); },
  get teachStart() { return t('layers.teachStart'); },
  get teachLoss() { return t('layers.teachLoss'); },
  get teachMixedModel() { return t('layers.teachMixedModel'); },
  get teachLayerIntro() { return t('layers.teachLayerIntro'); },
  get teachRule() { return t('layers.teachRule'); },
  get teachWorked() { return t('layers.teachWorked'); },
  get teachLayerForward() { return t('layers.teachLayerForward'); },
  get teachLayerBackward() { return t('layers.teachLayerBackward'); },
  get teachLayerUpdate() { return t('layers.teachLayerUpdate'); },
  get teachLayerNoUpdate() { return t('layers.teachLayerNoUpdate'); },
  get dropoutForward() { return t('layers.dropoutForward'); },
  get dropoutBackward() { return t('layers.dropoutBackward'); },
  get batchNormForward() { return t('layers.batchNormForward'); },
  get batchNormBackward() { return t('layers.batchNormBackward'); },
  get layerNormForward() { return t('layers.layerNormForward'); },
  get activationForward() { return t('layers.activationForward'); },
  get activationBackward() { return t('layers.activationBackward'); },
};

/** The heading of a Teach-mode step on a layer that is not Dense. */
export function teachLayerHeading(position: number, className: string, name: string): string {
  return name ? t('layers.teachLayerHeading', { position, className, name }) : t('layers.teachLayerHeadingUnnamed', { position, className });
}

/** The caption of one matrix of the engine's in a Teach-mode step: its name and shape. */
export function teachValueCaption(key: string, rows: number, cols: number): string {
  return cols === 1 ? t('layers.teachValueCaptionColumn', { key, rows }) : t('layers.teachValueCaption', { key, rows, cols });
}

/** The batch's loss in a Teach-mode step. */
export function teachLossValue(loss: number): string {
  return t('layers.teachLossValue', { loss: String(loss) });
}

/** The network builder's words for the layers it inserts (settings.ts, state/extra-layers.ts, ExtraLayersEditor.tsx). */
export const EXTRA_TEXT = {
  get rateLabel() { return t('layers.rateLabel'); },
  get rateHelp() { return t('layers.rateHelp'); },
  get momentumLabel() { return t('layers.momentumLabel'); },
  get momentumHelp() { return t('layers.momentumHelp'); },
  get heading() { return t('layers.heading'); },
  get insertLabel() { return t('layers.insertLabel'); },
  get insertPlaceholder() { return t('layers.insertPlaceholder'); },
  get insertHelp() { return t('layers.insertHelp'); },
  chipName: (kind: string) => (kind === 'Dropout' ? t('layers.chipDropout') : kind === 'BatchNormalization' ? t('layers.chipBatchNorm') : kind),
  chipWhere: (hidden: number) => t('layers.chipWhere', { hidden }),
  insertOption: (kind: string, hidden: number) => t(kind === 'Dropout' ? 'layers.insertDropout' : 'layers.insertBatchNorm', { hidden }),
  chipTitle: (kind: string, hidden: number) => t('layers.chipTitle', { kind, hidden }),
  removeLabel: (kind: string, hidden: number) => t('layers.removeLabel', { kind, hidden }),
  argLabel: (kind: string, hidden: number) => t(kind === 'Dropout' ? 'layers.argDropout' : 'layers.argBatchNorm', { hidden }),
  urlTooMany: (items: number, hidden: number) => t('layers.urlTooMany', { items, hidden }),
  urlUnknownKind: (token: string, hidden: number) => t('layers.urlUnknownKind', { token, hidden }),
  urlBadValue: (token: string, hidden: number, error: string) => t('layers.urlBadValue', { token, hidden, error }),
};

/** The activation explorer's words (ActivationExplorer.tsx). */
/** What a picture of f and f' says to a screen reader. */
export const thumbLabel = (name: string) => t('layers.thumbLabel', { name });

export const EXPLORER_TEXT = {
  get title() { return t('layers.explorerTitle'); },
  get gallery() { return t('layers.explorerGallery'); },
  get activation() { return t('layers.explorerActivation'); },
  get from() { return t('layers.explorerFrom'); },
  get to() { return t('layers.explorerTo'); },
  get badRange() { return t('layers.explorerBadRange'); },
  fLegend: 'f(z)',
  dfLegend: 'f′(z)',
  get hoverHint() { return t('layers.explorerHoverHint'); },
  plotLabel: (name: string) => t('layers.explorerPlotLabel', { name }),
  values: (z: string, f: string, df: string) => t('layers.explorerValues', { z, f, df }),
};
