// An image set's download: how far it has come, and Cancel (the page keeps the data it had).
import { t } from '../../i18n';
import { optionLabel } from '../../i18n/settings-text';
import type { ImageLoad } from '../../state/image-data';

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

export function ImageLoadBar({ load }: { load: ImageLoad }) {
  const known = load.total > 0;
  return (
    <div class="image-load" role="status" data-testid="image-load">
      <span>
        {known
          ? t('images.loading', { name: optionLabel('dataset', load.name), done: mb(load.done), total: mb(load.total) })
          : t('images.loadingStart', { name: optionLabel('dataset', load.name) })}
      </span>
      <progress max={known ? load.total : undefined} value={known ? load.done : undefined} />
      <button class="btn btn--quiet btn--small" onClick={load.cancel} data-testid="image-load-cancel">
        {t('busy.cancel')}
      </button>
    </div>
  );
}
