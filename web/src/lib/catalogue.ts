// The engine's catalogue on the page (ns.catalogue(), cpp/core/catalogue.hpp): the one place the
// page reads which names, fields and defaults the engine has. The worker sends it with its answer
// to `init`; before that nothing that needs it runs (every model is built after init).
import { fail } from '../i18n/engine';
import type { Catalogue, OptimizerField } from '../engine/neurostep';

let current: Catalogue | null = null;

export function setCatalogue(c: Catalogue): void {
  current = c;
}

export function catalogue(): Catalogue {
  if (!current) fail('worker.loading');
  return current;
}

/** An optimizer's hyperparameters in Keras's order, with their defaults and ranges. */
export function optimizerFields(name: string): readonly OptimizerField[] {
  const o = catalogue().optimizers.find((x) => x.name === name);
  if (!o) throw new Error(`unknown optimizer '${name}'`);
  return o.fields;
}

/** Every optimizer's fields, `first`'s last so that its defaults win where the names are shared. */
export function allOptimizerFields(last: string): readonly OptimizerField[] {
  const others = catalogue().optimizers.filter((o) => o.name !== last).flatMap((o) => o.fields);
  return [...others, ...optimizerFields(last)];
}

/** A loss's own name for one of its aliases (mse -> mean_squared_error). */
export function canonicalLoss(name: string): string {
  return catalogue().losses.find((l) => l.name === name || l.aliases.includes(name as never))?.name ?? name;
}
