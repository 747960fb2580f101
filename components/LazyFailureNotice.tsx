import { lazy } from './lazy';

// What the popup shows on opening rarely fails: its first script leaves the
// wording of every failure out, and loads it the first time one is shown.
export const LazyFailureNotice = lazy(() => import('./FailureNotice').then((m) => m.FailureNotice));
