// Teach mode's formulas for the step on screen: the formula in symbols, then with the numbers,
// then the result; and, after the last step, how it compares with an ordinary training step.
import { useLayoutEffect, useRef } from 'preact/hooks';
import { useApp } from '../components/fields';
import { stepText, type Focus } from './formulas';
import { imageInput, TeachImage } from './TeachImage';
import { NotationTable } from './Notation';
import { useTeaching } from './state';
import { StepTables } from './StepTables';
import { Tex } from './Tex';
import { TeachLandscape } from './TeachLandscape';
import type { TeachView } from '../worker/teach-protocol';
import { t as tr } from '../i18n';

// ---- the step's formulas ----------------------------------------------------------------------------

export function StepPanel({ view, focus, featureNames, targetNames }: { view: TeachView; focus: Focus; featureNames: string[]; targetNames: string[] }) {
  const teaching = useTeaching();
  const app = useApp();
  const text = stepText(view, focus, teaching.terms.value);
  // The sample as an image (an image set's), at the start and in the first layer's forward step.
  const images = imageInput(view, app.images.value);
  const showImage = images && (view.phase.kind === 'start' || (view.phase.kind === 'forward' && view.phase.layer === 0));
  // The pixel pointed at in the image: its term of the sum is lit, when the sum writes it out.
  const formulas = useRef<HTMLDivElement>(null);
  const pixel = teaching.pixel.value;
  const key = text.blocks.map((b) => b.tex.join('')).join('');
  useLayoutEffect(() => {
    formulas.current?.querySelectorAll<HTMLElement>('[data-term]').forEach((el) => el.classList.toggle('is-term-hot', el.dataset.term === String(pixel)));
  }, [pixel, key]);
  return (
    <div class="step" data-testid="teach-step">
      {view.index === view.total && <Finished view={view} />}
      <h3 class="step-title" data-testid="teach-title">
        {text.title}
      </h3>
      <p class="step-lead">{text.lead}</p>
      {showImage && <TeachImage view={view} focus={focus} images={images} />}
      <div class="fblocks" data-testid="teach-formulas" ref={formulas}>
        {text.blocks.map((b) => (
          <div class="fblock" key={b.label}>
            <h4>{b.label}</h4>
            {b.tex.map((t, k) => (
              <Tex key={k} tex={t} />
            ))}
            {b.note && <p class="fnote">{b.note}</p>}
          </div>
        ))}
      </div>
      {view.phase.kind === 'update' && <TeachLandscape view={view} />}
      <StepTables view={view} focus={focus} featureNames={featureNames} targetNames={targetNames} />
      <NotationTable />
    </div>
  );
}

export function Finished({ view }: { view: TeachView }) {
  const teaching = useTeaching();
  return (
    <div class={`finished${view.sameAsOrdinaryStep ? '' : ' finished--warn'}`} data-testid="teach-finished" data-same={String(view.sameAsOrdinaryStep)}>
      <div>
        <strong>{view.sameAsOrdinaryStep ? tr('teach.finished.doneChecked') : tr('teach.finished.done')}</strong>{' '}
        {view.sameAsOrdinaryStep ? tr(view.source.kind === 'batch' ? 'teach.finished.sameBatch' : 'teach.finished.sameRow') : tr('teach.finished.differ')}{' '}
        {tr('teach.finished.copy')}
      </div>
      {view.keepable ? (
        <button class="btn btn--primary" onClick={() => teaching.apply()} data-testid="teach-apply" title={tr('teach.finished.keepTitle')}>
          {tr('teach.finished.keep')}
        </button>
      ) : (
        <span class="finished__why" data-testid="teach-not-keepable">
          {tr(view.rows.length > 1 || view.source.kind === 'batch' ? 'teach.finished.notKeepableBatch' : 'teach.finished.notKeepable', { row: view.nextRow + 1 })}
        </span>
      )}
    </div>
  );
}
