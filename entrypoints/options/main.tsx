import { render } from 'preact';
import { OptionsApp } from '@/components/OptionsApp';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import '@/components/styles.css';
import { applyDocumentLanguage } from '@/utils/i18n';

applyDocumentLanguage();
render(
  <ErrorBoundary page="options">
    <OptionsApp />
  </ErrorBoundary>,
  document.getElementById('app')!,
);
