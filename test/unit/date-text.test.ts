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

  // Forward blocks as each language's clients print them; wall-clock times read in UTC here.
  it.each([
    ['fr', 'mar. 9 févr. 2027 à 09:00', '2027-02-09T09:00'],
    ['de', 'Am Di., 9. Feb. 2027 um 09:00 Uhr', '2027-02-09T09:00'],
    ['ru', '9 февраля 2027 г., в 9:00', '2027-02-09T09:00'],
    ['uk', '9 лютого 2027 р. о 09:00', '2027-02-09T09:00'],
    ['ja', '2027年2月9日(火) 午後2:30', '2027-02-09T14:30'],
    ['cs', 'út 9. února 2027 9:00', '2027-02-09T09:00'],
    ['cs', 'Dne út 9. 2. 2027 v 9:00', '2027-02-09T09:00'],
    ['pl', 'wtorek, 9 lutego 2027 09:00', '2027-02-09T09:00'],
    ['hu', '2027. február 9., kedd 9:00', '2027-02-09T09:00'],
    ['fi', 'tiistai 9. helmikuuta 2027 klo 9.00', '2027-02-09T09:00'],
    ['es', '9 de febrero de 2027, 2:15 p. m.', '2027-02-09T14:15'],
    ['pt', 'ter., 9 de fev. de 2027 às 09:00', '2027-02-09T09:00'],
    ['tr', 'Salı, 9 Şubat 2027 09:00', '2027-02-09T09:00'],
    ['ro', '9 februarie 2027, 09:00', '2027-02-09T09:00'],
    ['et', '9. veebruar 2027 9:00', '2027-02-09T09:00'],
    ['sv', 'den 9 feb. 2027 kl. 09:00', '2027-02-09T09:00'],
    ['de', '09.02.2027 09:00', '2027-02-09T09:00'],
    ['en', '2/9/2027 9:00 AM', '2027-02-09T09:00'],
    ['fr', '9/2/2027 09:00', '2027-02-09T09:00'],
  ])('reads a %s forward date "%s" in any language', (language, text, wall) => {
    expect(readDateText(text, 'UTC', [language])?.toISOString()).toBe(`${wall}:00.000Z`);
    // The month words alone tell the date when the language is not known.
    expect(readDateText(text, 'UTC')?.toISOString()).toBe(`${wall}:00.000Z`);
  });

  it('takes the offset or zone a forward date shows ("(GMT+01:00)", "CET", "-0500")', () => {
    expect(readDateText('Tuesday, February 9, 2027 9:00 AM (GMT+01:00)', 'Asia/Tokyo')?.toISOString()).toBe(
      '2027-02-09T08:00:00.000Z',
    );
    expect(readDateText('9 feb 2027 09:00 CET', 'Asia/Tokyo')?.toISOString()).toBe(
      '2027-02-09T08:00:00.000Z',
    );
    expect(readDateText('Tue, 9 Feb 2027 09:00:00 -0500', 'Asia/Tokyo')?.toISOString()).toBe(
      '2027-02-09T14:00:00.000Z',
    );
  });

  it('reads a month word two languages use differently in the language of its labels ("listopad")', () => {
    expect(readDateText('9. listopadu 2027 9:00', 'UTC', ['cs'])?.toISOString()).toBe(
      '2027-11-09T09:00:00.000Z',
    );
    expect(readDateText('9. listopada 2027. 9:00', 'UTC', ['hr'])?.toISOString()).toBe(
      '2027-10-09T09:00:00.000Z',
    );
  });

  it('reads no offset from what merely follows a time (asctime, a comma, a slash date)', () => {
    expect(readDateText('Tue Feb  9 09:00:00 2027', 'Europe/Berlin')?.toISOString()).toBe(
      '2027-02-09T08:00:00.000Z',
    );
    expect(readDateText('09:00, 9 Feb 2027', 'UTC')?.toISOString()).toBe('2027-02-09T09:00:00.000Z');
    expect(readDateText('9:00 2027/02/09', 'UTC')?.toISOString()).toBe('2027-02-09T09:00:00.000Z');
  });

  it('reads slash dates day first unless a 12-hour clock in a month-first language says otherwise', () => {
    // A French block's labels are also Spanish, Portuguese and English words.
    expect(readDateText('09/02/2027 09:00', 'UTC', ['fr', 'es', 'pt', 'en'])?.toISOString()).toBe(
      '2027-02-09T09:00:00.000Z',
    );
    expect(readDateText('am 09/02/2027 um 09:00', 'UTC')?.toISOString()).toBe('2027-02-09T09:00:00.000Z');
    expect(readDateText('09/02/2027 09:00', 'UTC', ['en'])?.toISOString()).toBe('2027-02-09T09:00:00.000Z');
    expect(readDateText('2/9/2027 9:00 AM', 'UTC', ['en'])?.toISOString()).toBe('2027-02-09T09:00:00.000Z');
  });

  it('reads Chinese and Korean forward dates with their 12-hour words', () => {
    expect(readDateText('2027年2月9日周二 下午2:03', 'UTC')?.toISOString()).toBe('2027-02-09T14:03:00.000Z');
    expect(readDateText('2027년 2월 9일 (화) 오후 2:03', 'UTC')?.toISOString()).toBe(
      '2027-02-09T14:03:00.000Z',
    );
  });
});
