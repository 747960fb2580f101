import { render } from 'preact';
import { OptionsApp } from '@/components/OptionsApp';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import '@/components/styles.css';
import { applyDocumentLanguage } from '@/utils/pages/document-language';
import { leaveChecksToBackground } from '@/utils/extension/storage-item';

// The background checks every stored value (storage-guard.ts): this page loads no zod to read.
leaveChecksToBackground();
applyDocumentLanguage();
render(
  <ErrorBoundary page="options">
    <OptionsApp />
  </ErrorBoundary>,
  document.getElementById('app')!,
);
