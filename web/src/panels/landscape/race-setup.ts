// The optimizer race's setup as the link holds it (settings-landscape.ts: race=sgd:0.1~adam): each
// racer's key and its own learning rate (none: the page's), read and written back; and the
// optimizer each key stands for, with Keras's defaults for the rest (the engine fills them in).
import type { OptimizerSpec } from '../../engine/neurostep';
import { RACER_KEYS, type RacerKey } from '../../settings-landscape';
import { t } from '../../i18n';

export { RACER_KEYS, type RacerKey };

export interface Racer {
  key: RacerKey;
  /** Its own learning rate; null: the page's. */
  rate: number | null;
}

const OPTIMIZERS: Record<RacerKey, (lr: number) => OptimizerSpec> = {
  sgd: (lr) => ({ name: 'sgd', learning_rate: lr }),
  momentum: (lr) => ({ name: 'sgd', learning_rate: lr, momentum: 0.9 }),
  nesterov: (lr) => ({ name: 'sgd', learning_rate: lr, momentum: 0.9, nesterov: true }),
  adam: (lr) => ({ name: 'adam', learning_rate: lr }),
  rmsprop: (lr) => ({ name: 'rmsprop', learning_rate: lr }),
  adagrad: (lr) => ({ name: 'adagrad', learning_rate: lr }),
};

/** The racers a setting names (its form is checked by the settings table), each key once, in the offered order. */
export function parseRacers(text: string): Racer[] {
  const out: Racer[] = [];
  for (const part of text.split('~')) {
    const [key, rate] = part.split(':') as [RacerKey, string | undefined];
    if (RACER_KEYS.includes(key) && !out.some((r) => r.key === key)) out.push({ key, rate: rate === undefined ? null : Number(rate) });
  }
  return out.sort((a, b) => RACER_KEYS.indexOf(a.key) - RACER_KEYS.indexOf(b.key));
}

export function formatRacers(racers: readonly Racer[]): string {
  return [...racers].sort((a, b) => RACER_KEYS.indexOf(a.key) - RACER_KEYS.indexOf(b.key)).map((r) => (r.rate === null ? r.key : `${r.key}:${r.rate}`)).join('~');
}

/** What the worker's race gets: each racer's label (with its own rate when it has one) and optimizer. */
export function raceRacers(racers: readonly Racer[], pageRate: number): { label: string; optimizer: OptimizerSpec }[] {
  return racers.map((r) => ({
    label: r.rate === null ? t(`landscape.race.${r.key}`) : t('landscape.race.withRate', { name: t(`landscape.race.${r.key}`), rate: r.rate }),
    optimizer: OPTIMIZERS[r.key](r.rate ?? pageRate),
  }));
}
