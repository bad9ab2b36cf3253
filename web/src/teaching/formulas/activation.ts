// Activations as TeX (activation.hpp): their names, definitions and derivatives. The values
// of f'(z) are the engine's (trainer.teachingStep); only the formulas are written here.
import type { Activation } from '../../engine/neurostep';
import { optionLabel } from '../../i18n/settings-text';

/** TeX names of the activations, as functions. */
export const FN: Record<Activation, string> = {
  linear: '\\operatorname{linear}',
  relu: '\\operatorname{relu}',
  leaky_relu: '\\operatorname{leaky\\_relu}',
  elu: '\\operatorname{elu}',
  sigmoid: '\\sigma',
  tanh: '\\tanh',
  softplus: '\\operatorname{softplus}',
  softmax: '\\operatorname{softmax}',
};

/** f(z) by definition (activation.hpp). */
export function activationDefinition(f: Activation): string {
  switch (f) {
    case 'linear':
      return 'f(z) = z';
    case 'relu':
      return '\\operatorname{relu}(z) = \\max(0,\\ z)';
    case 'leaky_relu':
      return '\\operatorname{leaky\\_relu}(z) = \\begin{cases} z & z > 0 \\\\ 0.2\\,z & z \\le 0 \\end{cases}';
    case 'elu':
      return '\\operatorname{elu}(z) = \\begin{cases} z & z > 0 \\\\ e^{z} - 1 & z \\le 0 \\end{cases}';
    case 'sigmoid':
      return '\\sigma(z) = \\dfrac{1}{1 + e^{-z}}';
    case 'tanh':
      return '\\tanh(z) = \\dfrac{e^{z} - e^{-z}}{e^{z} + e^{-z}}';
    case 'softplus':
      return '\\operatorname{softplus}(z) = \\ln\\left(1 + e^{z}\\right)';
    case 'softmax':
      return "\\operatorname{softmax}(z)_j = \\dfrac{e^{z_j}}{\\sum_{j'} e^{z_{j'}}}";
  }
}

/** f'(z) by definition (activation.hpp, activation_backward). */
export function derivativeDefinition(f: Activation): string {
  switch (f) {
    case 'linear':
      return "f'(z) = 1";
    case 'relu':
      return "\\operatorname{relu}'(z) = \\begin{cases} 1 & z > 0 \\\\ 0 & z \\le 0 \\end{cases}";
    case 'leaky_relu':
      return "\\operatorname{leaky\\_relu}'(z) = \\begin{cases} 1 & z > 0 \\\\ 0.2 & z \\le 0 \\end{cases}";
    case 'elu':
      return "\\operatorname{elu}'(z) = \\begin{cases} 1 & z > 0 \\\\ e^{z} = a + 1 & z \\le 0 \\end{cases}";
    case 'sigmoid':
      return "\\sigma'(z) = \\sigma(z)\\,\\bigl(1 - \\sigma(z)\\bigr) = a\\,(1 - a)";
    case 'tanh':
      return "\\tanh'(z) = 1 - \\tanh^2(z) = 1 - a^2";
    case 'softplus':
      return "\\operatorname{softplus}'(z) = \\dfrac{1}{1 + e^{-z}} = \\sigma(z)";
    case 'softmax':
      return "\\dfrac{\\partial a_{j'}}{\\partial z_j} = a_{j'}\\,\\bigl([j' = j] - a_j\\bigr)";
  }
}

/** The page's word for an activation ('relu' -> ReLU), the one the settings show, in the page's language. */
export const labelOf = (f: Activation) => optionLabel('activation', f);
