// Under Teach mode's diagram: the article's idea for the step, or (after a click) the inspector
// with every number of the selected neuron or weight.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { describe } from './describe';
import { exact, exactShown, show } from '../lib/number-format';
import { Ideas } from './Ideas';
import { sameTarget, useTeaching, type Target } from './state';
import type { TeachView } from '../worker/teach-protocol';
import { joinList, t as tr } from '../i18n';

// ---- under the diagram: the article's idea, or what the student selected -----------------------------

/** The idea of the step, or (after a click) the selected neuron or weight; a tab switches. */
export function SideCard({ view, sample, featureNames }: { view: TeachView; sample: number; featureNames: string[] }) {
  const teaching = useTeaching();
  const selected = teaching.selected.value;
  const showIdea = useSignal(false);
  const key = JSON.stringify(selected);
  // A new selection shows itself; closing it brings the idea back.
  useEffect(() => {
    showIdea.value = false;
  }, [key]);
  if (!selected) return <Ideas view={view} />;
  return (
    <div class="sidecard">
      <div class="tabs sidecard__tabs" role="tablist">
        <button role="tab" aria-selected={showIdea.value} onClick={() => (showIdea.value = true)} data-testid="side-idea">
          {tr('teach.idea')}
        </button>
        <button role="tab" aria-selected={!showIdea.value} onClick={() => (showIdea.value = false)} data-testid="side-selected">
          {tr('teach.selected')}
        </button>
      </div>
      {showIdea.value ? <Ideas view={view} /> : <Inspector view={view} sample={sample} featureNames={featureNames} />}
    </div>
  );
}

// ---- the inspector --------------------------------------------------------------------------------

function Inspector({ view, sample, featureNames }: { view: TeachView; sample: number; featureNames: string[] }) {
  const teaching = useTeaching();
  const t = teaching.selected.value;
  if (!t) return null;
  const d = describe(view, t, sample, featureNames);
  const incoming = t.kind === 'neuron' && t.col > 0 ? view.layers[t.col - 1] : null;
  return (
    <div class="inspector" data-testid="teach-inspector">
      <div class="inspector__head">
        <strong>{d.title}</strong>
        <button class="btn btn--quiet" onClick={() => (teaching.selected.value = null)} aria-label={tr('teach.close')}>
          ×
        </button>
      </div>
      <dl class="inspector__facts">
        {d.facts.map((f) => (
          <div key={f.label} class={f.now ? 'is-now' : undefined}>
            <dt>{f.label}</dt>
            <dd title={exactShown(f.value)} data-src={f.src} data-value={exact(f.value)}>
              {show(f.value)}
            </dd>
          </div>
        ))}
      </dl>
      {incoming && t.kind === 'neuron' && (
        <div class="inspector__weights">
          <span>{tr('teach.incomingWeights')}</span>
          <div>
            {Array.from({ length: Math.min(incoming.inputs, 16) }, (_, i) => {
              const w: Target = { kind: 'weight', layer: t.col - 1, unit: t.unit, input: i };
              const v = incoming.W.data[t.unit + i * incoming.W.rows];
              return (
                <button
                  key={i}
                  class={`chip${sameTarget(teaching.hover.value, w) ? ' is-hot' : ''}`}
                  title={tr('teach.fromInput', { input: i + 1, value: exactShown(v) })}
                  onMouseEnter={() => (teaching.hover.value = w)}
                  onMouseLeave={() => (teaching.hover.value = null)}
                  onClick={() => teaching.select(w)}
                  data-value={String(v)}
                >
                  {show(v)}
                </button>
              );
            })}
            {incoming.inputs > 16 && <span>{tr('teach.moreCount', { count: incoming.inputs - 16 })}</span>}
          </div>
        </div>
      )}
      {d.pending.length > 0 && <p class="inspector__pending">{tr('teach.stillToCome', { items: joinList(d.pending, 'semicolon') })}</p>}
    </div>
  );
}
