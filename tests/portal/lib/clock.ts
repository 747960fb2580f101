// The portal's own clock: real time plus an offset that test controls move.
// Everything time-related (scheduler, sessions, free-backup month) reads it.
import type { StateStore } from './state';
import { formatNaive } from './timezone';

export class PortalClock {
  constructor(private readonly store: StateStore) {}

  get offsetMs(): number {
    return this.store.state.clockOffsetMs;
  }

  now(): number {
    return Date.now() + this.offsetMs;
  }

  setOffset(ms: number): void {
    this.store.state.clockOffsetMs = ms;
    this.store.save();
  }

  /** DateTime.UtcNow as stored in the database: "yyyy-MM-ddTHH:mm:ss". */
  utcText(ms = this.now()): string {
    return formatNaive(ms);
  }
}
