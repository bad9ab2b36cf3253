// The header's language switch: the `lang` setting like any other (in the address as lang=, and
// remembered for the next visit); each language is named in itself.
import { useApp } from './fields';
import { LANGUAGES, t } from '../i18n';
import { settingHelp, settingLabel } from '../i18n/settings-text';
import '../i18n/i18n.css';

export function LanguageSwitch() {
  const app = useApp();
  if (app.hiddenControls.value.has('lang')) return null;
  return (
    <label class="language-switch" title={settingHelp('lang')}>
      <select
        value={app.settings.value.lang}
        onChange={(e) => void app.setSetting('lang', (e.currentTarget as HTMLSelectElement).value)}
        data-testid="language"
        aria-label={settingLabel('lang')}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`language.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
