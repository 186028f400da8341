import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  type DueLanguage,
  detectLanguage,
  durationMinutes,
  findDueMentions,
  readDue,
} from '../../src/core/reply/due.ts';
import { readText } from '../../src/core/reply/read-reply.ts';
import type { Schedule } from '../../src/core/time/business-time.ts';
import { DEFAULT_WORKING_HOURS, parseWorkingHours } from '../../src/core/time/working-hours.ts';

function schedule(timeZone: string, hours = DEFAULT_WORKING_HOURS, holidays: string[] = []): Schedule {
  const parsed = parseWorkingHours(hours);
  if (!parsed.ok) throw new Error(parsed.message);
  return { timeZone, hours: parsed.value, holidays };
}

/** The due instant as wall time with offset in the receiver's zone, e.g. "2026-03-29T10:00:00+02:00". */
function due(text: string, sentAt: string, plan: Schedule, language?: DueLanguage): string | null {
  const found = readDue(text, new Date(sentAt), plan, language);
  if (!found) return null;
  return Temporal.Instant.fromEpochMilliseconds(found.due.getTime())
    .toZonedDateTimeISO(plan.timeZone)
    .toString({ timeZoneName: 'never' });
}

const NEW_YORK = schedule('America/New_York');
const BERLIN = schedule('Europe/Berlin');
const BERLIN_SHORT_FRIDAY = schedule('Europe/Berlin', 'Mon-Thu 08:30-17:30, Fri 08:30-13:00');
const LONDON = schedule('Europe/London');
const TOKYO = schedule('Asia/Tokyo', 'Mon-Fri 09:00-18:00');
const SAO_PAULO = schedule('America/Sao_Paulo');
const STOCKHOLM = schedule('Europe/Stockholm');

describe('clock times', () => {
  it('reads "tomorrow at 10" as 10:00 next day in the receiver\'s zone across the Berlin DST change', () => {
    expect(due('tomorrow at 10', '2026-03-28T18:00:00+01:00', BERLIN)).toBe('2026-03-29T10:00:00+02:00');
    expect(due('tomorrow at 10', '2026-10-24T18:00:00+02:00', BERLIN)).toBe('2026-10-25T10:00:00+01:00');
  });

  it('reads "Monday at 10" sent on the Friday before the New York spring-forward in EDT', () => {
    expect(due('Monday at 10', '2026-03-06T15:00:00-05:00', NEW_YORK)).toBe('2026-03-09T10:00:00-04:00');
  });

  it('reads "at 10" as the next 10:00 still ahead: today before ten, tomorrow after', () => {
    expect(due("I'll call at 10", '2026-03-10T08:30:00-04:00', NEW_YORK)).toBe('2026-03-10T10:00:00-04:00');
    expect(due("I'll call at 10", '2026-03-10T11:30:00-04:00', NEW_YORK)).toBe('2026-03-11T10:00:00-04:00');
  });

  it('reads an hour from 1 to 6 without am/pm as the afternoon', () => {
    expect(due('calling them at 3 today', '2026-03-10T10:00:00-04:00', NEW_YORK)).toBe(
      '2026-03-10T15:00:00-04:00',
    );
    expect(due('Llamo a las 4.', '2026-03-10T11:00:00+01:00', schedule('Europe/Madrid'))).toBe(
      '2026-03-10T16:00:00+01:00',
    );
    expect(due('at 3am', '2026-03-10T01:00:00-04:00', NEW_YORK)).toBe('2026-03-10T03:00:00-04:00');
  });

  it('reads "by noon" as 12:00 today while it is ahead', () => {
    expect(due('by noon', '2026-03-11T08:50:00-04:00', NEW_YORK)).toBe('2026-03-11T12:00:00-04:00');
    expect(due('tomorrow by noon', '2026-03-11T08:50:00-04:00', NEW_YORK)).toBe('2026-03-12T12:00:00-04:00');
  });

  it('moves a wall time skipped by the spring-forward gap forward by the gap', () => {
    expect(due('tomorrow at 2:30 am', '2026-03-07T12:00:00-05:00', NEW_YORK)).toBe(
      '2026-03-08T03:30:00-04:00',
    );
  });

  it('takes the first occurrence of a wall time repeated by the fall-back overlap', () => {
    expect(due('tomorrow at 1:30 am', '2026-10-31T12:00:00-04:00', NEW_YORK)).toBe(
      '2026-11-01T01:30:00-04:00',
    );
  });

  it('reads a named zone ("2pm ET") on that zone\'s clock for the date meant, not the reply\'s season', () => {
    expect(due('Thursday at 2pm ET', '2026-11-03T14:00:00+00:00', LONDON)).toBe('2026-11-05T19:00:00+00:00');
    expect(due('Thursday at 2pm ET', '2026-03-10T14:00:00+00:00', LONDON)).toBe('2026-03-12T18:00:00+00:00');
  });
});

describe('dates without an hour', () => {
  it('reads "Thursday" as the end of the receiver\'s working day that Thursday', () => {
    expect(due('Sending the proposal Thursday.', '2026-03-09T16:40:00-04:00', NEW_YORK)).toBe(
      '2026-03-12T17:00:00-04:00',
    );
  });

  it('reads a weekday with an hour still ahead that day as today, and one already past as a week later', () => {
    // Thursday 26 Nov 2026, 09:00 in New York.
    expect(due("I'll call her Thursday at 2pm", '2026-11-26T09:00:00-05:00', NEW_YORK)).toBe(
      '2026-11-26T14:00:00-05:00',
    );
    expect(due("I'll call her Thursday at 8am", '2026-11-26T09:00:00-05:00', NEW_YORK)).toBe(
      '2026-12-03T08:00:00-05:00',
    );
  });

  it('reads a weekday written on that same weekday as a week later', () => {
    expect(due("I'll send it Tuesday", '2026-03-10T10:00:00-04:00', NEW_YORK)).toBe(
      '2026-03-17T17:00:00-04:00',
    );
  });

  it('reads "EOD Friday" and "Friday EOD" as the end of Friday\'s working day, with the receiver\'s short Friday', () => {
    expect(due("I'll send pricing EOD Friday", '2026-05-12T11:00:00+02:00', BERLIN_SHORT_FRIDAY)).toBe(
      '2026-05-15T13:00:00+02:00',
    );
    expect(due('Friday EOD', '2026-05-12T11:00:00+02:00', BERLIN_SHORT_FRIDAY)).toBe(
      '2026-05-15T13:00:00+02:00',
    );
  });

  it('reads "by EOD" as the end of today\'s working day, or the end of the calendar day once that has passed', () => {
    expect(
      due(
        'Will send the revised quote by EOD.',
        '2026-11-02T11:00:00-08:00',
        schedule('America/Los_Angeles'),
      ),
    ).toBe('2026-11-02T17:00:00-08:00');
    expect(due('by end of day', '2026-03-10T19:00:00-04:00', NEW_YORK)).toBe('2026-03-10T23:59:00-04:00');
  });

  it('reads a date on a weekend or holiday as the end of that calendar day', () => {
    expect(due("I'll send it Saturday", '2026-03-10T10:00:00-04:00', NEW_YORK)).toBe(
      '2026-03-14T23:59:00-04:00',
    );
    const withHoliday = schedule('America/New_York', DEFAULT_WORKING_HOURS, ['2026-03-12']);
    expect(due('Thursday', '2026-03-10T10:00:00-04:00', withHoliday)).toBe('2026-03-12T23:59:00-04:00');
  });

  it('reads "Monday the 4th" as the next 4th that is a Monday, and "the 20th" as the next 20th', () => {
    expect(due('Monday the 4th works', '2026-04-29T15:00:00-04:00', NEW_YORK)).toBe(
      '2026-05-04T17:00:00-04:00',
    );
    expect(due("I'll call them on the 20th", '2026-03-10T10:00:00-04:00', NEW_YORK)).toBe(
      '2026-03-20T17:00:00-04:00',
    );
    expect(due('the 4th', '2026-03-10T10:00:00-04:00', NEW_YORK)).toBe('2026-04-04T23:59:00-04:00');
  });

  it('reads "next week" as the end of next week\'s last working day and "early next week" as its first', () => {
    expect(due('Reaching out to them next week', '2026-05-13T13:00:00-04:00', NEW_YORK)).toBe(
      '2026-05-22T17:00:00-04:00',
    );
    expect(due("I'll reach out early next week", '2026-03-10T10:00:00-04:00', NEW_YORK)).toBe(
      '2026-03-16T17:00:00-04:00',
    );
    expect(due('by the end of the week', '2026-03-10T10:00:00-04:00', NEW_YORK)).toBe(
      '2026-03-13T17:00:00-04:00',
    );
  });

  it('reads a weekday named with next week as that day of next week', () => {
    expect(due('来週の水曜日に電話します', '2026-03-10T10:00:00+09:00', TOKYO)).toBe(
      '2026-03-18T18:00:00+09:00',
    );
    expect(due('Mittwoch nächste Woche', '2026-03-10T10:00:00+01:00', BERLIN)).toBe(
      '2026-03-18T17:00:00+01:00',
    );
  });
});

describe('durations and parts of the day', () => {
  it('reads "in 2 hours" as two elapsed hours, even across the spring-forward night', () => {
    expect(due('in 2 hours', '2026-03-10T11:15:00-04:00', NEW_YORK)).toBe('2026-03-10T13:15:00-04:00');
    expect(due('in 2 hours', '2026-03-08T01:30:00-05:00', NEW_YORK)).toBe('2026-03-08T04:30:00-04:00');
  });

  it('reads half hours and minutes', () => {
    expect(due("I'll call in half an hour", '2026-03-10T10:00:00-04:00', NEW_YORK)).toBe(
      '2026-03-10T10:30:00-04:00',
    );
    expect(due('in 45 minutes', '2026-03-10T10:00:00-04:00', NEW_YORK)).toBe('2026-03-10T10:45:00-04:00');
    expect(durationMinutes('2時間半後')).toBe(150);
  });

  it('reads "first thing tomorrow" as the start of tomorrow\'s working day', () => {
    expect(due('First thing tomorrow I will send it', '2026-03-12T17:45:00-04:00', NEW_YORK)).toBe(
      '2026-03-13T09:00:00-04:00',
    );
    expect(due('Ich rufe ihn gleich morgen früh an.', '2026-05-13T16:00:00+02:00', BERLIN_SHORT_FRIDAY)).toBe(
      '2026-05-14T08:30:00+02:00',
    );
  });

  it('reads "this afternoon" as the end of the working day and "tomorrow morning" as its noon', () => {
    expect(due('this afternoon', '2026-04-15T10:20:00-07:00', schedule('America/Los_Angeles'))).toBe(
      '2026-04-15T17:00:00-07:00',
    );
    expect(due('tomorrow morning', '2026-03-24T16:20:00-04:00', NEW_YORK)).toBe('2026-03-25T12:00:00-04:00');
    expect(due('本日午後に', '2026-05-14T10:00:00+09:00', TOKYO)).toBe('2026-05-14T18:00:00+09:00');
  });

  it('reads "now" as the reply\'s instant', () => {
    expect(due('calling them now', '2026-03-10T15:11:00-04:00', NEW_YORK)).toBe('2026-03-10T15:11:00-04:00');
  });

  it('leaves out a time of day that is already over ("this morning" written in the afternoon)', () => {
    expect(
      readDue('Left a voicemail this morning', new Date('2026-03-10T15:00:00-04:00'), NEW_YORK),
    ).toBeNull();
  });
});

describe('languages chrono misses on its own', () => {
  it('reads Portuguese "às 9h" and "em 2 horas"', () => {
    expect(due('Ligo pra eles amanhã às 9h', '2026-03-10T11:00:00-03:00', SAO_PAULO)).toBe(
      '2026-03-11T09:00:00-03:00',
    );
    expect(due('Ligo pro cliente em 2 horas', '2026-10-23T13:00:00-03:00', SAO_PAULO)).toBe(
      '2026-10-23T15:00:00-03:00',
    );
  });

  it('reads Japanese "2時間後" and "明日10時"', () => {
    expect(due('2時間後に折り返し電話します。', '2026-10-23T13:00:00+09:00', TOKYO)).toBe(
      '2026-10-23T15:00:00+09:00',
    );
    expect(due('明日10時に先方へ電話します', '2026-03-10T14:00:00+09:00', TOKYO)).toBe(
      '2026-03-11T10:00:00+09:00',
    );
    expect(due('明後日の15時に電話します。', '2026-03-10T10:00:00+09:00', TOKYO)).toBe(
      '2026-03-12T15:00:00+09:00',
    );
  });

  it('reads Swedish "imorgon kl 10", German "morgen um 10", French "demain à 10h", Spanish "mañana a las 10"', () => {
    expect(due('Jag ringer imorgon kl 10', '2026-03-10T11:00:00+01:00', STOCKHOLM, 'sv')).toBe(
      '2026-03-11T10:00:00+01:00',
    );
    expect(due('ich rufe morgen um 10 an', '2026-03-10T11:00:00+01:00', BERLIN)).toBe(
      '2026-03-11T10:00:00+01:00',
    );
    expect(due('Je les appelle demain à 10h', '2026-03-10T11:00:00+01:00', schedule('Europe/Paris'))).toBe(
      '2026-03-11T10:00:00+01:00',
    );
    expect(due('Los llamo mañana a las 10', '2026-03-10T11:00:00+01:00', schedule('Europe/Madrid'))).toBe(
      '2026-03-11T10:00:00+01:00',
    );
  });

  it('reads a German dotted date without year ("ab dem 13.04.")', () => {
    expect(due('ab dem 13.04. wieder erreichbar', '2026-04-02T08:00:00+02:00', BERLIN)).toBe(
      '2026-04-13T17:00:00+02:00',
    );
  });

  it('detects the language of short replies', () => {
    expect(detectLanguage("J'appelle à 15h.")).toBe('fr');
    expect(detectLanguage('Envio a cotação até o meio-dia.')).toBe('pt');
    expect(detectLanguage('Ich schicke die Preisübersicht bis 14 Uhr.')).toBe('de');
    expect(detectLanguage('Los llamo en 2 horas.')).toBe('es');
    expect(detectLanguage('15時に電話します。')).toBe('ja');
    expect(detectLanguage("I'll call them tomorrow.")).toBe('en');
  });

  it('returns every mention in order with its offset', () => {
    const mentions = findDueMentions(
      "I'll call them tomorrow at 10 and send the deck by Friday.",
      new Date('2026-03-10T11:05:00-04:00'),
      NEW_YORK,
    );
    expect(mentions.map((m) => [m.index, m.text, m.rule])).toEqual([
      [15, 'tomorrow at 10', 'clock'],
      [51, 'Friday', 'date'],
    ]);
  });
});

// Tuesday 9 February 2027, 09:30, on Mon–Fri 09:00–17:00.
const TUESDAY_MORNING = '2027-02-09T09:30:00+01:00';
const ROME = schedule('Europe/Rome');
const AMSTERDAM = schedule('Europe/Amsterdam');

describe('Italian due times', () => {
  const inRome = (text: string, at = TUESDAY_MORNING) => due(text, at, ROME);

  it('detects Italian in short replies', () => {
    expect(detectLanguage('Ti richiamo tra mezz’ora.')).toBe('it');
    expect(detectLanguage('Te lo mando il 15.')).toBe('it');
    expect(detectLanguage('Ci sentiamo lunedì.')).toBe('it');
  });

  it('reads "oggi", "domani" and "dopodomani" as the end of that working day', () => {
    expect(inRome('Lo chiamo oggi.')).toBe('2027-02-09T17:00:00+01:00');
    expect(inRome('Ti mando il preventivo domani.')).toBe('2027-02-10T17:00:00+01:00');
    expect(inRome('Lo faccio dopodomani.')).toBe('2027-02-11T17:00:00+01:00');
  });

  it('reads "domattina" as tomorrow morning and "stasera" as tonight', () => {
    expect(inRome('Ci penso io domattina.')).toBe('2027-02-10T12:00:00+01:00');
    expect(inRome('Ti chiamo stasera.')).toBe('2027-02-09T21:00:00+01:00');
  });

  it('reads "oggi pomeriggio" and "in giornata" as the end of today\'s working day', () => {
    expect(inRome('Lo sento oggi pomeriggio.')).toBe('2027-02-09T17:00:00+01:00');
    expect(inRome('Ti rispondo in giornata.')).toBe('2027-02-09T17:00:00+01:00');
  });

  it('reads weekdays with or without their accent ("entro venerdì", "lunedi")', () => {
    expect(inRome('Te lo mando entro venerdì.')).toBe('2027-02-12T17:00:00+01:00');
    expect(inRome('Ci sentiamo lunedì.')).toBe('2027-02-15T17:00:00+01:00');
    expect(inRome('Ci sentiamo lunedi.')).toBe('2027-02-15T17:00:00+01:00');
  });

  it('reads "la prossima settimana" as next week\'s end and "entro fine settimana" as this week\'s', () => {
    expect(inRome('Ci penso la prossima settimana.')).toBe('2027-02-19T17:00:00+01:00');
    expect(inRome('Lo chiudo entro fine settimana.')).toBe('2027-02-12T17:00:00+01:00');
  });

  it('reads "alle 10" as the next 10:00 still ahead, and "alle 15:30"', () => {
    expect(inRome('Lo chiamo alle 10.')).toBe('2027-02-09T10:00:00+01:00');
    expect(inRome('Lo chiamo alle 10.', '2027-02-09T10:30:00+01:00')).toBe('2027-02-10T10:00:00+01:00');
    expect(inRome('Ci sentiamo alle 15:30.')).toBe('2027-02-09T15:30:00+01:00');
  });

  it('reads "alle 3 del pomeriggio" and "alle 7 di sera" after noon', () => {
    expect(inRome('Lo chiamo alle 3 del pomeriggio.')).toBe('2027-02-09T15:00:00+01:00');
    expect(inRome('Lo richiamo alle 7 di sera.')).toBe('2027-02-09T19:00:00+01:00');
  });

  it('reads "entro le 12" and "domani alle 9"', () => {
    expect(inRome('Te lo mando entro le 12.')).toBe('2027-02-09T12:00:00+01:00');
    expect(inRome('Lo chiamo domani alle 9.')).toBe('2027-02-10T09:00:00+01:00');
  });

  it('reads "tra un\'ora", "fra 2 ore" and "tra mezz\'ora" as elapsed time', () => {
    expect(inRome("Ti richiamo tra un'ora.")).toBe('2027-02-09T10:30:00+01:00');
    expect(inRome('Ti scrivo fra 2 ore.')).toBe('2027-02-09T11:30:00+01:00');
    expect(inRome("Ti richiamo tra mezz'ora.")).toBe('2027-02-09T10:00:00+01:00');
    expect(inRome("Ti chiamo tra un paio d'ore.")).toBe('2027-02-09T11:30:00+01:00');
  });

  it('reads "il 15" as the next 15th and "entro il 12/3" day first', () => {
    expect(inRome('Te lo mando il 15.')).toBe('2027-02-15T17:00:00+01:00');
    expect(inRome('Te lo mando entro il 12/3.')).toBe('2027-03-12T17:00:00+01:00');
  });

  it('reads "come prima cosa" as the start of the next working day', () => {
    expect(inRome('Lo faccio come prima cosa domani.')).toBe('2027-02-10T09:00:00+01:00');
    expect(inRome('Lo faccio come prima cosa.')).toBe('2027-02-10T09:00:00+01:00');
  });
});

describe('Dutch due times', () => {
  const inAmsterdam = (text: string, at = TUESDAY_MORNING) => due(text, at, AMSTERDAM);

  it('detects Dutch in short replies', () => {
    expect(detectLanguage('Ik bel om half drie.')).toBe('nl');
    expect(detectLanguage('Je hebt het vóór vrijdag.')).toBe('nl');
    expect(detectLanguage('Volgende week.')).toBe('nl');
  });

  it('reads "vandaag", "morgen" and "overmorgen" as the end of that working day', () => {
    expect(inAmsterdam('Ik bel ze vandaag.')).toBe('2027-02-09T17:00:00+01:00');
    expect(inAmsterdam('Ik stuur het morgen.')).toBe('2027-02-10T17:00:00+01:00');
    expect(inAmsterdam('Ik doe het overmorgen.')).toBe('2027-02-11T17:00:00+01:00');
  });

  it('reads "morgenochtend", "vanmiddag" and "vanavond" as parts of the day', () => {
    expect(inAmsterdam('Ik bel morgenochtend.')).toBe('2027-02-10T12:00:00+01:00');
    expect(inAmsterdam('Ik bel ze vanmiddag.')).toBe('2027-02-09T17:00:00+01:00');
    expect(inAmsterdam('Ik stuur het vanavond.')).toBe('2027-02-09T21:00:00+01:00');
  });

  it('reads "vandaag nog" as the end of today\'s working day', () => {
    expect(inAmsterdam('Ik stuur het vandaag nog.')).toBe('2027-02-09T17:00:00+01:00');
  });

  it('reads "vóór vrijdag", "voor vrijdag" and "maandag"', () => {
    expect(inAmsterdam('Je hebt het vóór vrijdag.')).toBe('2027-02-12T17:00:00+01:00');
    expect(inAmsterdam('Je hebt het voor vrijdag.')).toBe('2027-02-12T17:00:00+01:00');
    expect(inAmsterdam('Ik bel maandag.')).toBe('2027-02-15T17:00:00+01:00');
  });

  it('reads "volgende week" as next week\'s end and "eind van de week" as this week\'s', () => {
    expect(inAmsterdam('Ik kijk er volgende week naar.')).toBe('2027-02-19T17:00:00+01:00');
    expect(inAmsterdam('Ik rond het af tegen het eind van de week.')).toBe('2027-02-12T17:00:00+01:00');
  });

  it('reads "om 10 uur" and "om 14:00"', () => {
    expect(inAmsterdam('Ik bel om 10 uur.')).toBe('2027-02-09T10:00:00+01:00');
    expect(inAmsterdam('Ik bel om 14:00.')).toBe('2027-02-09T14:00:00+01:00');
  });

  it('reads "om 3 uur \'s middags" and "om 8 uur \'s avonds" after noon', () => {
    expect(inAmsterdam("Ik bel om 3 uur 's middags.")).toBe('2027-02-09T15:00:00+01:00');
    expect(inAmsterdam("Ik bel om 8 uur 's avonds.")).toBe('2027-02-09T20:00:00+01:00');
  });

  it('reads "half drie" as 14:30 within working hours, "kwart over tien" and "kwart voor elf"', () => {
    expect(inAmsterdam('Ik bel om half drie.')).toBe('2027-02-09T14:30:00+01:00');
    expect(inAmsterdam('Ik bel morgen om half drie.')).toBe('2027-02-10T14:30:00+01:00');
    expect(inAmsterdam('Ik bel om kwart over tien.')).toBe('2027-02-09T10:15:00+01:00');
    expect(inAmsterdam('Ik bel om kwart voor elf.')).toBe('2027-02-09T10:45:00+01:00');
  });

  it('reads "over een uur" and "binnen twee uur" as elapsed time', () => {
    expect(inAmsterdam('Ik bel je over een uur terug.')).toBe('2027-02-09T10:30:00+01:00');
    expect(inAmsterdam('Je hebt het binnen twee uur.')).toBe('2027-02-09T11:30:00+01:00');
    expect(inAmsterdam('Ik bel je binnen een kwartier.')).toBe('2027-02-09T09:45:00+01:00');
  });

  it('reads "op de 15e" as the next 15th and "op 12 maart"', () => {
    expect(inAmsterdam('Ik stuur het op de 15e.')).toBe('2027-02-15T17:00:00+01:00');
    expect(inAmsterdam('Ik stuur het op 12 maart.')).toBe('2027-03-12T17:00:00+01:00');
  });

  it('reads "als eerste" as the start of the next working day', () => {
    expect(inAmsterdam('Ik pak het als eerste op.')).toBe('2027-02-10T09:00:00+01:00');
    expect(inAmsterdam('Ik bel morgen als eerste.')).toBe('2027-02-10T09:00:00+01:00');
  });
});

describe('the process time zone', () => {
  const PROBES: [string, string, string][] = [
    ['tomorrow at 10', '2026-03-28T18:00:00+01:00', 'Europe/Berlin'],
    ['Thursday', '2026-03-09T16:40:00-04:00', 'America/New_York'],
    ['in 2 hours', '2026-03-08T01:30:00-05:00', 'America/New_York'],
    ['EOD Friday', '2026-10-20T09:30:00+01:00', 'Europe/London'],
    ['next week', '2026-03-27T12:00:00+09:00', 'Asia/Tokyo'],
    ['at 10', '2026-03-29T01:30:00+01:00', 'Europe/Berlin'],
    ['Monday the 4th', '2026-04-29T15:00:00-04:00', 'America/New_York'],
    ['demain à 10h', '2026-10-25T00:30:00+02:00', 'Europe/Paris'],
    ['明日10時', '2026-03-08T07:30:00+00:00', 'Asia/Tokyo'],
    ['first thing tomorrow', '2026-11-01T00:30:00-04:00', 'America/New_York'],
    ['tomorrow', '2026-04-04T14:30:00+00:00', 'Australia/Sydney'],
    ['amanhã às 9h', '2026-03-29T00:59:00+00:00', 'America/Sao_Paulo'],
    ['domattina', '2026-03-28T20:00:00+01:00', 'Europe/Rome'],
    ['om half drie', '2026-10-24T23:30:00+02:00', 'Europe/Amsterdam'],
  ];
  const script = `
    import { readDue } from ${JSON.stringify(fileURLToPath(new URL('../../src/core/reply/due.ts', import.meta.url)))};
    import { parseWorkingHours } from ${JSON.stringify(fileURLToPath(new URL('../../src/core/time/working-hours.ts', import.meta.url)))};
    const hours = parseWorkingHours('Mon-Fri 09:00-17:00');
    const probes = ${JSON.stringify(PROBES)};
    console.log(JSON.stringify(probes.map(([text, at, timeZone]) =>
      readDue(text, new Date(at), { timeZone, hours: hours.value, holidays: [] })?.due.toISOString() ?? null)));
  `;
  const run = (tz: string) =>
    execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, TZ: tz },
      encoding: 'utf8',
    });

  it('gives identical instants whatever the process zone (UTC, Tokyo, New York, Berlin, Lord Howe, Santiago)', () => {
    const baseline = run('UTC');
    expect(JSON.parse(baseline)).not.toContain(null);
    for (const tz of [
      'Asia/Tokyo',
      'America/New_York',
      'Europe/Berlin',
      'Australia/Lord_Howe',
      'America/Santiago',
    ]) {
      expect(run(tz), tz).toBe(baseline);
    }
  }, 60_000);
});

const MADRID = schedule('Europe/Madrid');
const PARIS = schedule('Europe/Paris');
const LISBON = schedule('Europe/Lisbon');
const KOLKATA = schedule('Asia/Kolkata');

describe('holidays', () => {
  it('reads "after Easter Monday" after Easter Monday, not on it', () => {
    expect(due("I'll call them after Easter Monday.", '2027-03-25T16:40:00Z', LONDON)).toBe(
      '2027-03-30T17:00:00+01:00',
    );
  });

  it('reads "<weekday> after <holiday>" as the first such weekday after it, with the time of the phrase', () => {
    expect(due("I'll call him the Tuesday after Easter, 10ish", '2027-03-25T16:40:00Z', LONDON)).toBe(
      '2027-03-30T10:00:00+01:00',
    );
    expect(
      due('Ich schicke das Angebot am Dienstag nach Pfingsten', '2027-05-10T08:50:00+02:00', BERLIN),
    ).toBe('2027-05-18T17:00:00+02:00');
    expect(
      due('Ich rufe ihn Dienstag nach Ostern um halb drei an', '2027-03-25T15:10:00+01:00', BERLIN),
    ).toBe('2027-03-30T14:30:00+02:00');
    expect(
      due('Llamaré el lunes después de Reyes, a las cinco menos cuarto', '2027-01-04T12:30:00+01:00', MADRID),
    ).toBe('2027-01-11T16:45:00+01:00');
    expect(due('Chiamo il lunedì dopo Ferragosto alle tre e mezza', '2027-08-12T10:00:00+02:00', ROME)).toBe(
      '2027-08-16T15:30:00+02:00',
    );
    expect(
      due('Ik bel woensdag na Koningsdag om kwart over tien', '2027-04-23T14:00:00+02:00', AMSTERDAM),
    ).toBe('2027-04-28T10:15:00+02:00');
    expect(
      due(
        'Mando a proposta na quarta-feira depois do Carnaval, ao meio-dia',
        '2027-02-05T15:00:00-03:00',
        SAO_PAULO,
      ),
    ).toBe('2027-02-10T12:00:00-03:00');
  });

  it('reads a weekday written beside "after <holiday>" as that weekday after the holiday', () => {
    expect(
      due("J'appelle Mme Roux mardi, après la Toussaint, à 11 h 30", '2027-10-29T17:20:00+02:00', PARIS),
    ).toBe('2027-11-02T11:30:00+01:00');
    expect(
      due('Ligo depois da Páscoa, na segunda-feira às duas e meia', '2027-03-25T17:40:00+00:00', LISBON),
    ).toBe('2027-03-29T14:30:00+01:00');
    expect(
      due('Ich rufe Dr. Weber nach Ostern an, also am Di. um halb drei', '2027-03-25T15:10:00+01:00', BERLIN),
    ).toBe('2027-03-30T14:30:00+02:00');
  });

  it('lets a date written beside "after <holiday>" win', () => {
    expect(
      due(
        'ゴールデンウィーク明けの5月6日（木）午後3時半にお電話いたします',
        '2027-04-27T10:00:00+09:00',
        TOKYO,
      ),
    ).toBe('2027-05-06T15:30:00+09:00');
    expect(
      due('Mando il preventivo mar. 30 entro le 12, dopo Pasquetta', '2027-03-22T16:30:00+01:00', ROME),
    ).toBe('2027-03-30T12:00:00+02:00');
  });

  it('reads "after <holiday>" alone as the end of the first working day after it', () => {
    expect(due('Ich melde mich nach Ostern', '2027-03-25T10:00:00+01:00', BERLIN)).toBe(
      '2027-03-29T17:00:00+02:00',
    );
    expect(due('Mando il preventivo dopo Pasquetta', '2027-03-22T16:30:00+01:00', ROME)).toBe(
      '2027-03-30T17:00:00+02:00',
    );
    expect(due('ゴールデンウィーク明けにお送りします', '2027-04-20T10:00:00+09:00', TOKYO)).toBe(
      '2027-05-06T18:00:00+09:00',
    );
    expect(due('Je vous envoie l’offre après la Toussaint', '2027-10-25T10:00:00+02:00', PARIS)).toBe(
      '2027-11-02T17:00:00+01:00',
    );
  });

  it('reads "the day after <holiday>" as the next day, with the time of the phrase', () => {
    expect(due("I'll send it the day after Thanksgiving", '2027-11-10T10:00:00-05:00', NEW_YORK)).toBe(
      '2027-11-26T17:00:00-05:00',
    );
    expect(due('Je fais la démo le lendemain du 14 juillet, à 14h', '2027-07-13T10:00:00+02:00', PARIS)).toBe(
      '2027-07-15T14:00:00+02:00',
    );
  });
});

describe('spoken and spaced clock times', () => {
  it('reads German clock-face times: "halb drei" as 14:30, "viertel nach neun" 09:15, "dreiviertel vier" 15:45', () => {
    expect(due('Ich rufe morgen um halb drei an', '2027-02-17T10:20:00+01:00', BERLIN)).toBe(
      '2027-02-18T14:30:00+01:00',
    );
    expect(due('Ich melde mich morgen um viertel nach neun', '2027-02-17T10:20:00+01:00', BERLIN)).toBe(
      '2027-02-18T09:15:00+01:00',
    );
    expect(due('ruf die leute heute um dreiviertel vier an', '2027-09-09T11:30:00+02:00', BERLIN)).toBe(
      '2027-09-09T15:45:00+02:00',
    );
  });

  it('reads "quarter to 3", "10ish" and "1500h" in English', () => {
    expect(due("I'll call Dana Monday at quarter to 3", '2027-03-12T15:20:00-05:00', NEW_YORK)).toBe(
      '2027-03-15T14:45:00-04:00',
    );
    expect(due("I'll call him Tuesday, 10ish", '2027-03-25T16:40:00Z', LONDON)).toBe(
      '2027-03-30T10:00:00+01:00',
    );
    expect(due("I'll set up a demo on Thurs at 1500h", '2027-08-10T10:15:00+05:30', KOLKATA)).toBe(
      '2027-08-12T15:00:00+05:30',
    );
  });

  it('reads Romance clock words: "las cinco menos cuarto", "tre e mezza", "duas e meia", "ao meio-dia", "11 h 30"', () => {
    expect(due('Llamo el lunes a las cinco menos cuarto', '2027-01-08T12:30:00+01:00', MADRID)).toBe(
      '2027-01-11T16:45:00+01:00',
    );
    expect(due('Chiamo lunedì alle tre e mezza', '2027-08-12T10:00:00+02:00', ROME)).toBe(
      '2027-08-16T15:30:00+02:00',
    );
    expect(due('Ligo na segunda-feira às duas e meia', '2027-03-25T17:40:00+00:00', LISBON)).toBe(
      '2027-03-29T14:30:00+01:00',
    );
    expect(due('Mando na quarta-feira ao meio-dia', '2027-02-05T15:00:00-03:00', SAO_PAULO)).toBe(
      '2027-02-10T12:00:00-03:00',
    );
    expect(due("J'appelle mardi à 11 h 30", '2027-10-29T17:20:00+02:00', PARIS)).toBe(
      '2027-11-02T11:30:00+01:00',
    );
    expect(due('Mando il preventivo martedì 30 entro le 12', '2027-03-22T16:30:00+01:00', ROME)).toBe(
      '2027-03-30T12:00:00+02:00',
    );
  });

  it('reads an hour from 1 to 7 without am/pm as the afternoon when that morning hour is outside working hours', () => {
    expect(due('Ich rufe ihn morgen um 7 an', '2027-02-17T10:20:00+01:00', BERLIN)).toBe(
      '2027-02-18T19:00:00+01:00',
    );
    expect(due('Chiamo lunedì alle 7', '2027-08-12T10:00:00+02:00', ROME)).toBe('2027-08-16T19:00:00+02:00');
    const early = schedule('Europe/Berlin', 'Mon-Fri 07:00-15:00');
    expect(due('Ich rufe ihn morgen um 7 an', '2027-02-17T10:20:00+01:00', early)).toBe(
      '2027-02-18T07:00:00+01:00',
    );
  });

  it('reads such an hour as the afternoon when the morning one has passed today', () => {
    const early = schedule('Europe/Berlin', 'Mon-Fri 07:00-15:00');
    expect(due('Ich rufe ihn um 7 an', '2027-02-17T10:20:00+01:00', early)).toBe('2027-02-17T19:00:00+01:00');
    expect(due('Ich rufe ihn um 7 an', '2027-02-17T06:20:00+01:00', early)).toBe('2027-02-17T07:00:00+01:00');
  });

  it('reads Dutch "14u" and "kwart over tien"', () => {
    expect(due('Ik plan een demo op vrijdag om 14u', '2027-06-14T11:00:00+02:00', AMSTERDAM)).toBe(
      '2027-06-18T14:00:00+02:00',
    );
    expect(due('Ik bel woensdag om kwart over tien', '2027-04-23T14:00:00+02:00', AMSTERDAM)).toBe(
      '2027-04-28T10:15:00+02:00',
    );
  });
});

describe('weekday typos and abbreviations', () => {
  it('reads a weekday name with one letter wrong, missing or swapped', () => {
    expect(due('going out Wendesday next week', '2027-10-27T09:30:00+01:00', LONDON)).toBe(
      '2027-11-03T17:00:00+00:00',
    );
    expect(due("I'll call Thrusday at 2pm", '2027-03-15T10:00:00-04:00', NEW_YORK)).toBe(
      '2027-03-18T14:00:00-04:00',
    );
    expect(due('Ik plan een demo op vrijdg om 14u', '2027-06-14T11:00:00+02:00', AMSTERDAM)).toBe(
      '2027-06-18T14:00:00+02:00',
    );
    expect(due('Ich rufe Donerstag an', '2027-06-14T11:00:00+02:00', BERLIN)).toBe(
      '2027-06-17T17:00:00+02:00',
    );
    expect(due('Je les appelle mercedi', '2027-06-14T11:00:00+02:00', PARIS)).toBe(
      '2027-06-16T17:00:00+02:00',
    );
    expect(due('Los llamo el juevs', '2027-06-14T11:00:00+02:00', MADRID)).toBe('2027-06-17T17:00:00+02:00');
  });

  it('leaves words that only look like a weekday alone ("Montage", "Fr. Dr." for Frau Doktor)', () => {
    expect(due('Die Montage ist abgeschlossen', '2027-06-14T11:00:00+02:00', BERLIN)).toBeNull();
    expect(
      due(
        'Termin mit Fr. Dr. Lindqvist ist für Mi., 24.11., 11:00 Uhr eingeplant',
        '2027-11-19T09:05:00+01:00',
        BERLIN,
      ),
    ).toBe('2027-11-24T11:00:00+01:00');
    expect(due('Ich rufe Fr. Müller morgen an', '2027-11-15T09:05:00+01:00', BERLIN)).toBe(
      '2027-11-16T17:00:00+01:00',
    );
    expect(due('Ich rufe sie Fr. Vormittag an', '2027-11-15T09:05:00+01:00', BERLIN)).toBe(
      '2027-11-19T12:00:00+01:00',
    );
  });

  it('keeps a sentence whole across a weekday abbreviation ("mié.", "qui.", "mer.", "Di.", "Thurs.")', () => {
    const ctx = (timeZone: string) => {
      const hours = parseWorkingHours(DEFAULT_WORKING_HOURS);
      if (!hours.ok) throw new Error(hours.message);
      return { timeZone, hours: hours.value, holidays: [] };
    };
    const at = (text: string, sentAt: string, timeZone: string) =>
      readText(text, new Date(sentAt), ctx(timeZone)).due?.toISOString() ?? null;
    expect(
      at('Preparo la demo el mié. 3 de noviembre a las 10:30.', '2027-10-26T16:00:00+01:00', 'Europe/Madrid'),
    ).toBe('2027-11-03T09:30:00.000Z');
    expect(
      at('Vou ligar pro Sr. Almeida na qui. às 10h.', '2027-04-19T09:00:00-03:00', 'America/Sao_Paulo'),
    ).toBe('2027-04-22T13:00:00.000Z');
    expect(
      at('Je leur envoie la proposition mer. avant midi.', '2027-04-12T09:40:00+02:00', 'Europe/Paris'),
    ).toBe('2027-04-14T10:00:00.000Z');
    expect(
      at('Ich rufe Dr. Weber am Di. um halb drei an.', '2027-03-25T15:10:00+01:00', 'Europe/Berlin'),
    ).toBe('2027-03-30T12:30:00.000Z');
    expect(at("I'll call Dana Thurs. at 3pm.", '2027-03-15T10:00:00-04:00', 'America/New_York')).toBe(
      '2027-03-18T19:00:00.000Z',
    );
  });
});

describe('times that are no promised step', () => {
  const times = (text: string, sentAt: string, plan: Schedule) =>
    findDueMentions(text, new Date(sentAt), plan).map((m) => m.text);

  it("never reads a signature's office hours as a due time", () => {
    expect(
      times('Tel. +49 89 4521 1030 · Mo–Fr 9–18 Uhr erreichbar', '2027-03-25T15:10:00+01:00', BERLIN),
    ).toEqual([]);
    expect(times('Office hours 08:30-17:30 (UK)', '2027-03-25T15:10:00Z', LONDON)).toEqual([]);
    expect(times('Horario: L–J 9:00–18:00, V 8:00–15:00', '2027-01-04T12:30:00+01:00', MADRID)).toEqual([]);
    expect(times('Bereikbaar ma–vr 8.30–17.00', '2027-04-23T14:00:00+02:00', AMSTERDAM)).toEqual([]);
    expect(times('Orari: lun–ven 8.30–17.30', '2027-08-12T10:00:00+02:00', ROME)).toEqual([]);
    expect(times('Horário: 2.ª a 6.ª, 9h00–18h00', '2027-03-25T17:40:00+00:00', LISBON)).toEqual([]);
    expect(times('営業時間：平日 9:00〜18:00', '2027-04-27T10:00:00+09:00', TOKYO)).toEqual([]);
  });

  it('never reads a phone number or a quoted line as a due time', () => {
    expect(times('T: +44 20 7946 0930 | M: +44 7700 900415', '2027-03-25T15:10:00Z', LONDON)).toEqual([]);
    expect(times('Tel.: (11) 3045-0930', '2027-03-25T15:10:00-03:00', SAO_PAULO)).toEqual([]);
    expect(times('Tel. 02 8736 1145', '2027-08-12T10:00:00+02:00', ROME)).toEqual([]);
    expect(times('> Could you call them Monday at 3?', '2027-03-25T15:10:00Z', LONDON)).toEqual([]);
  });

  it("lets the reply's own time win over the signature's hours", () => {
    const hours = parseWorkingHours(DEFAULT_WORKING_HOURS);
    if (!hours.ok) throw new Error(hours.message);
    const ctx = { timeZone: 'Europe/Berlin', hours: hours.value, holidays: [] };
    const reading = readText(
      'Ich rufe ihn an.\n\nViele Grüße\nAnna\nTel. +49 89 4521 1030 · Mo–Fr 9–18 Uhr erreichbar',
      new Date('2027-03-25T10:00:00+01:00'),
      ctx,
    );
    expect(reading.due).toBeNull();
    const own = readText(
      'Ich rufe ihn morgen um 11 an.\n\nAnna\nMo–Fr 9–18 Uhr erreichbar',
      new Date('2027-03-25T10:00:00+01:00'),
      ctx,
    );
    expect(own.due?.toISOString()).toBe('2027-03-26T10:00:00.000Z');
  });
});

describe('the moment a sentence promises, from its parts', () => {
  const hours = parseWorkingHours(DEFAULT_WORKING_HOURS);
  if (!hours.ok) throw new Error(hours.message);
  const read = (text: string, sentAt: string, timeZone: string) => {
    const found = readText(text, new Date(sentAt), { timeZone, hours: hours.value, holidays: [] }).due;
    return found
      ? Temporal.Instant.fromEpochMilliseconds(found.getTime())
          .toZonedDateTimeISO(timeZone)
          .toString({ timeZoneName: 'never' })
      : null;
  };

  it('joins a day with a clock time in a clause that names nothing else (", spätestens 16 Uhr")', () => {
    expect(
      read(
        'Ich maile Herrn Kaya morgen das Angebot, spätestens 15 Uhr.',
        '2027-02-09T10:00:00+01:00',
        'Europe/Berlin',
      ),
    ).toBe('2027-02-10T15:00:00+01:00');
    expect(
      read(
        "I'll send Maria the contract on Thursday, at the latest by 11:30.",
        '2027-02-09T10:00:00Z',
        'Europe/London',
      ),
    ).toBe('2027-02-11T11:30:00+00:00');
  });

  it('gives a clock time the day named earlier in its sentence ("morgen … danach um zehn")', () => {
    expect(
      read(
        'Bis 9 Uhr bin ich morgen im Jour fixe, danach rufe ich Frau Brandt um halb elf an.',
        '2027-02-09T15:00:00+01:00',
        'Europe/Vienna',
      ),
    ).toBe('2027-02-10T10:30:00+01:00');
  });

  it('keeps a clock time and the day after a comma apart ("avant 11h, mercredi c\'est férié")', () => {
    expect(
      read(
        "j'appelle M. Perrin jeudi avant 11h, mercredi c'est férié",
        '2027-05-08T09:00:00+02:00',
        'Europe/Paris',
      ),
    ).toBe('2027-05-13T11:00:00+02:00');
    expect(due('I call Monday, 10am', '2027-05-08T09:00:00+02:00', schedule('Europe/Paris'))).toBe(
      '2027-05-10T10:00:00+02:00',
    );
  });

  it('reads no day from a form of address, an estate or "so gegen" (about)', () => {
    expect(read('ruf die fr. schulte morgen mittags an', '2027-03-07T20:00:00+01:00', 'Europe/Berlin')).toBe(
      '2027-03-08T12:00:00+01:00',
    );
    expect(
      read('ich ruf den hrn. lang an so gegen halb vier', '2027-03-08T09:00:00+01:00', 'Europe/Berlin'),
    ).toBe('2027-03-08T15:30:00+01:00');
    expect(
      read(
        'envio a proposta ao Rui (Quinta do Vale) até segunda-feira',
        '2027-03-09T10:00:00+00:00',
        'Europe/Lisbon',
      ),
    ).toBe('2027-03-15T17:00:00+00:00');
  });

  it('reads a day described as a holiday or an absence as no due time (étant, から休み)', () => {
    expect(
      read(
        'Mercredi étant férié, je rappelle Mme Colin jeudi à 10 h.',
        '2027-05-06T12:00:00+02:00',
        'Europe/Paris',
      ),
    ).toBe('2027-05-13T10:00:00+02:00');
    expect(
      read(
        '明日から休暇をいただきますので、10日の15時に鈴木様へお電話します。',
        '2027-05-06T12:00:00+09:00',
        'Asia/Tokyo',
      ),
    ).toBe('2027-05-10T15:00:00+09:00');
    expect(read('14時から、佐藤様にデモを実施します。', '2027-05-06T10:00:00+09:00', 'Asia/Tokyo')).toBe(
      '2027-05-06T14:00:00+09:00',
    );
  });

  it('reads Italian "alle 15" after a day of the month, a month day before ", prima", and "fine giornata di <day>"', () => {
    expect(
      read(
        'passo dalla ditta Bassi martedì 11 alle 16, sono in zona',
        '2027-05-06T10:00:00+02:00',
        'Europe/Rome',
      ),
    ).toBe('2027-05-11T16:00:00+02:00');
    expect(
      read(
        'Mando il listino entro giovedì 13 maggio, prima sento il magazzino.',
        '2027-05-06T10:00:00+02:00',
        'Europe/Rome',
      ),
    ).toBe('2027-05-13T17:00:00+02:00');
    expect(
      read('Mando il listino entro fine giornata di venerdì.', '2027-05-03T10:00:00+02:00', 'Europe/Rome'),
    ).toBe('2027-05-07T17:00:00+02:00');
  });

  it('reads French "d\'ici 15h" as a clock time and "d\'ici 2 h" as two hours', () => {
    expect(read("je lui envoie le devis d'ici 16h", '2027-05-06T09:00:00+02:00', 'Europe/Paris')).toBe(
      '2027-05-06T16:00:00+02:00',
    );
    expect(read("je lui envoie le devis d'ici 2 h", '2027-05-06T09:00:00+02:00', 'Europe/Paris')).toBe(
      '2027-05-06T11:00:00+02:00',
    );
  });

  it('reads "antes de las 12h", "arvo" and "around 3" as clock times, but not "around 2 weeks"', () => {
    expect(read('le mando la propuesta antes de las 12h', '2027-05-06T09:00:00+02:00', 'Europe/Madrid')).toBe(
      '2027-05-06T12:00:00+02:00',
    );
    expect(
      read("I'll call Jack Tuesday arvo around 3", '2027-05-06T09:00:00+09:30', 'Australia/Adelaide'),
    ).toBe('2027-05-11T15:00:00+09:30');
    expect(
      findDueMentions('back in around 2 weeks', new Date('2027-05-06T09:00:00Z'), LONDON).map((m) => m.rule),
    ).not.toContain('clock');
  });
});
