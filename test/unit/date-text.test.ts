import { describe, expect, it } from 'vitest';
import { readDateText } from '../../src/core/time/date-text.ts';

describe('reading a date written in a header or a field', () => {
  it('takes a date that names its offset as written', () => {
    expect(readDateText('Mon, 23 Nov 2026 14:03:00 +0100', 'Asia/Tokyo')?.toISOString()).toBe(
      '2026-11-23T13:03:00.000Z',
    );
    expect(readDateText('2026-11-23T14:00:00Z', 'America/New_York')?.toISOString()).toBe(
      '2026-11-23T14:00:00.000Z',
    );
  });

  it('places a zone-less forward date (Gmail’s "Mon, Nov 23, 2026 at 2:03 PM") in the writer’s zone', () => {
    expect(readDateText('Mon, Nov 23, 2026 at 2:03 PM', 'America/New_York')?.toISOString()).toBe(
      '2026-11-23T19:03:00.000Z',
    );
    expect(readDateText('Mon, Nov 23, 2026 at 2:03 PM', 'Europe/Berlin')?.toISOString()).toBe(
      '2026-11-23T13:03:00.000Z',
    );
  });

  it('follows the writer’s DST: a summer wall-clock time in Berlin is UTC+2', () => {
    expect(readDateText('Tue, Jul 14, 2026 at 9:30 AM', 'Europe/Berlin')?.toISOString()).toBe(
      '2026-07-14T07:30:00.000Z',
    );
  });

  it('reads nothing from text that is no date', () => {
    expect(readDateText('last week sometime', 'Europe/Berlin')).toBeNull();
    expect(readDateText(null, 'Europe/Berlin')).toBeNull();
  });
});
