// Reset, Step, Epoch, Play/Pause with its speed, and the counters.
import { useApp } from '../components/fields';
import { fmtInt } from '../lib/data-view';
import { SETTINGS, stepsPerSecond } from '../settings';
import { Icon } from '../components/Icon';

function speedLabel(speed: number): string {
  const rate = stepsPerSecond(speed);
  if (!Number.isFinite(rate)) return 'max';
  return rate >= 1000 ? `${Math.round(rate / 1000)}k/s` : `${rate >= 10 ? Math.round(rate) : rate.toFixed(1)}/s`;
}

export function TrainingBar() {
  const app = useApp();
  const snap = app.readout.value;
  const ready = app.status.value.kind === 'ready';
  const playing = app.playing.value;
  const diverged = snap?.diverged === 'nan';
  const speed = app.settings.value.speed;
  const def = SETTINGS.speed;
  return (
    <div class="training-bar" role="toolbar" aria-label="Training">
      <button class="btn btn--icon" onClick={() => app.reset()} disabled={!ready} title="Reset: new starting weights from the seed" aria-label="Reset weights" data-testid="reset">
        <Icon name="reset" />
      </button>
      <button
        class={`btn btn--play${playing ? ' is-playing' : ''}`}
        onClick={() => app.togglePlay()}
        disabled={!ready || (diverged && !playing)}
        aria-pressed={playing}
        aria-label={playing ? 'Pause (space)' : 'Play (space)'}
        title={playing ? 'Pause (space)' : 'Play: train continuously (space)'}
        data-testid="play"
      >
        <Icon name={playing ? 'pause' : 'play'} />
      </button>
      <button class="btn" onClick={() => app.step('batch')} disabled={!ready || diverged} title="One step: one batch forward, backward and update (→)" data-testid="step">
        Step
      </button>
      <button class="btn" onClick={() => app.step('epoch')} disabled={!ready || diverged} title="One epoch: every batch of the training data once" data-testid="epoch">
        Epoch
      </button>
      <label class="speed" title={def.help} hidden={app.hiddenControls.value.has('speed')}>
        <span>Speed</span>
        <input
          type="range"
          min={def.min}
          max={def.max}
          step={def.step}
          value={speed}
          aria-valuetext={speedLabel(speed)}
          data-testid="speed"
          onInput={(e) => app.setSetting('speed', Number((e.currentTarget as HTMLInputElement).value))}
        />
        <output>{speedLabel(speed)}</output>
      </label>
      <dl class="counters" aria-live="off">
        <div>
          <dt>Epoch</dt>
          <dd data-testid="epoch-counter">{fmtInt(snap?.epoch ?? 0)}</dd>
        </div>
        <div>
          <dt>Step</dt>
          <dd data-testid="step-counter">{fmtInt(snap?.iterations ?? 0)}</dd>
        </div>
        <div class="counters__rate">
          <dt>Samples/s</dt>
          <dd data-testid="samples-per-second">{playing && snap ? fmtInt(snap.samplesPerSecond) : '–'}</dd>
        </div>
      </dl>
    </div>
  );
}
