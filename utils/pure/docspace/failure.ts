import type * as z from 'zod/mini';
import type { portalFailureSchema } from '../messages/protocol';

// The failure as data. Its schema is part of the message protocol, which checks it where it crosses to a page.
export type PortalFailure = z.infer<typeof portalFailureSchema>;

export class PortalError extends Error {
  constructor(readonly failure: PortalFailure) {
    super(`${failure.kind}${'message' in failure && failure.message ? `: ${failure.message}` : ''}`);
    this.name = 'PortalError';
  }
}

export function toFailure(error: unknown): PortalFailure {
  if (error instanceof PortalError) return error.failure;
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}

// The server's cron parser throws FormatException for bad hours and days, which
// reaches us as a 500, although it is the input that was wrong.
const CRON_MESSAGE = /values must be between|^Unexpected character|was not present in the dictionary/i;

export function isInputRejection500(message: string | undefined): boolean {
  return !!message && CRON_MESSAGE.test(message);
}
