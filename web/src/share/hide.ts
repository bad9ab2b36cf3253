// The controls a lesson link can hide (`hide=optimizer,learning_rate,data`), derived from the
// settings table: every setting by its key in snake_case, and the groups of CONTROL_GROUP
// (settings.ts). Hiding only takes the control off the page; the setting keeps its value.
import { CONTROL_GROUP, LAYER_SETTINGS, SETTINGS, type SettingDef } from '../settings';

/** A key of SETTINGS or LAYER_SETTINGS: what the components ask about. */
export type ControlKey = string;

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const TABLE: [ControlKey, SettingDef][] = [...Object.entries(SETTINGS), ...Object.entries(LAYER_SETTINGS)];

/**
 * Each name a link may list, and the controls it hides: the groups, each setting by the short
 * name the link itself uses for it (`lr`, `opt`, `u`), and by its key in snake_case
 * (`learning_rate`, as before). A group wins where a short name is also a group's (`data`).
 */
export const HIDE_NAMES: ReadonlyMap<string, readonly ControlKey[]> = (() => {
  const names = new Map<string, ControlKey[]>();
  for (const [key, def] of TABLE) {
    const group = CONTROL_GROUP[def.apply];
    if (group) names.set(group, [...(names.get(group) ?? []), key]);
  }
  const groups = new Set(names.keys());
  for (const [key, def] of TABLE) {
    // A group and a setting must not share a snake_case name (a developer's mistake: say so loudly).
    if (groups.has(snake(key))) console.error(`share/hide.ts: "${snake(key)}" names both a group and a setting`);
    names.set(snake(key), [key]);
    if (!groups.has(def.url)) names.set(def.url, [key]);
  }
  return names;
})();

/** The short names a lesson builder offers and a notice lists: the groups, then each setting's link name. */
export function hideShortNames(): { groups: string[]; settings: { name: string; key: ControlKey; label: string }[] } {
  const groups = [...new Set(Object.values(CONTROL_GROUP).filter((g): g is string => g !== null))];
  const settings = TABLE.filter(([, def]) => !groups.includes(def.url) && def.apply !== 'mode' && !(def.url === 'step')).map(([key, def]) => ({ name: def.url, key, label: def.label }));
  // The Play | Teach switch is hideable too (a lesson that stays in Teach mode).
  settings.push({ name: 'mode', key: 'mode', label: 'Play | Teach switch' });
  return { groups, settings };
}

/** The controls the names hide, and the names that mean nothing. */
export function resolveHidden(names: readonly string[]): { keys: Set<ControlKey>; valid: string[]; unknown: string[] } {
  const keys = new Set<ControlKey>();
  const valid: string[] = [], unknown: string[] = [];
  for (const name of names) {
    const covered = HIDE_NAMES.get(name);
    if (!covered) unknown.push(name);
    else {
      valid.push(name);
      for (const k of covered) keys.add(k);
    }
  }
  return { keys, valid, unknown };
}
