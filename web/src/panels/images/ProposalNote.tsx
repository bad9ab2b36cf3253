// What the page chose for an image set, and why: every pixel an input, a hidden relu layer, one
// softmax unit per class, sparse categorical cross-entropy (state/image-data.ts, proposedNetwork).
import { t } from '../../i18n';
import type { ImageSetView } from '../../worker/image-protocol';
import { PROPOSED_HIDDEN_UNITS } from '../../state/image-data';

export function ProposalNote({ view, proposed }: { view: ImageSetView; proposed: boolean }) {
  const own = view.testImages > 0;
  return (
    <div class="image-note" data-testid="image-note">
      {proposed && (
        <p data-testid="image-proposal">
          {t('images.proposal', {
            inputs: view.height * view.width, height: view.height, width: view.width,
            units: PROPOSED_HIDDEN_UNITS, classes: view.classNames.length,
          })}
        </p>
      )}
      <p>
        {own
          ? t('images.ownTest', { train: view.trainRows, test: view.testImages })
          : t('images.splitTest', { train: view.trainRows })}
        {!view.full && view.fullImages > view.subsetImages && ` ${t('images.subset', { count: view.subsetImages, full: view.fullImages })}`}
      </p>
      <p class="image-note__credit">{view.attribution} ({view.licence})</p>
    </div>
  );
}
