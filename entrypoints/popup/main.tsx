import { render } from 'preact';
import { PopupApp } from '@/components/PopupApp';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import '@/components/styles.css';
import { toFailure } from '@/utils/pure/docspace/failure';
import { applyDocumentLanguage } from '@/utils/pages/document-language';
import { leaveChecksToBackground } from '@/utils/extension/storage-item';
import { openPopupStart } from '@/utils/pages/popup-start';

// The background checks every stored value (storage-guard.ts): this page loads no zod to read.
leaveChecksToBackground();
// Storage is read before the first render, so the popup opens with the schedule
// already drawn instead of a loading line.
const start = openPopupStart(location.hash).catch(toFailure);
applyDocumentLanguage();
void start.then((first) => render(
    <ErrorBoundary page="popup">
      <PopupApp start={first} />
    </ErrorBoundary>,
    document.getElementById('app')!,
  ));
