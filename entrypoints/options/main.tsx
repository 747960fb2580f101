import { render } from 'preact';
import { OptionsApp } from '@/components/OptionsApp';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import '@/components/styles.css';
import { applyDocumentLanguage } from '@/utils/pages/document-language';

applyDocumentLanguage();
render(
  <ErrorBoundary page="options">
    <OptionsApp />
  </ErrorBoundary>,
  document.getElementById('app')!,
);
