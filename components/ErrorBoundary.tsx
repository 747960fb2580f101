import { browser } from '#imports';
import { Component, type ComponentChildren } from 'preact';
import { t } from '@/utils/extension/i18n';
import { reloadIfMended } from '@/utils/pages/stored-data';
import { CopyableDetails } from './CopyableDetails';

interface Props {
  children: ComponentChildren;
  /** The popup offers the settings page as a way forward too. */
  page: 'popup' | 'options';
}

/**
 * Whatever a page throws while drawing, the user gets a message, details to
 * copy and a way forward instead of a blank page. Drafts live in storage, so
 * reloading loses nothing typed.
 */
export class ErrorBoundary extends Component<Props, { error: unknown; checking: boolean }> {
  state = { error: null as unknown, checking: false };

  static getDerivedStateFromError(error: unknown) {
    return { error, checking: true };
  }

  componentDidCatch(error: unknown) {
    // Kept for the console of whoever debugs it; never sent anywhere.
    console.error('DocSpace Backup: page error', error);
    // Damaged stored data is the likely cause: the background mends it and the page reads again.
    void reloadIfMended().then((reloading) => reloading || this.setState({ checking: false }), () => this.setState({ checking: false }));
  }

  render() {
    const { error, checking } = this.state;
    if (error === null) return this.props.children;
    if (checking) {
      return (
        <main class={this.props.page === 'popup' ? 'popup' : 'options'}>
          <p class="muted" role="status">
            {t('loading')}
          </p>
        </main>
      );
    }
    const details = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
    return (
      <main class={this.props.page === 'popup' ? 'popup' : 'options'}>
        <div class="notice notice-error" role="alert" data-testid="page-error">
          <p class="notice-title">{t('robustPageError')}</p>
          <p class="notice-body">{t('robustPageErrorBody')}</p>
          <CopyableDetails text={details} />
          <div class="actions">
            <button type="button" class="button primary" onClick={() => location.reload()}>
              {t('robustReload')}
            </button>
            {this.props.page === 'popup' && (
              <button type="button" class="button" onClick={() => void browser.runtime.openOptionsPage()}>
                {t('openOptions')}
              </button>
            )}
          </div>
        </div>
      </main>
    );
  }
}
