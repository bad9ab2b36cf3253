// Load a model: a file saved here, or Keras's model.to_json() with an optional weights file. The
// engine reads it; what it cannot import is said in its own words.
import { useState } from 'preact/hooks';
import { messageOf } from '../state/app';
import { Dialog } from './Dialog';
import { ShareIcon } from './icons';
import { useShare } from './share';

type Picked = { name: string; text: string } | null;

export function LoadModelDialog({ onClose }: { onClose: () => void }) {
  const share = useShare();
  const [model, setModel] = useState<Picked>(null);
  const [weights, setWeights] = useState<Picked>(null);
  const [error, setError] = useState<string | null>(null);
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
        Cancel
      </button>
      <button class="btn btn--primary" disabled={!model || busy} onClick={load} data-testid="load-model-go">
        {busy ? 'Loading…' : 'Load'}
      </button>
    </>
  );

  return (
    <Dialog title="Load a model" onClose={onClose} testid="load-dialog" footer={footer}>
      <div class="load-files">
        <FilePick
          label="Model"
          picked={model}
          onPick={(p) => {
            setModel(p);
            setError(null);
          }}
          testid="load-model-file"
          help="A model saved here with Save model, or the architecture JSON that Keras’s model.to_json() writes."
        />
        <FilePick
          label="Weights (optional)"
          picked={weights}
          onPick={(p) => {
            setWeights(p);
            setError(null);
          }}
          onClear={() => setWeights(null)}
          testid="load-weights-file"
          help={
            <>
              For a Keras architecture: a JSON list of arrays in Keras’s <code>get_weights()</code> order — for each Dense layer its kernel (inputs × units), then its bias. From
              Keras: <code>json.dump([w.tolist() for w in model.get_weights()], open('weights.json', 'w'))</code>. Without it the weights are drawn from the seed.
            </>
          }
        />
      </div>
      {error && (
        <div class="alert alert--error" role="alert" data-testid="load-error-message">
          <ShareIcon name="warning" size={16} />
          <p>
            <strong>This model cannot be loaded:</strong> {error}
          </p>
        </div>
      )}
      <p class="load-files__more">
        NeuroStep imports Sequential models of Dense layers (activations, initializers, L1/L2 regularisers) compiled with SGD, Adam, RMSprop or Adagrad. The data stay if the
        model takes them; otherwise a built-in dataset that fits is chosen.
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
          <ShareIcon name="open" size={16} /> Choose file…
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
              <button class="file-pick__clear" aria-label={`Remove ${props.picked.name}`} onClick={props.onClear}>
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
