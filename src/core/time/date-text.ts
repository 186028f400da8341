import { Temporal } from 'temporal-polyfill';
import { wallClockToInstant } from './business-time.ts';
import { readWrittenDate } from './written-date.ts';

// An explicit offset or zone at the end ("+0100", "-05:00", "Z", "GMT", "UTC"): the text names its instant.
const NAMES_ITS_ZONE = /(?:[+-]\d{2}:?\d{2}|\dZ|\b(?:GMT|UTC|UT))\)?\s*$/i;

function plainDate(year: number, month: number, day: number): Temporal.PlainDate | null {
  try {
    return Temporal.PlainDate.from({ year, month, day }, { overflow: 'reject' });
  } catch {
    return null; // 30 February
  }
}

/**
 * A date as people and mail clients write it in headers and fields: "2026-11-23T14:00:00Z",
 * "Mon, 23 Nov 2026 14:03:00 +0100", Gmail's forward line "Mon, Nov 23, 2026 at 2:03 PM", and forward
 * blocks in every language with date words ("mar. 9 févr. 2027 à 09:00", see written-date.ts). A text
 * with no zone is a wall-clock time in `timeZone` (the writer's), never in the process's zone;
 * `languages` are the languages the text is written in, when known.
 */
export function readDateText(
  text: string | null,
  timeZone: string,
  languages: readonly string[] = [],
): Date | null {
  if (!text) return null;
  if (/^\s*\d{4}-\d{2}-\d{2}T/.test(text) && NAMES_ITS_ZONE.test(text.trim())) {
    const t = Date.parse(text.trim());
    if (!Number.isNaN(t)) return new Date(t);
  }
  const written = readWrittenDate(text, languages);
  if (written) {
    const { year, month, day, hour, minute, offset } = written;
    if (offset !== null) return new Date(Date.UTC(year, month - 1, day, hour, minute) - offset * 60_000);
    const date = plainDate(year, month, day);
    return date ? new Date(wallClockToInstant(date, hour * 60 + minute, timeZone)) : null;
  }
  const clean = text.replace(/\s+at\s+/i, ' ').trim();
  if (NAMES_ITS_ZONE.test(clean)) {
    const t = Date.parse(clean);
    return Number.isNaN(t) ? null : new Date(t);
  }
  // Read the wall-clock fields in a fixed frame (UTC), then place them in the writer's zone.
  const t = Date.parse(`${clean} UTC`);
  if (Number.isNaN(t)) return null;
  const wall = new Date(t);
  const date = Temporal.PlainDate.from({
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
  });
  const minutes = wall.getUTCHours() * 60 + wall.getUTCMinutes();
  return new Date(wallClockToInstant(date, minutes, timeZone) + wall.getUTCSeconds() * 1000);
}
