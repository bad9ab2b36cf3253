// A few training images of each class, one row per class with its name (in the page's language,
// class-names.ts), drawn from the pixels the worker sent (worker/image-session.ts, samplesByClass).
import { t } from '../../i18n';
import type { ImageSetView } from '../../worker/image-protocol';
import { ImageCanvas } from './ImageCanvas';
import { shownClassNames } from './class-names';

export function SampleGrid({ view }: { view: ImageSetView }) {
  const { samples, height, width } = view;
  const classNames = shownClassNames(view);
  const pixels = height * width;
  const rows = classNames.map((name, k) => ({ name, k, images: Array.from(samples.labels.keys()).filter((i) => samples.labels[i] === k) }));
  return (
    <figure class="sample-grid" data-testid="sample-grid">
      <figcaption>{t('images.samples', { count: view.trainRows })}</figcaption>
      <table class="sample-grid__table">
        <tbody>
          {rows.map(({ name, k, images }) => (
            <tr key={k} data-testid="sample-class">
              <th scope="row" class="sample-grid__name">
                {k} {name !== String(k) ? name : ''}
              </th>
              <td class="sample-grid__images">
                {images.map((i) => (
                  <ImageCanvas
                    key={i}
                    values={samples.pixels}
                    offset={i * pixels}
                    height={height}
                    width={width}
                    kind="pixels"
                    size={26}
                    label={t('images.sampleLabel', { class: name })}
                    testid="sample-image"
                  />
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
