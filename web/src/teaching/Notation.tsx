// The notation every formula of Teach mode follows, written down once (web/README.md has the
// same table). Each symbol has one meaning: η is the learning rate and α only Adam's step size,
// the index letters keep their meaning from step to step, ∂ is a partial derivative throughout.

/** [symbol, meaning]: the rows of the table, in reading order. */
export const NOTATION: readonly (readonly [string, string])[] = [
  ['x', 'The features of a sample: the input layer’s activations, a⁽⁰⁾ = x.'],
  ['y', 'The target: what the output should say for the sample.'],
  ['ŷ', 'The prediction: the output layer’s activations.'],
  ['[ℓ]', 'A superscript that names the layer: W⁽ℓ⁾, b⁽ℓ⁾, z⁽ℓ⁾ and a⁽ℓ⁾ belong to layer ℓ.'],
  ['W', 'A layer’s weights: W_{j,i} carries input i into neuron j.'],
  ['b', 'A layer’s biases, one per neuron.'],
  ['z', 'A neuron’s weighted sum, z = W a + b.'],
  ['a', 'A neuron’s activation, a = f(z).'],
  ['f', 'The activation function of the layer; f′ is its slope.'],
  ['i', 'An input of the layer: a neuron of the layer below (or a feature).'],
  ['j', 'A neuron of the layer the step is about (in the loss: an output neuron).'],
  ['j′', 'Another neuron of the same layer, in sums over that layer (softmax).'],
  ['k', 'A neuron of the layer above, in the sums of backpropagation.'],
  ['c', 'The target class of a sample, for sparse labels.'],
  ['s', 'A sample of the batch, as a superscript (s).'],
  ['B', 'The number of samples in the batch.'],
  ['K', 'The number of output neurons.'],
  ['L', 'The loss; L_batch is its mean over the batch.'],
  ['∂', 'A partial derivative: ∂L/∂w is how fast L changes when w alone changes.'],
  ['δ', 'A neuron’s error, δ = ∂L/∂z.'],
  ['η', 'The learning rate.'],
  ['α', 'Adam’s step size for this step, α = η √(1 − β₂ᵗ) / (1 − β₁ᵗ); it appears nowhere else.'],
  ['t', 'The optimizer’s step count, this step included.'],
  ['g', 'The gradient of the weight being updated, g = ∂L/∂w.'],
  ['m', 'Adam’s running mean of the gradient, or the running step of SGD and RMSprop with momentum.'],
  ['v', 'The running mean of the squared gradient (Adam, RMSprop).'],
  ['A', 'Adagrad’s sum of squared gradients.'],
  ['β₁, β₂', 'Adam’s decays of m and v; ρ is RMSprop’s decay of v.'],
  ['ε', 'A small number that keeps a division by √v finite.'],
  ['μ', 'The momentum: the share of the previous step that carries over.'],
  ['⊙', 'The product element by element.'],
];

export function NotationTable() {
  return (
    <details class="notation" data-testid="notation">
      <summary>Notation</summary>
      <table class="notation__table" data-testid="notation-table">
        <tbody>
          {NOTATION.map(([symbol, meaning]) => (
            <tr key={symbol}>
              <th scope="row">{symbol}</th>
              <td>{meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
