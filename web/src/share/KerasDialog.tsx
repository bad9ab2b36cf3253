// Export to Keras: the script in a code view with Copy, its download, and the CSV it reads when
// the data are too many to write into it. Epochs, batch size and whether to start from the
// trained weights can be changed; the engine writes the script again for each change.
import { useEffect, useId, useState } from 'preact/hooks';
import { useApp } from '../components/fields';
import { messageOf } from '../state/app';
import { CSV_FILE, SCRIPT_FILE, type KerasExport, type KerasExportRequest } from '../worker/protocol';
import { Dialog } from './Dialog';
import { ShareIcon } from './icons';
import { PythonCode } from './PythonCode';
import { copyText, download, useShare } from './share';

export function KerasDialog({ onClose }: { onClose: () => void }) {
  const share = useShare();
  const app = useApp();
  const ids = { epochs: useId(), batch: useId(), weights: useId() };
  const [epochs, setEpochs] = useState('');
  const [batchSize, setBatchSize] = useState(String(app.settings.peek().batchSize));
  const [withWeights, setWithWeights] = useState(false);
  const [result, setResult] = useState<KerasExport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const write = async (request: KerasExportRequest) => {
    try {
      const r = await share.exportKeras(request);
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
    const e = wholeNumber(changes.epochs ?? epochs, 'Epochs');
    const b = wholeNumber(changes.batchSize ?? batchSize, 'Batch size');
    if (typeof e === 'string' || typeof b === 'string') return setError(typeof e === 'string' ? e : (b as string));
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
        <button class="btn" onClick={() => download(CSV_FILE, result.csv, 'text/csv')} data-testid="keras-download-csv">
          <ShareIcon name="download" /> {CSV_FILE}
        </button>
      )}
      <button class="btn btn--primary" disabled={!result} onClick={() => result && download(SCRIPT_FILE, result.script, 'text/x-python')} data-testid="keras-download">
        <ShareIcon name="download" /> Download {SCRIPT_FILE}
      </button>
    </>
  );

  return (
    <Dialog title="Export to Keras" onClose={onClose} testid="keras-dialog" wide footer={footer}>
      <p class="share-dialog__lead">
        A Python script that builds this network in Keras — the same layers, activations, initializers and regularisers — compiles it with the same loss and optimizer, and trains it
        on the same data.
      </p>
      <div class="keras-options">
        <div class="field">
          <label for={ids.epochs}>Epochs</label>
          <input id={ids.epochs} type="text" inputMode="numeric" value={epochs} onInput={(e) => setEpochs((e.currentTarget as HTMLInputElement).value)} onChange={(e) => rewrite({ epochs: (e.currentTarget as HTMLInputElement).value })} onKeyDown={onEnter} data-testid="keras-epochs" />
        </div>
        <div class="field">
          <label for={ids.batch}>Batch size</label>
          <input id={ids.batch} type="text" inputMode="numeric" value={batchSize} onInput={(e) => setBatchSize((e.currentTarget as HTMLInputElement).value)} onChange={(e) => rewrite({ batchSize: (e.currentTarget as HTMLInputElement).value })} onKeyDown={onEnter} data-testid="keras-batch" />
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
            data-testid="keras-weights"
          />
          <label for={ids.weights}>Start from the weights trained here (model.set_weights)</label>
        </div>
      </div>
      {error && (
        <p class="alert alert--error" role="alert" data-testid="keras-error">
          {error}
        </p>
      )}
      {result && (
        <>
          <div class="keras-code">
            <PythonCode code={result.script} label={`${SCRIPT_FILE}, the exported Keras script`} />
            <button class={`btn keras-code__copy${copied ? ' is-done' : ''}`} onClick={copy} data-testid="keras-copy" aria-live="polite">
              <ShareIcon name={copied ? 'check' : 'copy'} size={16} /> {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
          <ul class="keras-notes" data-testid="keras-notes">
            {!result.inline && (
              <li>
                Your {result.rows.toLocaleString('en-US')} rows are too many to write into the script: it reads <code>{CSV_FILE}</code>. Download it into the folder of {SCRIPT_FILE}.
              </li>
            )}
            {result.testRows > 0 && (
              <li>
                The last {result.testRows} rows are the playground’s test rows: <code>validation_split</code> holds them out, as the playground does.
              </li>
            )}
            <li>
              Run it with <code>pip install tensorflow</code>, then <code>python3 {SCRIPT_FILE}</code>. Keras draws its own random numbers, so its losses will be close to the playground’s, not equal.
            </li>
          </ul>
        </>
      )}
    </Dialog>
  );
}

function wholeNumber(text: string, label: string): number | string {
  const v = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(v) && v >= 1 ? v : `${label} must be a whole number of at least 1`;
}
