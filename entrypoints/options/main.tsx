import { render } from 'preact';
import { OptionsApp } from '@/components/OptionsApp';
import '@/components/styles.css';
import { applyDocumentLanguage } from '@/utils/i18n';

applyDocumentLanguage();
render(<OptionsApp />, document.getElementById('app')!);
