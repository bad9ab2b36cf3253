// The loss landscape's and the optimizer race's settings (panels/landscape/), part of the one
// settings table (settings.ts spreads them in), so that a shared link reproduces the slice and the
// race. A weight is written as the page names it in the link: w<layer>:<unit>:<input> for a
// kernel entry, b<layer>:<unit> for a bias, counted from 1 (lib/weight-names.ts reads it).
import { bool, choice, num, text } from './setting-kinds';

/** The racers the race offers, in its order (panels/landscape/race-setup.ts gives their optimizers). */
export const RACER_KEYS = ['sgd', 'momentum', 'nesterov', 'adam', 'rmsprop', 'adagrad'] as const;
export type RacerKey = (typeof RACER_KEYS)[number];

const WEIGHT = /^(w[1-9]\d{0,3}:[1-9]\d{0,4}:[1-9]\d{0,4}|b[1-9]\d{0,3}:[1-9]\d{0,4})$/;
/** A racer: its key, and its own learning rate after a colon (none: the page's). */
const RACER = `(${RACER_KEYS.join('|')})(:\\d+(\\.\\d+)?(e-?\\d+)?)?`;
const RACERS = new RegExp(`^${RACER}(~${RACER}){1,3}$`);

export const LANDSCAPE_SETTINGS = {
  // The loss landscape: open or closed, and its slice: random directions from a seed, or two weights.
  landscape: bool({ default: false, label: 'Loss landscape', help: 'Whether the loss landscape is shown below the output.', url: 'land', apply: 'view' }),
  landscapeAxes: choice(
    [
      ['random', 'Random directions'],
      ['weights', 'Two weights'],
    ],
    { default: 'random', label: 'Landscape directions', help: 'The two directions of the loss landscape\'s slice: random ones from a seed, or two weights picked in the diagram.', url: 'laxes', apply: 'view' },
  ),
  landscapeX: text({
    default: 'w1:1:1', pattern: WEIGHT, example: 'w1:2:1', label: 'Landscape x weight',
    help: 'The weight along the loss landscape\'s horizontal axis, as w1:2:1 (layer 1, neuron 2, input 1) or b2:1 (the bias of neuron 1 of layer 2).', url: 'lw1', apply: 'view',
  }),
  landscapeY: text({
    default: 'w1:2:1', pattern: WEIGHT, example: 'b2:1', label: 'Landscape y weight',
    help: 'The weight along the loss landscape\'s vertical axis, as w1:2:1 (layer 1, neuron 2, input 1) or b2:1 (the bias of neuron 1 of layer 2).', url: 'lw2', apply: 'view',
  }),
  landscapeSeed: num({
    default: 1, min: 0, max: 4294967295, step: 1, integer: true, label: 'Landscape seed',
    help: 'The seed of the loss landscape\'s two random directions.', url: 'lseed', apply: 'view',
  }),
  landscapeExtent: num({
    default: 1, min: 0.01, max: 10000, step: 0.25, label: 'Landscape extent',
    help: 'How far the loss landscape reaches along each direction from the current weights.', url: 'lext', apply: 'view',
  }),
  landscapeLog: bool({ default: false, label: 'Landscape log scale', help: 'Colour the loss landscape on a logarithmic scale.', url: 'llog', apply: 'view' }),
  // The optimizer race: who races (each with its own learning rate or the page's), for how long, to which loss.
  raceOptimizers: text({
    default: 'sgd~momentum~adam', pattern: RACERS, example: 'sgd:0.1~adam', label: 'Racers',
    help: 'Two to four optimizers joined by ~, each with its own learning rate after a colon: sgd, momentum, nesterov, adam, rmsprop, adagrad.', url: 'race', apply: 'view',
  }),
  raceEpochs: num({ default: 20, min: 1, max: 100, step: 1, integer: true, label: 'Race epochs', help: 'How many epochs each optimizer of the race trains.', url: 'repochs', apply: 'view' }),
  raceTarget: num({ default: 0.3, min: 0, max: 1e6, step: 0.05, label: 'Target loss', help: 'The loss the race\'s optimizers try to reach first.', url: 'rtarget', apply: 'view' }),
};
