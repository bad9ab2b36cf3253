// CSV import and export in the data panel: paste or choose a file, say how many of the last
// columns are targets, load it; or download the rows as the engine writes them.
import { useState } from 'preact/hooks';
import { useApp } from '../components/fields';
import { Icon } from '../components/Icon';
import { say, t as tr } from '../i18n';
import { TableImport } from './table-import/TableImport';

/** A chosen file longer than this is loaded without being shown in the text box (laying out a
 * text box of megabytes would hold the page up for many seconds). */
const MAX_SHOWN_CSV = 200_000;

export function CsvTools() {
  const app = useApp();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [bigFile, setBigFile] = useState<string | null>(null);
  // How many of the last columns are targets: as many as the data on screen have, so that a
  // downloaded CSV (features, then targets) loads back as the same dataset.
  const [targets, setTargets] = useState(1);
  // The last file chosen (its text), for the import panel's options; and whether that panel is open.
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [options, setOptions] = useState<{ name: string | null; text: string } | null>(null);
  const error = app.dataError.value;
  const load = async (csv: string) => {
    if (await app.importCsv(csv, targets)) {
      setOpen(false);
      setBigFile(null);
    }
  };
  const download = async () => {
    const csv = await app.exportCsv();
    if (!csv) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    a.download = `${app.settings.value.dataset}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  return (
    <div class="csv">
      <div class="csv__buttons">
        <button
          class="btn btn--quiet"
          aria-expanded={open}
          hidden={app.hiddenControls.value.has('dataset')}
          onClick={() => {
            if (!open) setTargets(app.dataset.peek()?.targets ?? 1);
            setOpen(!open);
          }}
          data-testid="csv-toggle"
        >
          <Icon name="upload" size={16} /> {tr('data.csv.import')}
        </button>
        <button class="btn btn--quiet" onClick={download} hidden={app.images.value !== null} data-testid="csv-download">
          <Icon name="download" size={16} /> {tr('data.csv.download')}
        </button>
      </div>
      {open && (
        <div class="csv__form">
          <label for="csv-text" class="csv__label">
            {tr('data.csv.paste', { count: targets })}
          </label>
          <textarea
            id="csv-text"
            rows={5}
            spellcheck={false}
            placeholder={'x1,x2,label\n0.5,1.2,1\n-0.3,0.8,0'}
            value={text}
            onInput={(e) => {
              setText((e.currentTarget as HTMLTextAreaElement).value);
              setBigFile(null);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'csv-error' : undefined}
            data-testid="csv-text"
          />
          {bigFile && (
            <p class="csv__label" data-testid="csv-big-file">
              {bigFile}
            </p>
          )}
          <label class="csv__label csv__targets">
            {tr('data.csv.targets')}
            <input
              type="number"
              min={1}
              max={32}
              step={1}
              value={targets}
              onInput={(e) => setTargets(Math.max(1, Math.round(Number((e.currentTarget as HTMLInputElement).value)) || 1))}
              data-testid="csv-targets"
            />
          </label>
          <div class="csv__buttons">
            <button class="btn btn--primary" onClick={() => load(text)} disabled={!text.trim()} data-testid="csv-load">
              {tr('data.csv.load')}
            </button>
            <button
              class="btn btn--quiet"
              onClick={() => setOptions(file && !text.trim() ? { name: file.name, text: file.text } : { name: null, text })}
              disabled={!text.trim() && !file}
              title={tr('data.csv.optionsTitle')}
              data-testid="csv-options"
            >
              {tr('data.csv.options')}
            </button>
            <label class="btn btn--quiet file">
              {tr('data.csv.chooseFile')}
              <input
                type="file"
                accept=".csv,text/csv,text/plain"
                data-testid="csv-file"
                onChange={async (e) => {
                  const input = e.currentTarget as HTMLInputElement;
                  const file = input.files?.[0];
                  if (!file) return;
                  const content = await file.text();
                  input.value = ''; // the same file again is a new choice
                  const big = content.length > MAX_SHOWN_CSV;
                  setText(big ? '' : content);
                  setFile({ name: file.name, text: content });
                  setBigFile(big ? tr('data.csv.bigFile', { name: file.name, size: (content.length / 1e6).toFixed(1) }) : null);
                  await load(content);
                }}
              />
            </label>
          </div>
          {options && (
            <TableImport
              key={options.text}
              text={options.text}
              name={options.name}
              onDone={(used) => {
                setOptions(null);
                if (used) {
                  setOpen(false);
                  setBigFile(null);
                }
              }}
            />
          )}
        </div>
      )}
      {error && !options && (
        <p class="field__error csv__error" role="alert" id="csv-error" data-testid="csv-error">
          {say(error)}
        </p>
      )}
    </div>
  );
}
