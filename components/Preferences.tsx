import { browser } from '#imports';
import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_PREFS, getPrefs, setPrefs, type Prefs } from '@/utils/extension/prefs';
import { NO_POLICY, readPolicy, watchPolicy } from '@/utils/extension/managed-policy';
import { plural, t } from '@/utils/extension/i18n';

const HOURS = [1, 2, 3, 6, 12, 24, 48];

export function Preferences() {
  const [prefs, setState] = useState<Prefs>(DEFAULT_PREFS);
  const [denied, setDenied] = useState(false);
  const [policy, setPolicy] = useState(NO_POLICY);
  // Notifications the organisation turned on still need the user's one click for the permission.
  const [permitted, setPermitted] = useState(true);
  useEffect(() => {
    const read = () => {
      void getPrefs().then(setState);
      void readPolicy().then(setPolicy);
      void browser.permissions.contains({ permissions: ['notifications'] }).then(setPermitted, () => setPermitted(false));
    };
    read();
    return watchPolicy(read);
  }, []);
  const locked = policy.lockSettings;

  const save = async (patch: Partial<Prefs>) => setState(await setPrefs(patch));

  const toggleNotify = async (on: boolean) => {
    setDenied(false);
    // Asked only when turned on, from the click itself.
    if (on && !(await browser.permissions.request({ permissions: ['notifications'] }))) {
      setDenied(true);
      return;
    }
    await save({ notify: on });
    setPermitted(await browser.permissions.contains({ permissions: ['notifications'] }));
  };

  const allowNotifications = async () => {
    setDenied(false);
    if (await browser.permissions.request({ permissions: ['notifications'] })) setPermitted(true);
    else setDenied(true);
  };

  return (
    <section aria-labelledby="prefs-heading">
      <h2 id="prefs-heading">{t('prefsHeading')}</h2>
      {locked && (
        <p class="hint" id="prefs-locked">
          {t('fleetLocked')}
        </p>
      )}
      <div class="field">
        <label for="check-hours">{t('prefsCheckHours')}</label>
        <select
          id="check-hours"
          value={String(prefs.checkHours)}
          disabled={locked}
          aria-describedby={locked ? 'prefs-locked' : undefined}
          onChange={(e) => void save({ checkHours: Number(e.currentTarget.value) })}>
          {[...new Set([...HOURS, prefs.checkHours])].sort((a, b) => a - b).map((h) => (
            <option key={h} value={String(h)}>
              {plural('prefsHours', h)}
            </option>
          ))}
        </select>
      </div>
      <div class="field checkbox">
        <label>
          <input
            type="checkbox"
            checked={prefs.notify}
            disabled={locked}
            aria-describedby={locked ? 'prefs-locked' : undefined}
            onChange={(e) => void toggleNotify(e.currentTarget.checked)}
          />
          {t('prefsNotify')}
        </label>
        {prefs.notify && !permitted && (
          <div class="actions">
            <button type="button" class="button" onClick={() => void allowNotifications()}>
              {t('grantAccess')}
            </button>
          </div>
        )}
        {denied && (
          <p class="field-error" role="alert">
            {t('prefsNotifyDenied')}
          </p>
        )}
      </div>
    </section>
  );
}
