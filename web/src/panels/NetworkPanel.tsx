// The network: hidden layers (add, remove, neurons, activation), the diagram, the output layer
// and loss, and the optimizer with its hyperparameters.
import { WeightGallery } from './images/WeightGallery';
import { useRef } from 'preact/hooks';
import { BooleanField, ChoiceField, NumberField, useApp } from '../components/fields';
import { Icon } from '../components/Icon';
import { NetworkDiagram } from '../components/NetworkDiagram';
import { ActivationThumb } from '../components/ActivationThumb';
import { computeLayout, labelPads, layerWidths, outputNames, tailRoom } from '../components/diagram-layout';
import { useSize } from '../components/useSize';
import { formatCount, say, t } from '../i18n';
import { optionLabel, settingHelp } from '../i18n/settings-text';
import type { FieldMode } from '../lib/plot2d';
import { LAYER_SETTINGS, MAX_HIDDEN_LAYERS } from '../settings';
import { isDense, weightNamesOf } from '../lib/layer-kinds';
import { ExtraLayersEditor } from './ExtraLayersEditor';
import { ActivationExplorer } from './ActivationExplorer';
import { thumbLabel } from '../lib/layer-kinds-text';
import type { ModelSpec } from '../lib/types';

export function NetworkPanel({ fieldMode }: { fieldMode: FieldMode | null }) {
  const app = useApp();
  const spec = app.spec.value;
  const hidden = app.hidden.value;
  const params = spec ? countParameters(spec.input_dim, spec.layers) : 0;
  // A lesson that hides the layer sizes takes the buttons off the page (not merely disabled).
  const locked = app.hiddenControls.value.has('units');
  return (
    <section class="panel panel--network" aria-labelledby="network-title">
      <header class="panel__head">
        <h2 id="network-title">{t('network.title')}</h2>
        <div class="layer-count" role="group" aria-label={t('network.layersGroup')}>
          {!locked && (
            <button class="btn btn--icon btn--small" onClick={() => app.removeLayer()} disabled={hidden.length === 0} aria-label={t('network.removeLayer')} data-testid="remove-layer">
              <Icon name="minus" size={16} />
            </button>
          )}
          <span data-testid="hidden-count">
            {t('network.hiddenCount', { count: hidden.length })}
          </span>
          {!locked && (
            <button class="btn btn--icon btn--small" onClick={() => app.addLayer()} disabled={hidden.length >= MAX_HIDDEN_LAYERS} aria-label={t('network.addLayer')} data-testid="add-layer">
              <Icon name="plus" size={16} />
            </button>
          )}
        </div>
        <span class="panel__meta">{t('network.parameters', { count: formatCount(params) })}</span>
      </header>
      {app.modelError.value && (
        <p class="alert alert--error" role="alert" data-testid="model-error">
          {t('network.refused', { message: app.modelError.value })}
        </p>
      )}
      <LayerHeads />
      <NetworkDiagram fieldMode={fieldMode} />
      {app.images.value && <WeightGallery view={app.images.value} />}
      <ExtraLayersEditor />
      <TrainingSettings />
      <ActivationExplorer />
    </section>
  );
}

/**
 * Keras's count (model.summary()): a Dense layer's kernel and bias; BatchNormalization's gamma,
 * beta and moving statistics, LayerNormalization's gamma and beta, PReLU's alpha, one per feature.
 */
function countParameters(inputs: number, layers: ModelSpec['layers']): number {
  let count = 0;
  for (const l of layers) {
    if (isDense(l)) {
      count += inputs * l.units + (l.use_bias ? l.units : 0);
      inputs = l.units;
    } else count += inputs * perFeatureWeights(l);
  }
  return count;
}

/** How many weights per feature a layer of another kind has (the catalogue's names, less those center/scale switch off). */
function perFeatureWeights(l: ModelSpec['layers'][number]): number {
  const c = l as unknown as { center?: boolean; scale?: boolean };
  return weightNamesOf(l).filter((n) => !(n === 'gamma' && c.scale === false) && !(n === 'beta' && c.center === false)).length;
}

/** Controls above each column of the diagram, at the same x positions. */
function LayerHeads() {
  const app = useApp();
  const spec = app.spec.value;
  const box = useRef<HTMLDivElement>(null);
  const { width } = useSize(box);
  if (!spec) return <div class="layer-heads" ref={box} />;
  // The same columns as the diagram below: the same room for the input and output names.
  const widths = layerWidths(spec);
  const names = labelPads(app.dataset.value?.featureNames ?? [], outputNames(widths[widths.length - 1], app.dataset.value?.targetNames ?? []), width || 400);
  const pads = [names[0], names[1] + tailRoom(spec)];
  const layout = computeLayout(widths, width || 400, 100, pads[0], pads[1]);
  const hidden = app.hidden.value;
  const last = layout.columns.length - 1;
  const unitsLocked = app.hiddenControls.value.has('units');
  // Each head gets its column's share of the width, so that six layers' heads do not overlap.
  const xs = layout.columns.map((col) => col.x);
  const pitch = Math.min(...xs.slice(1).map((x, c) => x - xs[c]), Infinity);
  const headWidth = Math.max(40, Math.min(96, pitch - 6));
  return (
    <div class={`layer-heads${headWidth < 90 ? ' layer-heads--narrow' : ''}`} ref={box}>
      {width > 0 &&
        layout.columns.map((col, c) => (
          <div key={c} class="layer-head" style={{ left: `${col.x}px`, width: `${headWidth}px` }} data-testid={`layer-head-${c}`}>
            {c === 0 && (
              <>
                <span class="layer-head__title">{t('network.input')}</span>
                <span class="layer-head__units">{t('network.features', { count: spec.input_dim })}</span>
              </>
            )}
            {c > 0 && c < last && (
              <>
                <div class="stepper" role="group" aria-label={t('network.neuronsOf', { layer: c })}>
                  {!unitsLocked && (
                    <button
                      onClick={() => app.changeUnits(c - 1, -1)}
                      disabled={hidden[c - 1].units <= LAYER_SETTINGS.units.min}
                      aria-label={t('network.fewerNeurons', { layer: c })}
                      data-testid={`units-minus-${c}`}
                    >
                      −
                    </button>
                  )}
                  <span data-testid={`units-${c}`}>{hidden[c - 1].units}</span>
                  {!unitsLocked && (
                    <button
                      onClick={() => app.changeUnits(c - 1, +1)}
                      disabled={hidden[c - 1].units >= LAYER_SETTINGS.units.max}
                      aria-label={t('network.moreNeurons', { layer: c })}
                      data-testid={`units-plus-${c}`}
                    >
                      +
                    </button>
                  )}
                </div>
                <ActivationSelect
                  value={hidden[c - 1].activation}
                  disabled={app.hiddenControls.value.has('activation')}
                  label={t('network.activationOf', { layer: c })}
                  title={settingHelp('activation', LAYER_SETTINGS.activation)}
                  testid={`activation-${c}`}
                  pick={(value) => app.setLayer(c - 1, 'activation', value)}
                  current={() => app.hidden.peek()[c - 1]?.activation}
                />
              </>
            )}
            {c === last && (
              <>
                <span class="layer-head__title">{t('network.output')}</span>
                <ActivationSelect
                  value={app.settings.value.outputActivation}
                  disabled={app.hiddenControls.value.has('outputActivation')}
                  label={t('network.outputActivation')}
                  testid="output-activation"
                  pick={(value) => app.setSetting('outputActivation', value)}
                  current={() => app.settings.peek().outputActivation}
                />
              </>
            )}
          </div>
        ))}
    </div>
  );
}

/**
 * A layer's activation. `pick` asks the engine; when it refuses (its message is shown elsewhere)
 * nothing re-renders, so the select goes back to `current()`.
 */
function ActivationSelect(props: {
  value: string;
  disabled: boolean;
  label: string;
  title?: string;
  testid: string;
  pick: (value: string) => Promise<unknown>;
  current: () => string | undefined;
}) {
  // Hidden by a lesson: the activation is stated as text, so that nothing looks clickable that is not.
  if (props.disabled)
    return (
      <span class="layer-head__act" title={`${props.label}: set by this lesson`} data-testid={props.testid}>
        {optionLabel('activation', props.value)}
      </span>
    );
  return (
    <span class="act-select">
    <select
      class="select--small"
      value={props.value}
      disabled={props.disabled}
      aria-label={props.label}
      title={props.title}
      data-testid={props.testid}
      onChange={async (e) => {
        const select = e.currentTarget as HTMLSelectElement;
        await props.pick(select.value);
        select.value = props.current() ?? select.value;
      }}
    >
      {LAYER_SETTINGS.activation.options.map(({ value, label }) => (
        <option key={value} value={value}>
          {optionLabel('activation', value, label)}
        </option>
      ))}
    </select>
    <ActivationThumb name={props.value} label={thumbLabel(optionLabel('activation', props.value))} />
    </span>
  );
}

function TrainingSettings() {
  const app = useApp();
  const warning = app.pairingWarning.value;
  return (
    <div class="settings">
      <div class="settings__grid">
        <ChoiceField k="loss" wide />
        <ChoiceField k="optimizer" />
        <NumberField k="learningRate" />
        <NumberField k="batchSize" />
        <NumberField k="momentum" />
        <BooleanField k="nesterov" />
        <NumberField k="beta1" />
        <NumberField k="beta2" />
        <NumberField k="rho" />
        <NumberField k="initialAccumulator" />
      </div>
      {warning && (
        <p class="alert alert--warn" role="status" data-testid="pairing-warning">
          <Icon name="warning" size={16} /> {say(warning)}
        </p>
      )}
      <details class="more">
        <summary>{t('network.moreSettings')}</summary>
        <div class="settings__grid">
          <NumberField k="epsilon" />
          <BooleanField k="amsgrad" />
          <ChoiceField k="kernelInitializer" />
          <ChoiceField k="biasInitializer" />
          <NumberField k="l1" />
          <NumberField k="l2" />
          <NumberField k="seed" />
          <ChoiceField k="precision" />
          <BooleanField k="useBias" />
          <NumberField k="dataSeed" />
        </div>
      </details>
    </div>
  );
}
