// The network builder's layers between Dense layers: insert Dropout or BatchNormalization after
// a hidden layer, edit its rate or momentum, remove it. Each change rebuilds the model; the
// engine checks it, and a refusal is shown as for any other change (the previous model stays).
import { useEffect, useId, useState } from 'preact/hooks';
import { NUMBER_INPUT, useApp } from '../components/fields';
import { classNameOf, type ExtraLayer } from '../lib/layer-kinds';
import { EXTRA_SETTINGS } from '../settings';
import { editedArg, INSERTABLE, insertExtra, removeExtra, setExtra, type InsertableKind } from '../state/extra-layers';
import { bandLabel, EXTRA_TEXT } from '../lib/layer-kinds-text';
import { say, type Message } from '../i18n';
import './ExtraLayersEditor.css';

export function ExtraLayersEditor() {
  const app = useApp();
  const hidden = app.hidden.value;
  const insertId = useId();
  const [error, setShown] = useState<string | null>(null);
  // The engine's refusals are shown above the diagram as for every change; here only the page's own.
  const setError = (e: Message | string | null) => setShown(e === null || e === app.modelError.peek() ? null : say(e));
  if (app.hiddenControls.value.has('units') || hidden.length === 0) return null;
  const chips = hidden.flatMap((h, index) => (h.after ?? []).map((layer, at) => ({ index, at, layer })));
  const insert = async (value: string) => {
    if (!value) return;
    const [kind, index] = value.split('@');
    setError(await app.changeLayers(insertExtra(Number(index), kind as InsertableKind)));
  };
  return (
    <div class="extras" role="group" aria-labelledby={`${insertId}-title`} data-testid="extras">
      <span class="extras__title" id={`${insertId}-title`}>
        {EXTRA_TEXT.heading}
      </span>
      {chips.map((c) => (
        <ExtraChip key={`${c.index}-${c.at}-${classNameOf(c.layer)}`} index={c.index} at={c.at} layer={c.layer} onError={setError} />
      ))}
      <label class="sr-only" for={insertId}>
        {EXTRA_TEXT.insertLabel}
      </label>
      <select
        id={insertId}
        class="extras__insert"
        value=""
        title={EXTRA_TEXT.insertHelp}
        data-testid="extras-insert"
        onChange={(e) => {
          const el = e.currentTarget as HTMLSelectElement;
          const value = el.value;
          el.value = '';
          void insert(value);
        }}
      >
        <option value="">{EXTRA_TEXT.insertPlaceholder}</option>
        {hidden.map((_, index) =>
          INSERTABLE.map(({ kind }) => (
            <option key={`${kind}@${index}`} value={`${kind}@${index}`}>
              {EXTRA_TEXT.insertOption(kind, index + 1)}
            </option>
          )),
        )}
      </select>
      {error && (
        <p class="extras__error" role="alert" data-testid="extras-error">
          {error}
        </p>
      )}
    </div>
  );
}

function ExtraChip({ index, at, layer, onError }: { index: number; at: number; layer: ExtraLayer; onError: (e: Message | string | null) => void }) {
  const app = useApp();
  const kind = classNameOf(layer);
  const arg = editedArg(layer);
  const value = arg ? (layer as unknown as Record<string, number>)[arg] : null;
  const [text, setText] = useState(String(value));
  const id = useId();
  useEffect(() => setText(String(value)), [value]);
  const commit = async () => {
    if (text.trim() === String(value)) return onError(null);
    const error = await app.changeLayers(setExtra(index, at, text));
    onError(error);
    if (error) setText(String(value));
  };
  return (
    <span class={`extra-chip extra-chip--${kind.toLowerCase()}`} title={EXTRA_TEXT.chipTitle(kind, index + 1)} data-testid={`extra-${index}-${at}`} data-kind={kind}>
      <span class="extra-chip__name">{arg ? EXTRA_TEXT.chipName(kind) : bandLabel(layer)}</span>
      {arg && (
        <>
          <label class="sr-only" for={id}>
            {EXTRA_TEXT.argLabel(kind, index + 1)}
          </label>
          <input
            id={id}
            {...NUMBER_INPUT}
            value={text}
            aria-description={EXTRA_SETTINGS[arg].help}
            data-testid={`extra-${index}-${at}-value`}
            onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
            onBlur={commit}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void commit();
              if (e.key === 'Escape') setText(String(value));
            }}
          />
        </>
      )}
      <span class="extra-chip__where">{EXTRA_TEXT.chipWhere(index + 1)}</span>
      <button class="btn btn--icon btn--small extra-chip__remove" aria-label={EXTRA_TEXT.removeLabel(kind, index + 1)} title={EXTRA_TEXT.removeLabel(kind, index + 1)} data-testid={`extra-${index}-${at}-remove`} onClick={async () => onError(await app.changeLayers(removeExtra(index, at)))}>
        <span aria-hidden="true">×</span>
      </button>
    </span>
  );
}
