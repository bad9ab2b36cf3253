// The settings table's words in the page's language: each setting's label and help
// (settings.<key>.label / .help) and its options' labels. The table (settings.ts) keeps the
// English as its source; a key the catalogue lacks falls back to it.
import { has, t, type Message } from './index';

/** Choice settings that share one list of options (the activations, the initializers). */
const SHARED_OPTIONS: Readonly<Record<string, string>> = {
  outputActivation: 'settings.activations',
  activation: 'settings.activations',
  kernelInitializer: 'settings.initializers',
  biasInitializer: 'settings.initializers',
};

export const optionKey = (setting: string, value: string): string => `${SHARED_OPTIONS[setting] ?? `settings.${setting}.options`}.${value}`;

interface Labelled {
  label: string;
  help: string;
}

export const settingLabel = (key: string, def?: Labelled): string => (def && !has(`settings.${key}.label`, 'en') ? def.label : t(`settings.${key}.label`));
export const settingHelp = (key: string, def?: Labelled): string => (def && !has(`settings.${key}.help`, 'en') ? def.help : t(`settings.${key}.help`));

/** An option's label ('relu' -> ReLU, 'article_bits' -> Article / 文章示例); the value itself when unknown. */
export function optionLabel(setting: string, value: string, fallback?: string): string {
  const key = optionKey(setting, value);
  return has(key, 'en') ? t(key) : (fallback ?? value);
}

/** The same as a Message, for messages said later. */
export const optionMessage = (setting: string, value: string, fallback?: string): Message => ({ key: optionKey(setting, value), text: fallback ?? value });
export const labelMessage = (setting: string, fallback?: string): Message => ({ key: `settings.${setting}.label`, text: fallback ?? setting });
