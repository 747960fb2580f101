import { useState } from 'preact/hooks';

/**
 * A ref callback that focuses its element once, when it is drawn: for the
 * safe choice of a confirmation that replaces the button the user pressed
 * (the pressed button is gone, and with it the focus). A stable function, so
 * Preact does not call it again on every render.
 */
export const focusOnMount = (el: HTMLElement | null): void => el?.focus();

/**
 * A confirmation asked for by a button (`which` tells several apart). Its Cancel
 * button takes `focusOnMount`; `cancel` closes it and hands the keyboard focus
 * back to the button that asked, whose ref is `returnFocus(which)`, instead of
 * leaving it at the top of the page.
 */
export function useConfirmation<K>() {
  const [asking, setAsking] = useState<K | null>(null);
  const [back, setBack] = useState<K | null>(null);
  return {
    asking,
    ask(which: K) {
      setBack(null);
      setAsking(which);
    },
    cancel() {
      setBack(asking);
      setAsking(null);
    },
    /** Closes it without moving the focus: the confirmed action takes over. */
    close: () => setAsking(null),
    returnFocus: (which: K) => (back === which ? focusOnMount : undefined),
  };
}
