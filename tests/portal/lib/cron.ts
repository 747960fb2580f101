// The backup schedule's cron: how the server builds the string from
// cronParams (CronParams.ToString in BackupService.cs), reads it back, and a
// Quartz-style CronExpression restricted to what those strings can contain
// (plain numbers, '*', '?'), with the server's FormatException messages.
import { formatError } from './errors';

export const PERIOD = { EveryDay: 0, EveryWeek: 1, EveryMonth: 2 } as const;

export interface CronParams {
  period: number;
  hour: number;
  day: number;
}

/** CronParams.ToString(): an undefined period falls through to object.ToString() (the class name). */
export function buildCron(p: CronParams): string {
  switch (p.period) {
    case PERIOD.EveryDay:
      return `0 0 ${p.hour} ? * *`;
    case PERIOD.EveryMonth:
      return `0 0 ${p.hour} ${p.day} * ?`;
    case PERIOD.EveryWeek:
      return `0 0 ${p.hour} ? * ${p.day}`;
    default:
      return 'ASC.Data.Backup.Services.CronParams';
  }
}

/** new CronParams(cronString): the shape getbackupschedule returns. */
export function parseCronParams(cron: string): CronParams {
  const t = cron.split(' ');
  const hour = Number(t[2]);
  if (t[3] !== '?') return { period: PERIOD.EveryMonth, hour, day: Number(t[3]) };
  if (t[5] !== '*') return { period: PERIOD.EveryWeek, hour, day: Number(t[5]) };
  return { period: PERIOD.EveryDay, hour, day: 0 };
}

const SECOND = 0;
const MINUTE = 1;
const HOUR = 2;
const DAY_OF_MONTH = 3;
const MONTH = 4;
const DAY_OF_WEEK = 5;
const YEAR = 6;
const ALL = -1; // '*'
const NO_SPEC = -2; // '?'

type FieldSet = Set<number>;

/** Range check of CronExpression.AddToSet, with the same messages. */
function checkRange(val: number, type: number): void {
  if (val === ALL || val === NO_SPEC) return;
  const bad = (lo: number, hi: number) => val < lo || val > hi;
  if ((type === SECOND || type === MINUTE) && bad(0, 59)) throw formatError('Minute and Second values must be between 0 and 59');
  if (type === HOUR && bad(0, 23)) throw formatError('Hour values must be between 0 and 23');
  if (type === DAY_OF_MONTH && bad(1, 31)) throw formatError('Day of month values must be between 1 and 31');
  if (type === MONTH && bad(1, 12)) throw formatError('Month values must be between 1 and 12');
  if (type === DAY_OF_WEEK && (val === 0 || val > 7)) throw formatError('Day-of-Week values must be between 1 and 7');
}

export class CronExpression {
  private readonly fields: FieldSet[] = [];

  constructor(readonly expression: string) {
    const tokens = expression.trim().split(/[ \t\r\n]/).filter((t) => t.length > 0);
    let on = SECOND;
    for (const token of tokens) {
      if (on > YEAR) break;
      const set: FieldSet = new Set();
      for (const v of token.split(',')) this.store(v, on, set);
      this.fields[on] = set;
      on++;
    }
    if (on <= DAY_OF_WEEK) throw formatError('Unexpected end of expression.');
    if (on <= YEAR) this.fields[YEAR] = new Set([ALL]);
  }

  private store(s: string, type: number, set: FieldSet): void {
    const c = s[0] ?? '';
    if (c >= 'A' && c <= 'Z' && s !== 'L' && s !== 'LW') {
      // Month / weekday names are not produced by the backup API; anything else is illegal here.
      throw formatError(`Illegal characters for this position: '${s.substring(0, 3)}'`);
    }
    if (c === '?') {
      if (s.length > 1) throw formatError(`Illegal character after '?': ${s[1]}`);
      if (type !== DAY_OF_WEEK && type !== DAY_OF_MONTH) throw formatError("'?' can only be specified for Day-of-Month or Day-of-Week.");
      if (type === DAY_OF_WEEK && this.fields[DAY_OF_MONTH]?.has(NO_SPEC))
        throw formatError("'?' can only be specified for Day-of-Month -OR- Day-of-Week.");
      set.add(NO_SPEC);
      return;
    }
    if (c === '*' && s.length === 1) {
      set.add(ALL);
      return;
    }
    if (c >= '0' && c <= '9') {
      const m = /^\d+/.exec(s) as RegExpExecArray;
      const val = Number(m[0]);
      const rest = s.slice(m[0].length);
      if (rest.length > 0) throw formatError(`Unexpected character: ${rest[0]}`);
      checkRange(val, type);
      set.add(val);
      return;
    }
    throw formatError(`Unexpected character: ${c}`);
  }

  private matches(type: number, value: number): boolean {
    const set = this.fields[type];
    return !!set && (set.has(ALL) || set.has(value));
  }

  private dayMatches(d: Date): boolean {
    const dom = this.fields[DAY_OF_MONTH];
    const dow = this.fields[DAY_OF_WEEK];
    // Quartz weekday numbering: 1 = Sunday … 7 = Saturday.
    const domOk = !dom || dom.has(NO_SPEC) || this.matches(DAY_OF_MONTH, d.getUTCDate());
    const dowOk = !dow || dow.has(NO_SPEC) || this.matches(DAY_OF_WEEK, d.getUTCDay() + 1);
    return domOk && dowOk && this.matches(MONTH, d.getUTCMonth() + 1) && this.matches(YEAR, d.getUTCFullYear());
  }

  /**
   * First fire time strictly after `after` (naive ms; whole seconds), or null.
   * A missing day (31st, 30 February) is skipped, never clamped, as in ProcessDayOfMonth.
   */
  getTimeAfter(after: number): number | null {
    const start = Math.floor(after / 1000) * 1000 + 1000;
    const day0 = Date.UTC(new Date(start).getUTCFullYear(), new Date(start).getUTCMonth(), new Date(start).getUTCDate());
    for (let i = 0; i < 366 * 8; i++) {
      const day = day0 + i * 86400_000;
      const d = new Date(day);
      if (!this.dayMatches(d)) continue;
      for (let h = 0; h < 24; h++) {
        if (!this.matches(HOUR, h)) continue;
        for (let mi = 0; mi < 60; mi++) {
          if (!this.matches(MINUTE, mi)) continue;
          for (let s = 0; s < 60; s++) {
            if (!this.matches(SECOND, s)) continue;
            const t = day + ((h * 60 + mi) * 60 + s) * 1000;
            if (t >= start) return t;
          }
        }
      }
    }
    return null;
  }
}
