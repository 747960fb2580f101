import { useState } from 'preact/hooks';
import { t } from '@/utils/extension/i18n';

/** Technical details to read and to copy for support. */
export function CopyableDetails({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <details class="details">
      <summary>{t('showDetails')}</summary>
      {/* Focusable: it scrolls, and keyboard users must reach all of it. */}
      <pre class="details-text" tabIndex={0}>
        {text}
      </pre>
      <button type="button" class="button" onClick={() => navigator.clipboard.writeText(text).then(() => setCopied(true), () => setCopied(false))}>
        {copied ? t('copied') : t('copyDetails')}
      </button>
    </details>
  );
}
