// The classes' names as the page shows them. The engine keeps each set's own names (Fashion-MNIST's
// are English, as Keras and PyTorch users know them, and a saved model or a confusion matrix
// written out names them so); the page says them in its language where the catalogue has the set's
// names (images.classes.<set>.<k>), and as the set gives them otherwise (the digits 0 to 9).
// t reads the language signal, so a component that shows them is drawn again when it changes.
import { has, t } from '../../i18n';

export function shownClassNames(set: { name: string; classNames: readonly string[] }): string[] {
  return set.classNames.map((own, k) => {
    const key = `images.classes.${set.name}.${k}`;
    return has(key) ? t(key) : own;
  });
}
