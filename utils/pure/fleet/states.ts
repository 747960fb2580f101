import type { HealthState } from '../health/states';

/**
 * Every health state, worst first, as utils/pure/health/rules.ts ranks them for the
 * badge. A copy, so that the settings page does not load rules.ts at run time
 * (the popup's lazily loaded answer chunk would split in two: first-paint.spec.ts);
 * the type below fails the build when a state is missing, and states.test.ts
 * fails when the order here and rules.ts's ranking part ways.
 */
export const STATES_WORST_FIRST = [
  'vanished',
  'failed',
  'stalled',
  'overdue',
  'no-file',
  'signed-out',
  'no-access',
  'unreachable',
  'unknown',
  'turned-off',
  'off',
  'running',
  'scheduled',
  'healthy',
] as const satisfies readonly HealthState[];

type Missing = Exclude<HealthState, (typeof STATES_WORST_FIRST)[number]>;
export const everyStateListed: [Missing] extends [never] ? true : Missing = true;
