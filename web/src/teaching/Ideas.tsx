// The article's ideas beside each step, in plain words: the biological neuron it starts from
// (dendrites, cell body, axon), the activation, the loss, backpropagation and gradient
// descent. A small drawing of a neuron lights the part the step is about.
import type { Activation } from '../engine/neurostep';
import type { TeachView } from '../worker/teach-protocol';

const ACTIVATION_WORDS: Record<Activation, string> = {
  relu: 'ReLU passes a positive sum on unchanged and silences a negative one: the neuron either fires or stays quiet.',
  leaky_relu: 'Leaky ReLU passes a positive sum on and lets a fifth of a negative one through, so a quiet neuron can still learn.',
  elu: 'ELU passes a positive sum on and bends a negative one smoothly toward −1.',
  sigmoid: 'The sigmoid squashes any sum into a number between 0 and 1: for the output, the probability that the label is 1.',
  tanh: 'tanh squashes any sum into a number between −1 and 1.',
  linear: 'No activation: the sum itself goes out, so the neuron can say any number.',
  softplus: 'Softplus is a smooth ReLU: close to 0 for negative sums, close to the sum for positive ones.',
  softmax: 'Softmax turns the sums of all output neurons into probabilities that add up to 1: one per class.',
};

const OPTIMIZER_WORDS: Record<string, string> = {
  sgd: 'Plain gradient descent uses the same learning rate α for every weight.',
  adam: 'Adam, the optimizer in the article’s code, also remembers recent gradients: weights whose gradient keeps pointing the same way take confident steps, noisy ones take small steps.',
  rmsprop: 'RMSprop divides each step by the typical size of that weight’s recent gradients.',
  adagrad: 'Adagrad slows down each weight by all the gradient it has seen so far.',
};

export function Ideas({ view }: { view: TeachView }) {
  const { kind, layer } = view.phase;
  const L = view.layers.length;
  let title: string, text: preact.ComponentChildren;
  switch (kind) {
    case 'start':
      title = 'Learning from an example';
      text = (
        <>
          <p>The article’s network learns from examples: each row of data is a question (<i>x</i>) with its answer (<i>y</i>).</p>
          <p>The row’s numbers arrive at the input layer the way signals arrive at a neuron’s <b>dendrites</b>. One training step is: guess, measure the error, trace it back, adjust.</p>
        </>
      );
      break;
    case 'forward': {
      const f = view.layers[layer!].activation;
      title = 'A neuron, like the brain’s';
      text = (
        <>
          <p>
            The article describes a neuron as <b>dendrites</b> that receive signals, a <b>cell body</b> that processes them and an <b>axon</b> that sends the result on.
          </p>
          <p>
            Here the dendrites are the weighted inputs <i>w·a</i>; the cell body adds them up with a bias, <i>z = Wa + b</i>, and the <b>activation</b> decides how strongly to fire, <i>a = f(z)</i>; the axon carries <i>a</i> to {layer === L - 1 ? 'the output: the network’s guess ŷ' : `layer ${layer! + 2}`}.
          </p>
          <p>{ACTIVATION_WORDS[f]}</p>
        </>
      );
      break;
    }
    case 'loss':
      title = 'How wrong was the guess?';
      text = (
        <>
          <p>
            The <b>loss function</b> measures the difference between the prediction and the true value, as the article puts it. Training means making this one number small on every example.
          </p>
          <p>Its slope, how the loss changes when the output changes, is the error signal that the backward pass sends into the network.</p>
        </>
      );
      break;
    case 'backward':
      title = 'Backpropagation: the error flows back';
      text = (
        <>
          <p>
            The error travels back from the output toward the input, through the same connections, in reverse. Each neuron receives its share of the blame, <i>δ = dL/dz</i>: the error reaching its axon, times how sensitive its activation is (<i>f′(z)</i>).
          </p>
          <p>
            A weight’s gradient is the blame of the neuron it feeds times the signal it carried: <i>dL/dw = δ · a</i>. The article’s <i>dL/dw = Σ (y − ŷ) x</i> is this rule for a single output neuron, written with the opposite sign: here <i>δ = ŷ − y</i>.
          </p>
        </>
      );
      break;
    case 'update':
      title = 'Gradient descent: a small step downhill';
      text = (
        <>
          <p>
            Each weight moves against its gradient: <i>w<sub>new</sub> = w<sub>old</sub> − α · dL/dw</i>, the article’s formula. The learning rate α keeps the step small, so the loss goes down a little on this example without undoing the others.
          </p>
          <p>{OPTIMIZER_WORDS[view.spec.optimizer.name]}</p>
        </>
      );
      break;
  }
  return (
    <section class="ideas" aria-labelledby="ideas-title" data-testid="teach-ideas">
      <NeuronSketch kind={kind} />
      <h3 id="ideas-title">{title}</h3>
      {text}
    </section>
  );
}

/** A biological neuron: dendrites left, the cell body, the axon right. */
function NeuronSketch({ kind }: { kind: TeachView['phase']['kind'] }) {
  const back = kind === 'backward';
  return (
    <svg class={`neuron-sketch neuron-sketch--${kind}`} viewBox="0 0 260 118" role="img" aria-label="A neuron: dendrites, cell body, axon">
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
      <text class="sketch-label" x="34" y="104" text-anchor="middle">dendrites</text>
      <text class="sketch-label" x="104" y="90" text-anchor="middle">cell body</text>
      <text class="sketch-label" x="206" y="90" text-anchor="middle">axon</text>
    </svg>
  );
}
