// Each first-layer neuron's weights from the pixels, drawn as an image of the set's shape: what
// the neuron responds to. The weights are the engine's (the snapshot's W, units x inputs,
// column-major: neuron i's weight from pixel j is W.data[i + j * units]).
import { useApp } from '../../components/fields';
import { t } from '../../i18n';
import type { ImageSetView } from '../../worker/image-protocol';
import { ImageCanvas } from './ImageCanvas';

export function WeightGallery({ view }: { view: ImageSetView }) {
  const app = useApp();
  const W = app.readout.value?.weights[0]?.W;
  const pixels = view.height * view.width;
  if (!W) return null;
  return (
    <figure class="weight-gallery" data-testid="weight-gallery">
      <figcaption>
        <strong>{t('images.gallery.title')}</strong>
        {W.cols === pixels && <span> {t('images.gallery.caption', { count: W.rows, height: view.height, width: view.width })}</span>}
      </figcaption>
      {W.cols !== pixels ? (
        <p class="image-note">{t('images.gallery.notDense')}</p>
      ) : (
        <div class="weight-gallery__images">
          {Array.from({ length: W.rows }, (_, unit) => (
            <ImageCanvas
              key={unit}
              values={W.data}
              offset={unit}
              stride={W.rows}
              height={view.height}
              width={view.width}
              kind="weights"
              size={40}
              label={t('images.gallery.neuron', { unit: unit + 1 })}
              testid="gallery-neuron"
            />
          ))}
        </div>
      )}
    </figure>
  );
}
