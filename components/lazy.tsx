import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/extension/i18n';
import { loadOnce } from '@/utils/pure/load-once';

/**
 * A component from a chunk loaded on first use, so a page draws what it shows
 * first without parsing panels the user may never open. The one way the pages
 * lazy-load a view (code that is not a view: `loadOnce`).
 */
export function lazy<P extends object>(load: () => Promise<ComponentType<P>>, { quiet = false }: { quiet?: boolean } = {}) {
  const get = loadOnce(load);
  return function Lazy(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | null>(null);
    useEffect(() => {
      let live = true;
      void get().then((c) => live && setComponent(() => c));
      return () => {
        live = false;
      };
    }, []);
    if (Component) return <Component {...props} />;
    // A nicety that may simply appear (the popup's fleet glance) says nothing while it loads.
    return quiet ? null : (
      <p class="muted" role="status">
        {t('loading')}
      </p>
    );
  };
}
