export type Clock = 'business' | 'calendar';
export type DurationUnit = 's' | 'm' | 'h' | 'd';

export interface Duration {
  ms: number;
  clock: Clock;
  /**
   * The unit the duration was written in, when it came from text. formatDuration echoes it ("24h" stays
   * "24 hours", "1d" stays "1 day"), and on the business clock 'd' means working days rather than
   * working time: `ms` is then the number of days × 24 h (see addDuration in business-time.ts).
   */
  unit?: DurationUnit;
}

const UNIT_MS: Record<DurationUnit, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const UNIT_NAME: Record<DurationUnit, string> = { s: 'second', m: 'minute', h: 'hour', d: 'day' };

/** Longer windows are almost certainly a typo, and would push deadlines past what a tick ever needs. */
const MAX_DURATION_MS = 366 * UNIT_MS.d;

const DURATION_PATTERN = /^(\d+(?:\.\d+)?)\s*([a-z]+)(?:\s+([a-z]+))?$/;

/** "<n><s|m|h|d>" with optional " business" or " calendar" (default calendar); "0" alone is zero. n may be an integer or decimal (e.g. "1.5h"). */
export function parseDuration(text: string): { ok: true; value: Duration } | { ok: false; message: string } {
  const normalized = text.trim().replace(/\s+/g, ' ').toLowerCase();
  if (normalized === '')
    return { ok: false, message: 'empty duration (expected e.g. "4h business" or "30m")' };

  const zero = /^0(?: (business|calendar))?$/.exec(normalized);
  if (zero) return { ok: true, value: { ms: 0, clock: (zero[1] as Clock | undefined) ?? 'calendar' } };

  if (normalized.startsWith('-')) return { ok: false, message: `duration '${text.trim()}' is negative` };

  const match = DURATION_PATTERN.exec(normalized);
  if (!match) {
    return {
      ok: false,
      message: `cannot read duration '${text.trim()}' (expected <number><s|m|h|d> with an optional "business" or "calendar", e.g. "4h business")`,
    };
  }
  const [, amountText, unitText, clockText] = match as unknown as [
    string,
    string,
    string,
    string | undefined,
  ];
  if (!(unitText in UNIT_MS)) {
    return { ok: false, message: `unknown unit '${unitText}' in '${text.trim()}' (use s, m, h or d)` };
  }
  const unit = unitText as DurationUnit;
  if (clockText !== undefined && clockText !== 'business' && clockText !== 'calendar') {
    return {
      ok: false,
      message: `unknown clock '${clockText}' in '${text.trim()}' (use business or calendar)`,
    };
  }
  const clock: Clock = clockText ?? 'calendar';
  const amount = Number(amountText);
  const exact = amount * UNIT_MS[unit];
  const ms = Math.round(exact);
  if (Math.abs(exact - ms) > 1e-6) {
    return { ok: false, message: `duration '${text.trim()}' is not a whole number of milliseconds` };
  }
  if (ms > MAX_DURATION_MS) {
    return { ok: false, message: `duration '${text.trim()}' is longer than the maximum of 366 days` };
  }
  if (clock === 'business' && unit === 'd' && !Number.isInteger(amount)) {
    return {
      ok: false,
      message: `business days must be a whole number in '${text.trim()}' (write working hours instead, e.g. "12h business")`,
    };
  }
  return { ok: true, value: { ms, clock, unit } };
}

/** "4 business hours", "15 seconds", "1 day", "90 minutes", "2 business days"... */
export function formatDuration(d: Duration): string {
  const unit = d.unit ?? largestWholeUnit(d);
  const amount = Math.round((d.ms / UNIT_MS[unit]) * 1e6) / 1e6;
  const noun = amount === 1 ? UNIT_NAME[unit] : `${UNIT_NAME[unit]}s`;
  return d.clock === 'business' ? `${amount} business ${noun}` : `${amount} ${noun}`;
}

function largestWholeUnit(d: Duration): DurationUnit {
  if (d.ms === 0) return 'm';
  // Working time never rolls up into days: 24 business hours span about three working days.
  const units: DurationUnit[] = d.clock === 'business' ? ['h', 'm', 's'] : ['d', 'h', 'm', 's'];
  return units.find((u) => d.ms % UNIT_MS[u] === 0) ?? 's';
}
