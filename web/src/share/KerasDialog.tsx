// Export to Keras or to PyTorch: the script in a code view with Copy, its download, and the CSV it
// reads when the data are too many to write into it. Epochs, batch size and whether to start from
// the trained weights can be changed; the engine writes the script again for each change.
import { useEffect, useId, useState } from 'preact/hooks';
import { useApp } from '../components/fields';
import { catalogue } from '../lib/catalogue';
import { parseSetting, SETTINGS, type NumberSetting } from '../settings';
import { messageOf } from '../state/app';
import { CSV_FILE, SCRIPT_FILE } from '../shared/constants';
import type { KerasExport, KerasExportRequest } from '../worker/protocol';
import { Dialog } from './Dialog';
import { ShareIcon } from './icons';
import { PythonCode } from './PythonCode';
import { copyText, download, useShare } from './share';
import { formatCount, msg, say, t, type Message } from '../i18n';
import { T } from '../i18n/T';

export function KerasDialog({ onClose, framework = 'keras' }: { onClose: () => void; framework?: 'keras' | 'pytorch' }) {
  const share = useShare();
  const keras = framework === 'keras';
  const tid = keras ? 'keras' : 'pytorch';
  const app = useApp();
  const ids = { epochs: useId(), batch: useId(), weights: useId() };
  const [epochs, setEpochs] = useState('');
  const [batchSize, setBatchSize] = useState(String(app.settings.peek().batchSize));
  const [withWeights, setWithWeights] = useState(false);
  const [result, setResult] = useState<KerasExport | null>(null);
  const [error, setError] = useState<Message | null>(null);
  const [copied, setCopied] = useState(false);

  const write = async (request: KerasExportRequest) => {
    try {
      const r = await (keras ? share.exportKeras(request) : share.exportPyTorch(request));
      setResult(r);
      setEpochs(String(r.epochs));
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    }
  };
  // The first script: the epochs trained so far (or 1000), the page's batch size.
  useEffect(() => void write({ epochs: null, batchSize: Number(batchSize), includeWeights: false }), []);

  const rewrite = (changes: { epochs?: string; batchSize?: string; includeWeights?: boolean }) => {
    const e = checked(EPOCHS, changes.epochs ?? epochs, msg('keras.epochs'));
    const b = checked(SETTINGS.batchSize, changes.batchSize ?? batchSize, 'batchSize');
    if (typeof e !== 'number' || typeof b !== 'number') return setError(typeof e !== 'number' ? e : (b as Message));
    void write({ epochs: e, batchSize: b, includeWeights: changes.includeWeights ?? withWeights });
  };
  const onEnter = (e: KeyboardEvent) => {
    if (e.key === 'Enter') (e.currentTarget as HTMLInputElement).blur();
  };

  const copy = async () => {
    if (!result) return;
    setCopied(await copyText(result.script));
    setTimeout(() => setCopied(false), 2000);
  };

  const footer = (
    <>
      {result && !result.inline && (
        <button class="btn" onClick={() => download(CSV_FILE, result.csv, 'text/csv')} data-testid={`${tid}-download-csv`}>
          <ShareIcon name="download" /> {CSV_FILE}
        </button>
      )}
      <button class="btn btn--primary" disabled={!result} onClick={() => result && download(SCRIPT_FILE, result.script, 'text/x-python')} data-testid={`${tid}-download`}>
        <ShareIcon name="download" /> {t('keras.download', { file: SCRIPT_FILE })}
      </button>
    </>
  );

  return (
    <Dialog title={t(keras ? 'keras.title' : 'pytorch.title')} onClose={onClose} testid={`${tid}-dialog`} wide footer={footer}>
      <p class="share-dialog__lead">
        {t(keras ? 'keras.lead' : 'pytorch.lead')}
      </p>
      <div class="keras-options">
        <div class="field">
          <label for={ids.epochs}>{t('keras.epochs')}</label>
          <input id={ids.epochs} type="text" inputMode="numeric" value={epochs} onInput={(e) => setEpochs((e.currentTarget as HTMLInputElement).value)} onChange={(e) => rewrite({ epochs: (e.currentTarget as HTMLInputElement).value })} onKeyDown={onEnter} data-testid={`${tid}-epochs`} />
        </div>
        <div class="field">
          <label for={ids.batch}>{t('keras.batchSize')}</label>
          <input id={ids.batch} type="text" inputMode="numeric" value={batchSize} onInput={(e) => setBatchSize((e.currentTarget as HTMLInputElement).value)} onChange={(e) => rewrite({ batchSize: (e.currentTarget as HTMLInputElement).value })} onKeyDown={onEnter} data-testid={`${tid}-batch`} />
        </div>
        <div class="field field--check keras-options__weights">
          <input
            id={ids.weights}
            type="checkbox"
            checked={withWeights}
            onChange={(e) => {
              const on = (e.currentTarget as HTMLInputElement).checked;
              setWithWeights(on);
              rewrite({ includeWeights: on });
            }}
            data-testid={`${tid}-weights`}
          />
          <label for={ids.weights}>{t(keras ? 'keras.withWeights' : 'pytorch.withWeights')}</label>
        </div>
      </div>
      {error && (
        <p class="alert alert--error" role="alert" data-testid={`${tid}-error`}>
          {say(error)}
        </p>
      )}
      {result && (
        <>
          <div class="keras-code">
            <PythonCode code={result.script} label={t(keras ? 'keras.codeLabel' : 'pytorch.codeLabel', { file: SCRIPT_FILE })} />
            <button class={`btn keras-code__copy${copied ? ' is-done' : ''}`} onClick={copy} data-testid={`${tid}-copy`} aria-live="polite">
              <ShareIcon name={copied ? 'check' : 'copy'} size={16} /> {copied ? t('keras.copied') : t('keras.copy')}
            </button>
          </div>
          <ul class="keras-notes" data-testid={`${tid}-notes`}>
            {!result.inline && (
              <li>
                <T k="keras.notesCsv" vars={{ rows: formatCount(result.rows), csv: CSV_FILE, script: SCRIPT_FILE }} />
              </li>
            )}
            {result.testRows > 0 && (
              <li>
                <T k="keras.notesTest" vars={{ count: result.testRows }} />
              </li>
            )}
            <li>
              <T k={keras ? 'keras.notesRun' : 'pytorch.notesRun'} vars={{ script: SCRIPT_FILE }} />
            </li>
          </ul>
        </>
      )}
    </Dialog>
  );
}

/** fit()'s epochs as typed here, checked against the range the engine writes a script for (not a page setting: no default, no address). */
const EPOCHS: NumberSetting = {
  type: 'number', label: 'Epochs', help: 'Passes over the data in the script’s fit().', url: '', apply: 'view',
  default: 1, min: 1, max: catalogue().limits.maxEpochsPerCall, step: 1, integer: true,
};

/** The value, or what is wrong with it (the settings' own check, the engine's range). */
function checked(def: NumberSetting, text: string, label: string | Message): number | Message {
  const r = parseSetting(def, text, label);
  return r.ok ? (r.value as number) : r.error;
}
