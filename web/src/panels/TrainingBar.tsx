// Reset, Step, Epoch, Play/Pause with its speed, and the counters.
import { useApp } from '../components/fields';
import { SETTINGS, stepsPerSecond } from '../settings';
import { Icon } from '../components/Icon';
import { formatCount, t } from '../i18n';
import { settingHelp, settingLabel } from '../i18n/settings-text';

function speedLabel(speed: number): string {
  const rate = stepsPerSecond(speed);
  if (!Number.isFinite(rate)) return t('training.speedMax');
  return rate >= 1000 ? t('training.speedThousandsPerSecond', { rate: Math.round(rate / 1000) }) : t('training.speedPerSecond', { rate: rate >= 10 ? Math.round(rate) : rate.toFixed(1) });
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
    <div class="training-bar" role="toolbar" aria-label={t('training.toolbar')}>
      <button class="btn btn--icon" onClick={() => app.reset()} disabled={!ready} title={t('training.resetTitle')} aria-label={t('training.reset')} data-testid="reset">
        <Icon name="reset" />
      </button>
      <button
        class={`btn btn--play${playing ? ' is-playing' : ''}`}
        onClick={() => app.togglePlay()}
        disabled={!ready || (diverged && !playing)}
        aria-pressed={playing}
        aria-label={playing ? t('training.pause') : t('training.play')}
        title={playing ? t('training.pauseTitle') : t('training.playTitle')}
        data-testid="play"
      >
        <Icon name={playing ? 'pause' : 'play'} />
      </button>
      <button class="btn" onClick={() => app.step('batch')} disabled={!ready || diverged} title={t('training.stepTitle')} data-testid="step">
        {t('training.step')}
      </button>
      <button class="btn" onClick={() => app.step('epoch')} disabled={!ready || diverged} title={t('training.epochTitle')} data-testid="epoch">
        {t('training.epoch')}
      </button>
      <label class="speed" title={settingHelp('speed', def)} hidden={app.hiddenControls.value.has('speed')}>
        <span>{settingLabel('speed', def)}</span>
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
          <dt>{t('training.counterEpoch')}</dt>
          <dd data-testid="epoch-counter">{formatCount(snap?.epoch ?? 0)}</dd>
        </div>
        <div>
          <dt>{t('training.counterStep')}</dt>
          <dd data-testid="step-counter">{formatCount(snap?.iterations ?? 0)}</dd>
        </div>
        <div class="counters__rate">
          <dt>{t('training.counterSamples')}</dt>
          <dd data-testid="samples-per-second">{playing && snap ? formatCount(snap.samplesPerSecond) : '–'}</dd>
        </div>
      </dl>
    </div>
  );
}
