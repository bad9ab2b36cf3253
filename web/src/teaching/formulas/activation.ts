// Activations as TeX (activation.hpp): their names, definitions and derivatives. The values
// of f'(z) are the engine's (trainer.teachingStep); only the formulas are written here.
import type { Activation } from '../../engine/neurostep';
import { optionLabel } from '../../i18n/settings-text';

/** TeX names of the activations whose notation is not their Keras name as an operator (texName: relu -> \operatorname{relu}). */
const NAMED: Partial<Record<Activation, string>> = {
  sigmoid: '\\sigma',
  tanh: '\\tanh',
  gelu_approximate: '\\operatorname{gelu}_{\\tanh}',
  exponential: '\\exp',
};
const texName = (f: string) => `\\operatorname{${f.replace(/_/g, '\\_')}}`;
export const FN = new Proxy(NAMED as Record<Activation, string>, { get: (t, f: string) => t[f as Activation] ?? texName(f) });

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
    case 'relu6':
      return '\\operatorname{relu6}(z) = \\min\\bigl(\\max(0,\\ z),\\ 6\\bigr)';
    case 'selu':
      return '\\operatorname{selu}(z) = \\lambda \\begin{cases} z & z > 0 \\\\ \\alpha\\,(e^{z} - 1) & z \\le 0 \\end{cases},\\quad \\alpha \\approx 1.6733,\\ \\lambda \\approx 1.0507';
    case 'celu':
      return '\\operatorname{celu}(z) = \\max(0,\\ z) + \\min\\bigl(0,\\ \\alpha\\,(e^{z/\\alpha} - 1)\\bigr),\\quad \\alpha = 1';
    case 'gelu':
      return '\\operatorname{gelu}(z) = z\\,\\Phi(z) = \\tfrac{1}{2}\\,z\\,\\bigl(1 + \\operatorname{erf}(z/\\sqrt{2})\\bigr)';
    case 'gelu_approximate':
      return '\\operatorname{gelu}_{\\tanh}(z) = \\tfrac{1}{2}\\,z\\,\\Bigl(1 + \\tanh\\bigl(\\sqrt{2/\\pi}\\,(z + 0.044715\\,z^3)\\bigr)\\Bigr)';
    case 'silu':
    case 'swish':
      return `${FN[f]}(z) = z\\,\\sigma(z)`;
    case 'hard_sigmoid':
      return '\\operatorname{hard\\_sigmoid}(z) = \\dfrac{\\operatorname{relu6}(z + 3)}{6}';
    case 'hard_silu':
    case 'hard_swish':
      return `${FN[f]}(z) = z\\,\\dfrac{\\operatorname{relu6}(z + 3)}{6}`;
    case 'mish':
      return '\\operatorname{mish}(z) = z\\,\\tanh\\bigl(\\operatorname{softplus}(z)\\bigr)';
    case 'softsign':
      return '\\operatorname{softsign}(z) = \\dfrac{z}{1 + |z|}';
    case 'exponential':
      return 'f(z) = e^{z}';
    case 'log_softmax':
      return "\\operatorname{log\\_softmax}(z)_j = z_j - \\ln \\sum_{j'} e^{z_{j'}}";
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
    case 'relu6':
      return "\\operatorname{relu6}'(z) = \\begin{cases} 1 & 0 < z < 6 \\\\ 0 & \\text{otherwise} \\end{cases}";
    case 'selu':
      return "\\operatorname{selu}'(z) = \\begin{cases} \\lambda & z > 0 \\\\ \\lambda\\alpha\\,e^{z} = a + \\lambda\\alpha & z \\le 0 \\end{cases}";
    case 'celu':
      return "\\operatorname{celu}'(z) = \\begin{cases} 1 & z > 0 \\\\ e^{z/\\alpha} & z \\le 0 \\end{cases}";
    case 'gelu':
      return "\\operatorname{gelu}'(z) = \\Phi(z) + z\\,\\varphi(z),\\quad \\varphi(z) = \\dfrac{e^{-z^2/2}}{\\sqrt{2\\pi}}";
    case 'gelu_approximate':
      return "\\operatorname{gelu}_{\\tanh}'(z) = \\tfrac{1}{2}(1 + t) + \\tfrac{1}{2}\\,z\\,(1 - t^2)\\,\\sqrt{2/\\pi}\\,(1 + 3 \\cdot 0.044715\\,z^2),\\quad t = \\tanh\\bigl(\\sqrt{2/\\pi}\\,(z + 0.044715\\,z^3)\\bigr)";
    case 'silu':
    case 'swish':
      return `${FN[f]}'(z) = \\sigma(z) + z\\,\\sigma(z)\\,\\bigl(1 - \\sigma(z)\\bigr)`;
    case 'hard_sigmoid':
      return "\\operatorname{hard\\_sigmoid}'(z) = \\begin{cases} 1/6 & -3 < z < 3 \\\\ 0 & \\text{otherwise} \\end{cases}";
    case 'hard_silu':
    case 'hard_swish':
      return `${FN[f]}'(z) = \\begin{cases} 0 & z \\le -3 \\\\ (2z + 3)/6 & -3 < z < 3 \\\\ 1 & z \\ge 3 \\end{cases}`;
    case 'mish':
      return "\\operatorname{mish}'(z) = t + z\\,(1 - t^2)\\,\\sigma(z),\\quad t = \\tanh\\bigl(\\operatorname{softplus}(z)\\bigr)";
    case 'softsign':
      return "\\operatorname{softsign}'(z) = \\dfrac{1}{(1 + |z|)^2}";
    case 'exponential':
      return "f'(z) = e^{z} = a";
    case 'log_softmax':
      return "\\dfrac{\\partial a_{j'}}{\\partial z_j} = [j' = j] - \\operatorname{softmax}(z)_j";
  }
}

/** The page's word for an activation ('relu' -> ReLU), the one the settings show, in the page's language. */
export const labelOf = (f: Activation) => optionLabel('activation', f);
