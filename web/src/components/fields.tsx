// Controls drawn from the settings table: the label, range, options and validation of each
// come from SETTINGS; a component only says which setting and which kind of control.
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useId, useState } from 'preact/hooks';
import type { App } from '../state/app';
import { SETTINGS, type NumberSetting, type SettingKey } from '../settings';
import { say, type Message } from '../i18n';
import { optionLabel, settingHelp, settingLabel } from '../i18n/settings-text';

export const AppContext = createContext<App | null>(null);
export function useApp(): App {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp outside AppContext');
  return app;
}

type NumberKey = { [K in SettingKey]: (typeof SETTINGS)[K] extends NumberSetting ? K : never }[SettingKey];

export function Field(props: { label: string; help?: string; error?: Message | null; children: ComponentChildren; id: string; wide?: boolean; testid?: string }) {
  return (
    <div class={`field${props.wide ? ' field--wide' : ''}${props.error ? ' field--invalid' : ''}`} data-testid={props.testid}>
      <label for={props.id} title={props.help}>
        {props.label}
      </label>
      {props.children}
      {props.error && (
        <p class="field__error" role="alert" id={`${props.id}-error`}>
          {say(props.error)}
        </p>
      )}
    </div>
  );
}

/** A drop-down for a choice setting. */
export function ChoiceField({ k, label, wide }: { k: SettingKey; label?: string; wide?: boolean }) {
  const app = useApp();
  const def = SETTINGS[k];
  const id = useId();
  const [error, setError] = useState<Message | null>(null);
  if (def.type !== 'choice') throw new Error(`${k} is not a choice`);
  if ((def.when && !def.when(app.settings.value)) || app.hiddenControls.value.has(k)) return null;
  const value = String(app.settings.value[k]);
  return (
    <Field id={id} label={label ?? settingLabel(k, def)} help={settingHelp(k, def)} error={error} wide={wide} testid={`field-${k}`}>
      <select
        id={id}
        value={value}
        aria-description={settingHelp(k, def)}
        onChange={async (e) => {
          const select = e.currentTarget as HTMLSelectElement;
          const message = await app.setSetting(k, select.value);
          // Refused: the setting did not change, so no render puts the old choice back.
          select.value = String(app.settings.peek()[k]);
          setError(message);
        }}
      >
        {def.options.map((o) => (
          <option key={o.value} value={o.value}>
            {optionLabel(k, o.value, o.label)}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A checkbox for a boolean setting. */
export function BooleanField({ k }: { k: SettingKey }) {
  const app = useApp();
  const def = SETTINGS[k];
  const id = useId();
  const [error, setError] = useState<Message | null>(null);
  if (def.type !== 'boolean') throw new Error(`${k} is not a boolean`);
  if ((def.when && !def.when(app.settings.value)) || app.hiddenControls.value.has(k)) return null;
  return (
    <div class="field field--check" data-testid={`field-${k}`}>
      <input
        id={id}
        type="checkbox"
        checked={Boolean(app.settings.value[k])}
        onChange={async (e) => {
          const box = e.currentTarget as HTMLInputElement;
          const message = await app.setSetting(k, box.checked);
          box.checked = Boolean(app.settings.peek()[k]);
          setError(message);
        }}
      />
      <label for={id} title={settingHelp(k, def)}>
        {settingLabel(k, def)}
      </label>
      {error && (
        <p class="field__error" role="alert">
          {say(error)}
        </p>
      )}
    </div>
  );
}

/** A text box for a number setting: checked against the table on Enter or leaving the box. */
/** The attributes of a text box that takes a number: a decimal keypad, no spelling or autofill. */
export const NUMBER_INPUT = { type: 'text', inputMode: 'decimal', spellcheck: false, autocomplete: 'off' } as const;

export function NumberField({ k, label, wide }: { k: NumberKey; label?: string; wide?: boolean }) {
  const app = useApp();
  const def = SETTINGS[k] as NumberSetting;
  const id = useId();
  const value = app.settings.value[k] as number;
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<Message | null>(null);
  useEffect(() => setText(String(value)), [value]);
  if ((def.when && !def.when(app.settings.value)) || app.hiddenControls.value.has(k)) return null;
  const commit = async () => {
    if (text.trim() === String(value)) return setError(null);
    setError(await app.setSetting(k, text));
  };
  return (
    <Field id={id} label={label ?? settingLabel(k, def)} help={settingHelp(k, def)} error={error} wide={wide} testid={`field-${k}`}>
      <input
        id={id}
        {...NUMBER_INPUT}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        aria-description={settingHelp(k, def)}
        onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void commit();
          if (e.key === 'Escape') {
            setText(String(value));
            setError(null);
          }
        }}
      />
    </Field>
  );
}

/** A slider for a number setting; applied when released, its value shown beside it. */
export function SliderField({ k, format, label }: { k: NumberKey; format?: (v: number) => string; label?: string }) {
  const app = useApp();
  const def = SETTINGS[k] as NumberSetting;
  const id = useId();
  const value = app.settings.value[k] as number;
  const [live, setLive] = useState(value);
  const [error, setError] = useState<Message | null>(null);
  useEffect(() => setLive(value), [value]);
  if ((def.when && !def.when(app.settings.value)) || app.hiddenControls.value.has(k)) return null;
  const show = format ?? ((v: number) => String(v));
  return (
    <div class="slider" data-testid={`field-${k}`}>
      <label for={id} title={settingHelp(k, def)}>
        {label ?? settingLabel(k, def)}
      </label>
      <input
        id={id}
        type="range"
        min={def.min}
        max={def.max}
        step={def.step}
        value={live}
        aria-valuetext={show(live)}
        aria-description={settingHelp(k, def)}
        onInput={(e) => setLive(Number((e.currentTarget as HTMLInputElement).value))}
        onChange={async (e) => setError(await app.setSetting(k, Number((e.currentTarget as HTMLInputElement).value)))}
      />
      <output for={id}>{show(live)}</output>
      {error && (
        <p class="field__error" role="alert">
          {say(error)}
        </p>
      )}
    </div>
  );
}
