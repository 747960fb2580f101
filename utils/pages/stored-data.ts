import { send } from './send';

// One automatic reload per page is enough: what the background mended reads cleanly.
const RELOADED = 'docspace-backup:mended-reload';

/**
 * A page met stored data it could not draw: the background checks everything
 * stored now (utils/background/storage-guard.ts). True when it mended something,
 * so reading again gives what it can draw.
 */
export async function storedDataMended(): Promise<boolean> {
  const answer = await send({ type: 'localData.check' }).catch(() => ({ mended: 0 }));
  return answer.mended > 0;
}

/** After a page error: reload once if the background mended what was stored; false to show the error. */
export async function reloadIfMended(): Promise<boolean> {
  // Mended either way; reloaded only once, so an error with another cause never loops.
  if (!(await storedDataMended()) || sessionStorage.getItem(RELOADED)) return false;
  sessionStorage.setItem(RELOADED, '1');
  location.reload();
  return true;
}
