import { render } from 'preact';
import { PopupApp } from '@/components/PopupApp';
import '@/components/styles.css';
import { applyDocumentLanguage } from '@/utils/i18n';

applyDocumentLanguage();
render(<PopupApp />, document.getElementById('app')!);
