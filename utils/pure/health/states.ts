// The words of a health record: what the message protocol carries and the judging rules decide.

export const HEALTH_STATES = [
  'healthy',
  'off',
  'overdue',
  'failed',
  'vanished',
  'signed-out',
  'no-access',
  'unreachable',
  'unknown',
  // A run has started and its outcome is not in yet; stalled when that lasts too long.
  'running',
  'stalled',
  // lastBackupTime moved, but no backup file and no error came of it.
  'no-file',
  // Never run yet: the first backup is still ahead.
  'scheduled',
  // Deleted by an admin (audit 5130), as opposed to 'vanished' (removed by the portal or unexplained).
  'turned-off',
] as const;
export type HealthState = (typeof HEALTH_STATES)[number];

export const RUN_OUTCOMES = ['succeeded', 'failed', 'running', 'stalled', 'no-file', 'unknown'] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];
export const UNKNOWN_REASONS = ['progress-expired', 'progress-unreadable', 'bad-schedule'] as const;
export type UnknownReason = (typeof UNKNOWN_REASONS)[number];
