/**
 * A ref callback that focuses its element once, when it is drawn: for the
 * safe choice of a confirmation that replaces the button the user pressed
 * (the pressed button is gone, and with it the focus). A stable function, so
 * Preact does not call it again on every render.
 */
export const focusOnMount = (el: HTMLElement | null): void => el?.focus();
