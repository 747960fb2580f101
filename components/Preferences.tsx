import { browser } from '#imports';
import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_PREFS, getPrefs, setPrefs, type Prefs } from '@/utils/prefs';
import { plural, t } from '@/utils/i18n';

const HOURS = [1, 2, 3, 6, 12, 24, 48];

export function Preferences() {
  const [prefs, setState] = useState<Prefs>(DEFAULT_PREFS);
  const [denied, setDenied] = useState(false);
  useEffect(() => void getPrefs().then(setState), []);

  const save = async (patch: Partial<Prefs>) => setState(await setPrefs(patch));

  const toggleNotify = async (on: boolean) => {
    setDenied(false);
    // Asked only when turned on, from the click itself.
    if (on && !(await browser.permissions.request({ permissions: ['notifications'] }))) {
      setDenied(true);
      return;
    }
    await save({ notify: on });
  };

  return (
    <section aria-labelledby="prefs-heading">
      <h2 id="prefs-heading">{t('prefsHeading')}</h2>
      <div class="field">
        <label for="check-hours">{t('prefsCheckHours')}</label>
        <select id="check-hours" value={String(prefs.checkHours)} onChange={(e) => void save({ checkHours: Number(e.currentTarget.value) })}>
          {HOURS.map((h) => (
            <option key={h} value={String(h)}>
              {plural('prefsHours', h)}
            </option>
          ))}
        </select>
      </div>
      <div class="field checkbox">
        <label>
          <input type="checkbox" checked={prefs.notify} onChange={(e) => void toggleNotify(e.currentTarget.checked)} />
          {t('prefsNotify')}
        </label>
        {denied && (
          <p class="field-error" role="alert">
            {t('prefsNotifyDenied')}
          </p>
        )}
      </div>
    </section>
  );
}
