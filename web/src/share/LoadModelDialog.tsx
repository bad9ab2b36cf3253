// Load a model: a file saved here, or Keras's model.to_json() with an optional weights file. The
// engine reads it; what it cannot import is said in its own words.
import { useState } from 'preact/hooks';
import { messageOf } from '../state/app';
import { Dialog } from './Dialog';
import { ShareIcon } from './icons';
import { useShare } from './share';
import { say, t, type Message } from '../i18n';
import { T } from '../i18n/T';

type Picked = { name: string; text: string } | null;

export function LoadModelDialog({ onClose }: { onClose: () => void }) {
  const share = useShare();
  const [model, setModel] = useState<Picked>(null);
  const [weights, setWeights] = useState<Picked>(null);
  const [error, setError] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    if (!model) return;
    setBusy(true);
    setError(null);
    try {
      await share.loadModel({ model, weights });
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
      <button class="btn btn--primary" disabled={!model || busy} onClick={load} data-testid="load-model-go">
        {busy ? t('load.loading') : t('load.load')}
      </button>
    </>
  );

  return (
    <Dialog title={t('load.title')} onClose={onClose} testid="load-dialog" footer={footer}>
      <div class="load-files">
        <FilePick
          label={t('load.model')}
          picked={model}
          onPick={(p) => {
            setModel(p);
            setError(null);
          }}
          testid="load-model-file"
          help={t('load.modelHelp')}
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
