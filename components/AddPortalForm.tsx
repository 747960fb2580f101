import { useState } from 'preact/hooks';
import { toFailure } from '@/utils/pure/docspace/failure';
import type { PortalInfo } from '@/utils/pure/messages/protocol';
import { grantAndAdd } from '@/utils/pages/grant';
import { t } from '@/utils/extension/i18n';
import { MAX_NAME_LENGTH, parsePortalOrigin } from '@/utils/pure/portals/origin';

export function AddPortalForm({ onAdded, initial = '' }: { onAdded: (list: PortalInfo[], origin: string) => void; initial?: string }) {
  const [url, setUrl] = useState(initial);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const parsed = parsePortalOrigin(url);
    const tooLong = name.trim().length > MAX_NAME_LENGTH;
    setNameError(tooLong ? t('robustNameTooLong') : null);
    if (!parsed.ok) {
      setError(parsed.reason === 'insecure' ? t('errInsecureUrl') : t('errInvalidUrl'));
      return;
    }
    setError(null);
    if (tooLong) return;
    setBusy(true);
    setError(null);
    try {
      const result = await grantAndAdd(parsed.origin, name.trim());
      if (result === 'denied') {
        setError(t('errPermissionDenied'));
        return;
      }
      setUrl('');
      setName('');
      onAdded(result, parsed.origin);
    } catch (err) {
      const failure = toFailure(err);
      setError('message' in failure && failure.message ? failure.message : failure.kind);
    } finally {
      setBusy(false);
    }
  };

  return (
    // noValidate, type="text": the browser's own "Please enter a URL." would refuse
    // "example.onlyoffice.com", which parsePortalOrigin reads as https://.
    <form class="add-portal" onSubmit={submit} aria-label={t('addPortal')} noValidate>
      <div class={`field${error ? ' has-error' : ''}`}>
        <label for="portal-url">{t('portalUrl')}</label>
        <input
          id="portal-url"
          type="text"
          inputMode="url"
          autocomplete="url"
          spellcheck={false}
          placeholder={t('portalUrlPlaceholder')}
          value={url}
          aria-required="true"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'portal-url-error' : 'portal-url-hint'}
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
        <p class="hint" id="portal-url-hint">
          {t('portalUrlHint')}
        </p>
        {error && (
          <p class="field-error" id="portal-url-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div class={`field${nameError ? ' has-error' : ''}`}>
        <label for="portal-name">{t('portalNameOptional')}</label>
        <input
          id="portal-name"
          type="text"
          value={name}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? 'portal-name-error' : undefined}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        {nameError && (
          <p class="field-error" id="portal-name-error" role="alert">
            {nameError}
          </p>
        )}
      </div>
      <button type="submit" class="button primary" disabled={busy}>
        {t('addPortal')}
      </button>
    </form>
  );
}
