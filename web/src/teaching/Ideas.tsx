// The article's ideas beside each step, in plain words: the biological neuron it starts from
// (dendrites, cell body, axon), the activation, the loss, backpropagation and gradient
// descent. A small drawing of a neuron lights the part the step is about.
import type { Activation } from '../engine/neurostep';
import type { TeachView } from '../worker/teach-protocol';
import { t } from '../i18n';
import { T } from '../i18n/T';

/** The idea of each phase in the article's words (teach.ideas.*: the Chinese quotes the article). */
export function Ideas({ view }: { view: TeachView }) {
  const { kind, layer } = view.phase;
  const L = view.layers.length;
  let text: preact.ComponentChildren;
  switch (kind) {
    case 'start':
      text = (
        <>
          <p><T k="teach.ideas.start.p1" /></p>
          <p><T k="teach.ideas.start.p2" /></p>
        </>
      );
      break;
    case 'forward': {
      const f: Activation = view.layers[layer!].activation;
      text = (
        <>
          <p><T k="teach.ideas.forward.p1" /></p>
          <p>{layer === L - 1 ? <T k="teach.ideas.forward.p2Output" /> : <T k="teach.ideas.forward.p2Hidden" vars={{ next: layer! + 2 }} />}</p>
          <p>{t(`teach.ideas.activation.${f}`)}</p>
        </>
      );
      break;
    }
    case 'loss':
      text = (
        <>
          <p><T k="teach.ideas.loss.p1" /></p>
          <p><T k="teach.ideas.loss.p2" /></p>
        </>
      );
      break;
    case 'backward': {
      // The article's rule is this one only where the loss hands back δ = ŷ − y (sigmoid or
      // softmax with cross-entropy); elsewhere it would be a false sentence.
      const combined = view.loss?.dzFromLogits ?? false;
      const B = view.rows.length;
      text = (
        <>
          <p><T k="teach.ideas.backward.p1" /></p>
          <p>
            {combined ? (B === 1 ? <T k="teach.ideas.backward.p2Article" /> : <T k="teach.ideas.backward.p2ArticleBatch" vars={{ B }} />) : <T k="teach.ideas.backward.p2" />}
          </p>
        </>
      );
      break;
    }
    case 'update':
      text = (
        <>
          <p><T k="teach.ideas.update.p1" /></p>
          <p>{t(`teach.ideas.optimizer.${view.spec.optimizer.name}`)}</p>
        </>
      );
      break;
  }
  return (
    <section class="ideas" aria-labelledby="ideas-title" data-testid="teach-ideas">
      <NeuronSketch kind={kind} />
      <h3 id="ideas-title">{t(`teach.ideas.${kind}.title`)}</h3>
      {text}
    </section>
  );
}

/** A biological neuron: dendrites left, the cell body, the axon right. */
function NeuronSketch({ kind }: { kind: TeachView['phase']['kind'] }) {
  const back = kind === 'backward';
  return (
    <svg class={`neuron-sketch neuron-sketch--${kind}`} viewBox="0 0 260 118" role="img" aria-label={t('teach.ideas.sketch')}>
      <defs>
        <marker id="sketch-arrow" viewBox="0 0 8 8" refX="6" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L8,4 L0,8 z" class="sketch-arrowhead" />
        </marker>
      </defs>
      <g class="sketch-dendrites">
        <path d="M14,18 C40,20 56,34 82,46" />
        <path d="M8,50 C36,50 56,50 80,52" />
        <path d="M14,86 C40,84 56,70 82,58" />
        <path d="M30,26 C34,18 40,12 48,10" />
        <path d="M30,78 C36,85 42,88 50,88" />
        <circle cx="14" cy="18" r="3" />
        <circle cx="8" cy="50" r="3" />
        <circle cx="14" cy="86" r="3" />
      </g>
      <g class="sketch-body">
        <ellipse cx="104" cy="52" rx="24" ry="21" />
        <text x="104" y="53" text-anchor="middle" dominant-baseline="central">Σ, f</text>
      </g>
      <g class="sketch-axon">
        <path d="M128,52 L206,52" />
        <path d="M206,52 C216,52 222,42 232,36 M206,52 L236,52 M206,52 C216,52 222,62 232,68" />
        <circle cx="232" cy="36" r="2.6" />
        <circle cx="236" cy="52" r="2.6" />
        <circle cx="232" cy="68" r="2.6" />
      </g>
      {kind !== 'start' && kind !== 'update' && (
        <path class="sketch-flow" d={back ? 'M210,114 L30,114' : 'M30,114 L210,114'} marker-end="url(#sketch-arrow)" />
      )}
      <text class="sketch-label" x="34" y="104" text-anchor="middle">{t('teach.ideas.dendrites')}</text>
      <text class="sketch-label" x="104" y="90" text-anchor="middle">{t('teach.ideas.cellBody')}</text>
      <text class="sketch-label" x="206" y="90" text-anchor="middle">{t('teach.ideas.axon')}</text>
    </svg>
  );
}
