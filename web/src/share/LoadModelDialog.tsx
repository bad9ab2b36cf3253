// Load a model: a file saved here, Keras's model.to_json(), a Keras .keras or .h5 file, or a
// TensorFlow.js model.json with its .bin shards (picked or dropped together), with an optional
// JSON weights file for a to_json() architecture. The engine reads them by their content; what it
// cannot import is said in its own words, naming the file, the layer and the weight.
import { useState } from 'preact/hooks';
import { messageOf } from '../state/app';
import { Dialog } from './Dialog';
import { ShareIcon } from './icons';
import { useShare } from './share';
import { say, t, type Message } from '../i18n';
import { T } from '../i18n/T';

type Picked = { name: string; text: string } | null;
export type PickedFiles = { name: string; bytes: Uint8Array }[];

const MODEL_TYPES = '.json,.keras,.h5,.hdf5,.bin,application/json,application/octet-stream,application/zip,text/plain';

/** Whether a dropped file looks like a model file by its name (the engine then reads it by its content). */
export const isModelFileName = (name: string) => /\.(json|keras|h5|hdf5|bin)$/i.test(name);

export async function readFiles(list: Iterable<File> | null | undefined): Promise<PickedFiles> {
  return Promise.all([...(list ?? [])].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

/** `dropped`: files dropped on the page, which open the dialog with them picked. */
export function LoadModelDialog({ onClose, dropped = [] }: { onClose: () => void; dropped?: PickedFiles }) {
  const share = useShare();
  const [model, setModel] = useState<PickedFiles>(dropped);
  const [dragging, setDragging] = useState(false);
  const [weights, setWeights] = useState<Picked>(null);
  const [error, setError] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    if (model.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      await share.loadModelFiles(model, weights);
      onClose();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const footer = (
    <>
      <button class="btn" onClick={onClose}>
        {t('load.cancel')}
      </button>
      <button class="btn btn--primary" disabled={model.length === 0 || busy} onClick={load} data-testid="load-model-go">
        {busy ? t('load.loading') : t('load.load')}
      </button>
    </>
  );

  return (
    <Dialog title={t('load.title')} onClose={onClose} testid="load-dialog" footer={footer}>
      <div
        class={`load-files${dragging ? ' load-files--drop' : ''}`}
        data-testid="load-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={async (e) => {
          e.preventDefault();
          setDragging(false);
          const files = await readFiles(e.dataTransfer?.files);
          if (files.length > 0) {
            setModel(files);
            setError(null);
          }
        }}
      >
        <ModelPick
          picked={model}
          onPick={(files) => {
            setModel(files);
            setError(null);
          }}
        />
        <FilePick
          label={t('load.weights')}
          picked={weights}
          onPick={(p) => {
            setWeights(p);
            setError(null);
          }}
          onClear={() => setWeights(null)}
          testid="load-weights-file"
          help={<T k="load.weightsHelp" />}
        />
      </div>
      {error && (
        <div class="alert alert--error" role="alert" data-testid="load-error-message">
          <ShareIcon name="warning" size={16} />
          <p>
            <T k="load.failed" vars={{ message: say(error) }} />
          </p>
        </div>
      )}
      <p class="load-files__more">
        {t('load.more')}
      </p>
    </Dialog>
  );
}

function ModelPick(props: { picked: PickedFiles; onPick: (files: PickedFiles) => void }) {
  return (
    <div class="file-pick">
      <div class="file-pick__row">
        <span class="file-pick__label">{t('load.model')}</span>
        <label class="btn file">
          <ShareIcon name="open" size={16} /> {t('load.chooseFiles')}
          <input
            type="file"
            multiple
            accept={MODEL_TYPES}
            data-testid="load-model-file"
            onChange={async (e) => {
              const input = e.currentTarget as HTMLInputElement;
              const files = await readFiles(input.files);
              if (files.length > 0) props.onPick(files);
              input.value = ''; // the same files again are a new choice
            }}
          />
        </label>
        {props.picked.length > 0 && (
          <span class="file-pick__name" data-testid="load-model-file-name">
            {props.picked.map((f) => f.name).join(', ')}
          </span>
        )}
      </div>
      <p class="file-pick__help">
        <T k="load.modelFilesHelp" />
      </p>
    </div>
  );
}

function FilePick(props: { label: string; picked: Picked; onPick: (p: Picked) => void; onClear?: () => void; help: preact.ComponentChildren; testid: string }) {
  return (
    <div class="file-pick">
      <div class="file-pick__row">
        <span class="file-pick__label">{props.label}</span>
        <label class="btn file">
          <ShareIcon name="open" size={16} /> {t('load.chooseFile')}
          <input
            type="file"
            accept=".json,application/json,text/plain"
            data-testid={props.testid}
            onChange={async (e) => {
              const input = e.currentTarget as HTMLInputElement;
              const file = input.files?.[0];
              if (!file) return;
              props.onPick({ name: file.name, text: await file.text() });
              input.value = ''; // the same file again is a new choice
            }}
          />
        </label>
        {props.picked && (
          <span class="file-pick__name" data-testid={`${props.testid}-name`}>
            {props.picked.name}
            {props.onClear && (
              <button class="file-pick__clear" aria-label={t('load.remove', { name: props.picked.name })} onClick={props.onClear}>
                <ShareIcon name="close" size={14} />
              </button>
            )}
          </span>
        )}
      </div>
      <p class="file-pick__help">{props.help}</p>
    </div>
  );
}
