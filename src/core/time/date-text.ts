import { Temporal } from 'temporal-polyfill';
import { wallClockToInstant } from './business-time.ts';

// An explicit offset or zone at the end ("+0100", "-05:00", "Z", "GMT", "UTC"): the text names its instant.
const NAMES_ITS_ZONE = /(?:[+-]\d{2}:?\d{2}|\dZ|\b(?:GMT|UTC|UT))\)?\s*$/i;

/**
 * A date as people and mail clients write it in headers and fields: "2026-11-23T14:00:00Z",
 * "Mon, 23 Nov 2026 14:03:00 +0100", Gmail's forward line "Mon, Nov 23, 2026 at 2:03 PM". A text
 * with no zone is a wall-clock time in `timeZone` (the writer's), never in the process's zone.
 */
export function readDateText(text: string | null, timeZone: string): Date | null {
  if (!text) return null;
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
