import { useEffect, useState } from 'preact/hooks';

/** What the options page shows: the overview, or one portal's detail view. */
export type Route = { view: 'overview' } | { view: 'portal'; origin: string };

const PORTAL = /^#\/portal\/([^/?#]+)$/;

/** `#/portal/<encodeURIComponent(origin)>` is a portal; anything else (`''`, `#/`) the overview. */
export function parseRoute(hash: string): Route {
  const m = PORTAL.exec(hash);
  if (!m) return { view: 'overview' };
  try {
    return { view: 'portal', origin: decodeURIComponent(m[1]!) };
  } catch {
    // A hand-typed hash that is not valid percent-encoding: not a portal we know.
    return { view: 'portal', origin: m[1]! };
  }
}

export const OVERVIEW_HREF = '#/';

/** The route in the address bar, followed on back/forward and on links. */
export function useRoute(): Route {
  const [hash, setHash] = useState(() => location.hash);
  useEffect(() => {
    const follow = () => setHash(location.hash);
    addEventListener('hashchange', follow);
    follow();
    return () => removeEventListener('hashchange', follow);
  }, []);
  return parseRoute(hash);
}

/** Opens a route as a link would: a history entry, so Back returns. */
export function go(href: string) {
  if (location.hash !== href) location.hash = href;
}
