import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/adapters/http/app.ts';
import { parseMime } from '../../src/adapters/mail-in/parse-mime.ts';
import { submitHandoff } from '../../src/app/hand-off-by-api.ts';
import { tick } from '../../src/app/tick.ts';
import { formatReference } from '../../src/core/handoff/reference.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { teamConfig } from '../support/team-config.ts';

const TOKEN = 'fixture-50-token';

/*
 * FIFTY HANDOFFS, THREE ISO WEEKS (2026-W46 Mon 9 Nov, W47 Mon 16 Nov, W48 Mon 23 Nov), computed by hand.
 *
 * Receivers, in UTC (November: no DST change): Bob (Berlin) Mon–Thu 07:30–16:30, Fri 07:30–12:00;
 * Sam (New York) Mon–Fri 14:00–22:00; Dana (Tokyo) Mon–Fri 00:00–09:00. Givers: Maya and Lena.
 * mql-to-sal: ack within 4 h business, hand off within 24 h, reach out within 48 h.
 * fast-track (this config): ack within 2 h business, hand off within 12 h, reach out within 24 h.
 * Every handoff by API is opened when created; "in 2 hours" is due 2 h after the reply. The clock
 * ticks on every full hour; replies are never on the hour, and a late reply comes after the tick that
 * recorded the lapse. Columns: trigger (hours before creation; late when beyond the playbook's
 * handoffWithin) · ack wall/business seconds · due measured from the trigger (else creation) against
 * reachOutWithin · follow-through (✓ reported done before the question lapsed, ✗ lapsed). The words
 * are those of SAY below ("commit" is "I will call them in 2 hours."). After the last reply the clock
 * ticks on to Mon 30 Nov 12:00Z, past the last lapse of an unconfirmed promise (B09: "next week" is
 * Fri 27 Nov 18:00 Tokyo, the question is held to Mon 30 00:00Z and lapses at 04:00Z).
 *
 * W46
 *  A01 mql  Maya→Bob  Mon 09:00 trig 3     commit 09:30, done 12:20       1800/1800    due 5h30 in   ✓
 *  A02 mql  Maya→Sam  Mon 16:00 trig 20    asks channel 16:20, commit 17:10  4200/4200  23h10 in   ✗
 *  A03 mql  Lena→Dana Mon 01:00 no trig    commit 02:30, done 05:20       5400/5400    3h30 in       ✓
 *  A04 fast Lena→Bob  Mon 10:00 trig 2     commit 10:40, done 13:20       2400/2400    4h40 in       ✓
 *  A05 fast Maya→Sam  Tue 15:00 trig 30 late  vague 15:15, commit 15:50   3000/3000    32h50 beyond  ✗
 *  A06 mql  Maya→Dana Tue 02:00 trig 30 late  no reply: lapses 06:00: LEAK
 *  A07 mql  Lena→Bob  Tue 09:00 trig 5     declines 09:25 "I'm on leave next week"
 *  A08 mql  Lena→Sam  Tue 15:00 no trig    vague 15:30, then nothing: lapses 19:00: LEAK
 *  A09 mql  Maya→Bob  Mon 15:00 trig 10    commit Tue 08:30 (deadline Tue 10:00)
 *                                          wall 17h30 = 63000; business Mon 15:00–16:30 + Tue 07:30–08:30 = 9000
 *                                          due Tue 10:30 = 29h30 in                                  ✗
 *  A10 fast Lena→Dana Wed 01:00 trig 1     commit 02:40, done 05:10       6000/6000    4h40 in       ✓
 *  A11 mql  Maya→Bob  Wed 09:00 trig 26 late  asks timeline 09:10, commits "next week" 10:20
 *                                          4800/4800, due Fri 20 Nov: beyond; done Thu 09:20          ✓
 *  A12 mql  Lena→Sam  Wed 15:00 trig 4     lapses 19:00: LEAK; commits late 21:30
 *                                          23400/23400 (all in Sam's hours), due 23:30 = 12h30 in    ✗
 *  A13 mql  Maya→Dana Thu 01:00 trig 8     reports done 03:10 (no commitment): 7800/7800, no due  ✓
 *  A14 fast Maya→Bob  Thu 09:00 no trig    declines 09:20 "I'm fully booked"
 *  A15 mql  Lena→Sam  Thu 15:00 trig 12    commit 16:50                   6600/6600    15h50 in      ✗
 *  A16 mql  Lena→Dana Thu 08:00 trig 2     commit Fri 01:45 (deadline Fri 03:00), done Fri 06:10
 *                                          wall 17h45 = 63900; business Thu 08:00–09:00 + Fri 00:00–01:45 = 9900
 *                                          due Fri 03:45 = 21h45 in                                  ✓
 *  E1  mql  Maya→Sam  Fri 14:00 by email without trigger and summary: a draft, never completed
 * W47
 *  B01 mql  Maya→Bob  Mon 09:00 trig 1     commit 09:50, done 14:20       3000/3000    3h50 in       ✓
 *  B02 mql  Lena→Sam  Mon 16:00 trig 22    commit 18:30                   9000/9000    26h30 in      ✗
 *  B03 fast Maya→Dana Mon 01:00 trig 6     asks channel 01:15, commit 02:15, done 05:40
 *                                          4500/4500    9h15 in                                      ✓
 *  B04 fast Lena→Bob  Mon 11:00 trig 20 late (> 12 h)  commit 11:35     2100/2100    22h35 in (≤ 24) ✗
 *  B05 mql  Maya→Sam  Tue 15:00 trig 40 late  commit 15:45, done 19:20    2700/2700    42h45 in      ✓
 *  B06 mql  Lena→Dana Tue 02:00 no trig    vague 02:20, then nothing: LEAK
 *  B07 mql  Maya→Bob  Tue 09:00 trig 3     lapses 13:00: LEAK; commits late 15:40, done Wed 08:20 (after
 *                                          the follow-through question, before it lapses)
 *                                          24000/24000, due 17:40 = 11h40 in                         ✓
 *  B08 fast Lena→Sam  Tue 15:00 trig 3     declines 15:30 "wrong territory"
 *  B09 mql  Maya→Dana Wed 01:00 trig 5     commits "next week" 01:55      3300/3300    beyond        ✗
 *  B10 mql  Lena→Bob  Wed 09:00 trig 12    asks about the contact (lead) 09:15, vague 09:40, commit 11:20,
 *                                          done 15:10      8400/8400    16h20 in                     ✓
 *  B11 mql  Maya→Sam  Wed 15:00 trig 2     reports done 16:35: 5700/5700, no due                    ✓
 *  B12 fast Lena→Sam  Wed 21:00 trig 4     commit Thu 14:45 (deadline Thu 15:00)
 *                                          wall 17h45 = 63900; business Wed 21:00–22:00 + Thu 14:00–14:45 = 6300
 *                                          due Thu 16:45 = 23h45 in (≤ 24)                           ✗
 *  B13 mql  Lena→Dana Thu 01:00 trig 30 late  no reply: LEAK
 *  B14 mql  Maya→Bob  Thu 09:00 trig 44 late  commit 09:25                1500/1500    46h25 in      ✗
 *  B15 mql  Lena→Sam  Thu 15:00 trig 44 late  commit 18:20, done Fri 15:30  12000/12000  49h20 beyond ✓
 *  B16 mql  Maya→Bob  Fri 09:00 no trig    commit Mon 23 08:10 (deadline Mon 08:30); counted in W47
 *                                          wall 71h10 = 256200; business Fri 09:00–12:00 + Mon 07:30–08:10 = 13200
 *                                          due Mon 10:10 = 73h10 after creation: beyond              ✗
 *  E2  fast Lena→Bob  Wed 16:00 by email without need: a draft
 *  E3  mql  Maya→Dana Thu 14:00 by email without summary: a draft
 * W48
 *  C01 mql  Maya→Sam  Mon 15:00 trig 6     commit 15:35, done 19:20       2100/2100    8h35 in       ✓
 *  C02 mql  Lena→Dana Mon 01:00 trig 10    asks timeline 01:20 and channel 01:40, commit 03:50
 *                                          10200/10200  14h50 in                                     ✗
 *  C03 fast Maya→Bob  Mon 10:00 trig 8     commit 10:45, done 15:10       2700/2700    10h45 in      ✓
 *  C04 mql  Lena→Bob  Tue 09:00 trig 2     vague 09:10, then nothing: LEAK
 *  C05 fast Lena→Sam  Tue 15:00 trig 14 late  lapses 17:00: LEAK; commits late 18:30
 *                                          12600/12600, due 20:30 = 19h30 in                         ✗
 *  C06 fast Maya→Dana Tue 02:00 no trig    commit 02:50, done 06:10       3000/3000    2h50 in       ✓
 *  C07 mql  Maya→Bob  Wed 09:00 trig 20    declines 09:40 "I'm on leave next week"
 *  C08 mql  Lena→Sam  Wed 15:00 trig 28 late  commits "next week" 16:05, done Fri 15:40
 *                                          3900/3900    beyond                                       ✓
 *  C09 mql  Maya→Dana Wed 01:00 trig 3     no reply: LEAK
 *  C10 mql  Maya→Bob  Thu 09:00 no trig    commit 10:45                   6300/6300    3h45 in       ✗
 *  C11 fast Lena→Sam  Thu 15:00 trig 9     vague 15:20, commit 16:20, done Fri 14:30
 *                                          4800/4800    12h20 in                                     ✓
 *  C12 mql  Lena→Dana Thu 07:00 trig 1     reports done Fri 00:40 (deadline Fri 02:00), no due
 *                                          wall 17h40 = 63600; business Thu 07:00–09:00 + Fri 00:00–00:40 = 9600 ✓
 *  C13 fast Maya→Bob  Fri 09:00 trig 5     no reply: lapses 11:00: LEAK
 *  E4  mql  Lena→Dana Mon 14:00 by email without trigger: a draft
 *  E5  mql  Maya→Bob  Tue 16:00 by email without trigger and summary: a draft
 *
 * Percentiles interpolate: p of n sorted values sits at position p × (n − 1), counted from 0.
 *
 * W46: 17 handoffs, 16 opened, all 16 decided (12 acknowledged, A07 and A14 declined, A06 and A08
 *   lapsed), leaked A06 A08 A12 → 3/16.
 *   Wall [1800 2400 3000 4200 4800 5400 | 6000 6600 7800 23400 63000 63900] (12):
 *     median at 5.5 = (5400 + 6000) / 2 = 5700; p90 at 9.9 = 23400 + 0.9 × (63000 − 23400) = 59040.
 *   Business [1800 2400 3000 4200 4800 5400 | 6000 6600 7800 9000 9900 23400]:
 *     median 5700; p90 at 9.9 = 9000 + 0.9 × (9900 − 9000) = 9810.
 *   Triggers 13 (not A03 A08 A14), late A05 A06 A11 → 10/13, 3 late. Due times 11 (A13 none),
 *   beyond A05 A11 → 9/11. Follow-through known 12, done A01 A03 A04 A10 A11 A13 A16 → 7/12.
 *   Replied 15 (not A06), vague A05 A08 → 2/15. Declines 2: "i'm on leave next week" 1,
 *   "i'm fully booked" 1. Questions 2: channel 1, timeline 1. Missing: trigger 1, summary 1.
 * W47: 18 handoffs, 16 opened and decided (13 acknowledged, B08 declined, B06 B13 lapsed), leaked
 *   B06 B07 B13 → 3/16.
 *   Wall [1500 2100 2700 3000 3300 4500 5700 8400 9000 12000 24000 63900 256200] (13):
 *     median at 6 = 5700; p90 at 10.8 = 24000 + 0.8 × (63900 − 24000) = 55920.
 *   Business [1500 2100 2700 3000 3300 4500 5700 6300 8400 9000 12000 13200 24000]:
 *     median 5700; p90 at 10.8 = 12000 + 0.8 × (13200 − 12000) = 12960.
 *   Triggers 14 (not B06 B16), late B04 B05 B13 B14 B15 → 9/14, 5 late. Due times 12 (B11 none),
 *   beyond B09 B15 B16 → 9/12. Follow-through known 13, done B01 B03 B05 B07 B10 B11 B15 → 7/13.
 *   Replied 15 (not B13), vague B06 B10 → 2/15. Declines 1: "wrong territory". Questions 2:
 *   channel 1, lead 1. Missing: need 1, summary 1.
 * W48: 15 handoffs, 13 opened and decided (9 acknowledged, C07 declined, C04 C09 C13 lapsed), leaked
 *   C04 C05 C09 C13 → 4/13.
 *   Wall [2100 2700 3000 3900 4800 6300 10200 12600 63600] (9):
 *     median at 4 = 4800; p90 at 7.2 = 12600 + 0.2 × (63600 − 12600) = 22800.
 *   Business [2100 2700 3000 3900 4800 6300 9600 10200 12600]:
 *     median 4800; p90 at 7.2 = 10200 + 0.2 × (12600 − 10200) = 10680.
 *   Triggers 11 (not C06 C10), late C05 C08 → 9/11, 2 late. Due times 8 (C12 none), beyond C08 →
 *   7/8. Follow-through known 9, done C01 C03 C06 C08 C11 C12 → 6/9. Replied 11 (not C09 C13),
 *   vague C04 C11 → 2/11. Declines 1: "i'm on leave next week". Questions 1 (C02): timeline 1,
 *   channel 1. Missing: trigger 2, summary 1.
 *
 * fast-track: 14 handoffs (A04 A05 A10 A14 B03 B04 B08 B12 E2 C03 C05 C06 C11 C13), 13 opened and
 *   decided, leaked C05 C13 → 2/13.
 *   Wall [2100 2400 2700 3000 3000 | 4500 4800 6000 12600 63900] (10):
 *     median at 4.5 = (3000 + 4500) / 2 = 3750; p90 at 8.1 = 12600 + 0.1 × (63900 − 12600) = 17730.
 *   Business [2100 2400 2700 3000 3000 | 4500 4800 6000 6300 12600]:
 *     median 3750; p90 at 8.1 = 6300 + 0.1 × (12600 − 6300) = 6930.
 *   Triggers 11 (not A14 C06), late A05 B04 C05 → 8/11, 3 late. Due times 10, beyond A05 → 9/10
 *   (with mql-to-sal's 48 h A05 would be in: the playbook's own window counts). Follow-through
 *   known 10, done A04 A10 B03 C03 C06 C11 → 6/10. Replied 12 (not C13), vague A05 C11 → 2/12.
 *   Declines 2: "i'm fully booked" 1, "wrong territory" 1. Questions 1: channel 1. Missing: need 1.
 * mql-to-sal: 36 handoffs, 32 opened and decided, leaked A06 A08 A12 B06 B07 B13 C04 C09 → 8/32.
 *   Wall (24): 1500 1800 2100 2700 3000 3300 3900 4200 4800 5400 5700 6300 | 6600 7800 8400 9000
 *     10200 12000 23400 24000 63000 63600 63900 256200:
 *     median at 11.5 = (6300 + 6600) / 2 = 6450; p90 at 20.7 = 63000 + 0.7 × (63600 − 63000) = 63420.
 *   Business (24): 1500 1800 2100 2700 3000 3300 3900 4200 4800 5400 5700 6300 | 6600 7800 8400 9000
 *     9000 9600 9900 10200 12000 13200 23400 24000:
 *     median 6450; p90 at 20.7 = 12000 + 0.7 × (13200 − 12000) = 12840.
 *   Triggers 27, late A06 A11 B05 B13 B14 B15 C08 → 20/27, 7 late. Due times 21, beyond A11 B09
 *   B15 B16 C08 → 16/21. Follow-through known 24, done 14 → 14/24. Replied 29, vague A08 B06 B10
 *   C04 → 4/29. Declines 2: "i'm on leave next week" 2. Questions 4: channel 2, timeline 2, lead 1.
 *   Missing: trigger 3, summary 3.
 * All: 50 handoffs, 45 opened and decided, leaked 10 → 10/45.
 *   Wall (34): 1500 1800 2100 2100 2400 2700 2700 3000 3000 3000 3300 3900 4200 4500 4800 4800
 *     5400 | 5700 6000 6300 6600 7800 8400 9000 10200 12000 12600 23400 24000 63000 63600 63900 63900
 *     256200: median at 16.5 = (5400 + 5700) / 2 = 5550; p90 at 29.7 = 63000 + 0.7 × 600 = 63420.
 *   Business (34): 1500 1800 2100 2100 2400 2700 2700 3000 3000 3000 3300 3900 4200 4500 4800 4800
 *     5400 | 5700 6000 6300 6300 6600 7800 8400 9000 9000 9600 9900 10200 12000 12600 13200 23400
 *     24000: median 5550; p90 at 29.7 = 12000 + 0.7 × (12600 − 12000) = 12420.
 *   Triggers 38, on time 28 → 28/38, 10 late. Due times 31, in 25 → 25/31. Follow-through known 34,
 *   done 20 → 20/34. Replied 41, vague 6 → 6/41. Declines 4: "i'm on leave next week" 2,
 *   "i'm fully booked" 1, "wrong territory" 1. Questions 5: channel 3, timeline 2, lead 1.
 *   Missing: trigger 3, summary 3, need 1.
 * Dana: 15 handoffs (A03 A06 A10 A13 A16 B03 B06 B09 B13 E3 C02 C06 C09 C12 E4), 13 opened and
 *   decided, leaked A06 B06 B13 C09 → 4/13.
 *   Wall [3000 3300 4500 5400 6000 7800 10200 63600 63900] (9): median 6000; p90 at 7.2 =
 *     63600 + 0.2 × 300 = 63660. Business [3000 3300 4500 5400 6000 7800 9600 9900 10200]: median
 *     6000; p90 at 7.2 = 9900 + 0.2 × 300 = 9960.
 *   Triggers 10, late A06 B13 → 8/10. Due times 7, beyond B09 → 6/7. Follow-through known 9, not
 *   B09 C02 → 7/9. Replied 10, vague B06 → 1/10. No declines. Questions 2: channel 2, timeline 1.
 *   Missing: summary 1, trigger 1.
 * By giver: Maya 26 (W46 A01 A02 A05 A06 A09 A11 A13 A14 E1, W47 B01 B03 B05 B07 B09 B11 B14 B16 E3,
 *   W48 C01 C03 C06 C07 C09 C10 C13 E5; leaked A06 B07 C09 C13: 4), Lena the other 24 (leaked A08 A12
 *   B06 B13 C04 C05: 6).
 * By receiver: Bob 19 (leaked B07 C04 C13: 3), Sam 16 (A08 A12 C05: 3), Dana 15 (4).
 */

const SAY = {
  commit: 'I will call them in 2 hours.',
  nextWeek: 'I will call them next week.',
  done: 'Called them, demo booked.',
  vague: 'Got it, thanks!',
  vague2: 'Thanks, will look.',
  askChannel: 'Which channel do they prefer?',
  askTimeline: 'What is their timeline?',
  askContact: 'Who is the contact there?',
  leave: "Can't take this one, I'm on leave next week.",
  booked: "Sorry, I can't take this, I'm fully booked.",
  territory: "I can't take this one: wrong territory.",
} as const;

type Say = keyof typeof SAY;

/** What Baton must make of each reply for the fixture to be what the comment says. */
const READS_AS: Record<Say, string[]> = {
  commit: ['acknowledged'],
  nextWeek: ['acknowledged'],
  done: ['done'],
  vague: ['vague-asked'],
  vague2: ['vague-asked'],
  askChannel: ['question-relayed'],
  askTimeline: ['question-relayed'],
  askContact: ['question-relayed'],
  leave: ['declined'],
  booked: ['declined'],
  territory: ['declined'],
};
type Person = 'maya' | 'lena' | 'bob' | 'sam' | 'dana';

/**
 * One handoff by API: id, created ('MM-DD HH:MM' UTC, 2026), playbook, giver, receiver, trigger (hours
 * before creation), and what the receiver writes when (UTC): '09:30 commit' that day, '11-10 08:30 done'
 * another day, in the words of SAY.
 */
type ApiRow = [string, string, 'mql' | 'fast', Person, Person, number | null, string];
/** One handoff by email with fields missing: id, created, playbook, giver, receiver, the fields it gives. */
type EmailRow = [string, string, 'mql' | 'fast', Person, Person, string];

const FIXTURE: ApiRow[] = [
  ['A01', '11-09 09:00', 'mql', 'maya', 'bob', 3, '09:30 commit, 12:20 done'],
  ['A02', '11-09 16:00', 'mql', 'maya', 'sam', 20, '16:20 askChannel, 17:10 commit'],
  ['A03', '11-09 01:00', 'mql', 'lena', 'dana', null, '02:30 commit, 05:20 done'],
  ['A04', '11-09 10:00', 'fast', 'lena', 'bob', 2, '10:40 commit, 13:20 done'],
  ['A05', '11-10 15:00', 'fast', 'maya', 'sam', 30, '15:15 vague, 15:50 commit'],
  ['A06', '11-10 02:00', 'mql', 'maya', 'dana', 30, ''],
  ['A07', '11-10 09:00', 'mql', 'lena', 'bob', 5, '09:25 leave'],
  ['A08', '11-10 15:00', 'mql', 'lena', 'sam', null, '15:30 vague'],
  ['A09', '11-09 15:00', 'mql', 'maya', 'bob', 10, '11-10 08:30 commit'],
  ['A10', '11-11 01:00', 'fast', 'lena', 'dana', 1, '02:40 commit, 05:10 done'],
  ['A11', '11-11 09:00', 'mql', 'maya', 'bob', 26, '09:10 askTimeline, 10:20 nextWeek, 11-12 09:20 done'],
  ['A12', '11-11 15:00', 'mql', 'lena', 'sam', 4, '21:30 commit'],
  ['A13', '11-12 01:00', 'mql', 'maya', 'dana', 8, '03:10 done'],
  ['A14', '11-12 09:00', 'fast', 'maya', 'bob', null, '09:20 booked'],
  ['A15', '11-12 15:00', 'mql', 'lena', 'sam', 12, '16:50 commit'],
  ['A16', '11-12 08:00', 'mql', 'lena', 'dana', 2, '11-13 01:45 commit, 11-13 06:10 done'],

  ['B01', '11-16 09:00', 'mql', 'maya', 'bob', 1, '09:50 commit, 14:20 done'],
  ['B02', '11-16 16:00', 'mql', 'lena', 'sam', 22, '18:30 commit'],
  ['B03', '11-16 01:00', 'fast', 'maya', 'dana', 6, '01:15 askChannel, 02:15 commit, 05:40 done'],
  ['B04', '11-16 11:00', 'fast', 'lena', 'bob', 20, '11:35 commit'],
  ['B05', '11-17 15:00', 'mql', 'maya', 'sam', 40, '15:45 commit, 19:20 done'],
  ['B06', '11-17 02:00', 'mql', 'lena', 'dana', null, '02:20 vague'],
  ['B07', '11-17 09:00', 'mql', 'maya', 'bob', 3, '15:40 commit, 11-18 08:20 done'],
  ['B08', '11-17 15:00', 'fast', 'lena', 'sam', 3, '15:30 territory'],
  ['B09', '11-18 01:00', 'mql', 'maya', 'dana', 5, '01:55 nextWeek'],
  [
    'B10',
    '11-18 09:00',
    'mql',
    'lena',
    'bob',
    12,
    '09:15 askContact, 09:40 vague2, 11:20 commit, 15:10 done',
  ],
  ['B11', '11-18 15:00', 'mql', 'maya', 'sam', 2, '16:35 done'],
  ['B12', '11-18 21:00', 'fast', 'lena', 'sam', 4, '11-19 14:45 commit'],
  ['B13', '11-19 01:00', 'mql', 'lena', 'dana', 30, ''],
  ['B14', '11-19 09:00', 'mql', 'maya', 'bob', 44, '09:25 commit'],
  ['B15', '11-19 15:00', 'mql', 'lena', 'sam', 44, '18:20 commit, 11-20 15:30 done'],
  ['B16', '11-20 09:00', 'mql', 'maya', 'bob', null, '11-23 08:10 commit'],

  ['C01', '11-23 15:00', 'mql', 'maya', 'sam', 6, '15:35 commit, 19:20 done'],
  ['C02', '11-23 01:00', 'mql', 'lena', 'dana', 10, '01:20 askTimeline, 01:40 askChannel, 03:50 commit'],
  ['C03', '11-23 10:00', 'fast', 'maya', 'bob', 8, '10:45 commit, 15:10 done'],
  ['C04', '11-24 09:00', 'mql', 'lena', 'bob', 2, '09:10 vague'],
  ['C05', '11-24 15:00', 'fast', 'lena', 'sam', 14, '18:30 commit'],
  ['C06', '11-24 02:00', 'fast', 'maya', 'dana', null, '02:50 commit, 06:10 done'],
  ['C07', '11-25 09:00', 'mql', 'maya', 'bob', 20, '09:40 leave'],
  ['C08', '11-25 15:00', 'mql', 'lena', 'sam', 28, '16:05 nextWeek, 11-27 15:40 done'],
  ['C09', '11-25 01:00', 'mql', 'maya', 'dana', 3, ''],
  ['C10', '11-26 09:00', 'mql', 'maya', 'bob', null, '10:45 commit'],
  ['C11', '11-26 15:00', 'fast', 'lena', 'sam', 9, '15:20 vague2, 16:20 commit, 11-27 14:30 done'],
  ['C12', '11-26 07:00', 'mql', 'lena', 'dana', 1, '11-27 00:40 done'],
  ['C13', '11-27 09:00', 'fast', 'maya', 'bob', 5, ''],
];

const BY_EMAIL: EmailRow[] = [
  ['E1', '11-13 14:00', 'mql', 'maya', 'sam', 'Lead: Jim Doe <jim@beta.io>\nChannel: email'],
  ['E2', '11-18 16:00', 'fast', 'lena', 'bob', 'Lead: Ann Poe <ann@gamma.io>\nChannel: phone'],
  ['E3', '11-19 14:00', 'mql', 'maya', 'dana', 'Lead: Kai Li <kai@delta.io>\nTrigger: webinar'],
  ['E4', '11-23 14:00', 'mql', 'lena', 'dana', 'Lead: Eve Ng <eve@eps.io>\nSummary: Wants SSO for 80 seats.'],
  ['E5', '11-24 16:00', 'mql', 'maya', 'bob', 'Lead: Tom Fry <tom@zeta.io>\nChannel: email'],
];

const PLAYBOOK = { mql: 'mql-to-sal', fast: 'fast-track' } as const;
const email = (p: Person) => `${p}@example.com`;
const at = (text: string) => new Date(`2026-${text.replace(' ', 'T')}:00Z`);
const HOUR = 3_600_000;

const config = {
  ...teamConfig,
  members: [
    ...teamConfig.members,
    {
      email: 'lena@example.com',
      name: 'Lena Fox',
      timeZone: 'Europe/London',
      workingHours: 'Mon-Fri 09:00-17:00',
      manager: 'dana@example.com',
    },
  ],
  playbooks: [
    ...teamConfig.playbooks,
    {
      id: 'fast-track',
      name: 'Fast track',
      fields: [
        { key: 'lead', label: 'Lead', synonyms: ['prospect', 'contact'], required: true },
        { key: 'need', label: 'Need', synonyms: ['stated need'], required: true },
        { key: 'channel', label: 'Channel', synonyms: ['preferred channel'] },
      ],
      ackWithin: '2h business',
      escalate: [{ after: '0', to: ['manager', 'giver'] }],
      remindBefore: '30m',
      followThroughGrace: '4h',
      handoffWithin: '12h',
      reachOutWithin: '24h',
    },
  ],
};

interface Thread {
  receiver: string;
  replyTo: string;
  subject: string;
  messageId: string;
}

type Action = { at: Date; order: number; run: () => Promise<void> };

async function seed(): Promise<{ h: Harness; app: ReturnType<typeof createApp> }> {
  const h = await createHarness({ kind: 'postgres', now: '2026-11-09T00:00:00Z', config });
  const app = createApp({ deps: () => h.deps, apiTokens: () => [TOKEN], parse: parseMime, mailbox: null });
  const threads = new Map<string, Thread>();
  const actions: Action[] = [];
  const add = (when: Date, run: () => Promise<void>) =>
    actions.push({ at: when, order: actions.length, run });

  for (const [id, created, playbook, giver, receiver, triggerHours, steps] of FIXTURE) {
    const createdAt = at(created);
    add(createdAt, async () => {
      const result = await submitHandoff(
        h.deps,
        {
          playbook: PLAYBOOK[playbook],
          giver: email(giver),
          receiver: email(receiver),
          fields:
            playbook === 'fast'
              ? { lead: `Lead ${id} <${id.toLowerCase()}@acme.io>`, need: 'SSO for 300 seats' }
              : {
                  lead: `Lead ${id} <${id.toLowerCase()}@acme.io>`,
                  trigger: 'demo request',
                  summary: 'Wants SSO for 300 seats.',
                },
          ...(triggerHours === null
            ? {}
            : { triggerAt: new Date(createdAt.getTime() - triggerHours * HOUR) }),
        },
        null,
      );
      if (!result.ok) throw new Error(`${id}: ${result.message}`);
      const reference = formatReference(result.handoff.number);
      // The request as the receiver got it: the mailbox file of the handoff's request email.
      const request = await h.db
        .selectFrom('outbound_messages')
        .select('id')
        .where('handoff_id', '=', result.handoff.id)
        .where('kind', '=', 'handoff-request')
        .executeTakeFirstOrThrow();
      const stored = await h.mailbox.read(request.id);
      if (!stored) throw new Error(`${id}: no request email to ${receiver}`);
      const parsed = await simpleParser(stored.raw);
      if (!parsed.subject?.includes(reference))
        throw new Error(`${id}: the request is not about ${reference}`);
      threads.set(id, {
        receiver: email(receiver),
        replyTo: parsed.replyTo!.value[0]!.address!,
        subject: parsed.subject!,
        messageId: parsed.messageId!,
      });
    });
    for (const step of steps ? steps.split(', ') : []) {
      const [, day, time, say] = /^(\d\d-\d\d )?(\d\d:\d\d) (\w+)$/.exec(step) ?? [];
      if (!time || !say || !(say in SAY)) throw new Error(`${id}: cannot read '${step}'`);
      const replyAt = at(`${day ?? `${created.slice(0, 5)} `}${time}`);
      if (replyAt <= createdAt) throw new Error(`${id}: '${step}' is not after the creation`);
      if (replyAt.getUTCMinutes() === 0) throw new Error(`${id}: a reply on the hour would tie with a tick`);
      add(replyAt, async () => {
        const thread = threads.get(id)!;
        const outcome = await h.send(
          {
            from: thread.receiver,
            to: thread.replyTo,
            subject: `Re: ${thread.subject}`,
            inReplyTo: thread.messageId,
            text: SAY[say as Say],
            date: h.clock.now(),
          },
          [thread.replyTo],
        );
        if (outcome.status !== 'processed' || !READS_AS[say as Say].includes(outcome.outcome))
          throw new Error(`${id} ${say}: ${outcome.status} ${outcome.outcome}`);
      });
    }
  }
  for (const [id, created, playbook, giver, receiver, fields] of BY_EMAIL) {
    add(at(created), async () => {
      const outcome = await h.send({
        from: email(giver),
        to: `${PLAYBOOK[playbook]}@handoffs.example.com`,
        subject: `lead ${id}`,
        text: `Receiver: ${email(receiver)}\n${fields}`,
        date: h.clock.now(),
      });
      if (outcome.outcome !== 'draft-missing-fields') throw new Error(`${id}: ${outcome.outcome}`);
    });
  }

  actions.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  // The clock ticks on every full hour up to each action, then until the last promise has lapsed.
  let nextTick = at('11-09 00:00').getTime();
  const tickUntil = async (until: number) => {
    for (; nextTick <= until; nextTick += HOUR) {
      h.clock.set(new Date(nextTick));
      await tick(h.deps);
    }
  };
  for (const action of actions) {
    await tickUntil(action.at.getTime());
    h.clock.set(action.at);
    await action.run();
  }
  await tickUntil(at('11-30 12:00').getTime());
  return { h, app };
}

/** The figures of one group, as the comment above computes them. */
interface Expected {
  handoffs: number;
  opened: number;
  leaked: number;
  leakRate: number;
  acknowledged: number;
  wall: [median: number, p90: number];
  business: [median: number, p90: number];
  within24hShare: number;
  lateHandoffs: number;
  reachOutWithin48hShare: number;
  followThroughRate: number;
  vagueReplyRate: number;
  declineReasons: { reason: string; count: number }[];
  missingFields: Record<string, number>;
  questions: number;
  questionsByField: Record<string, number>;
}

const LEAVE = "i'm on leave next week";
const BOOKED = "i'm fully booked";
const TERRITORY = 'wrong territory';

const W46: Expected = {
  handoffs: 17,
  opened: 16,
  leaked: 3,
  leakRate: 3 / 16,
  acknowledged: 12,
  wall: [5700, 59040],
  business: [5700, 9810],
  within24hShare: 10 / 13,
  lateHandoffs: 3,
  reachOutWithin48hShare: 9 / 11,
  followThroughRate: 7 / 12,
  vagueReplyRate: 2 / 15,
  declineReasons: [
    { reason: BOOKED, count: 1 },
    { reason: LEAVE, count: 1 },
  ],
  missingFields: { trigger: 1, summary: 1 },
  questions: 2,
  questionsByField: { channel: 1, timeline: 1 },
};

const W47: Expected = {
  handoffs: 18,
  opened: 16,
  leaked: 3,
  leakRate: 3 / 16,
  acknowledged: 13,
  wall: [5700, 55920],
  business: [5700, 12960],
  within24hShare: 9 / 14,
  lateHandoffs: 5,
  reachOutWithin48hShare: 9 / 12,
  followThroughRate: 7 / 13,
  vagueReplyRate: 2 / 15,
  declineReasons: [{ reason: TERRITORY, count: 1 }],
  missingFields: { need: 1, summary: 1 },
  questions: 2,
  questionsByField: { channel: 1, lead: 1 },
};

const W48: Expected = {
  handoffs: 15,
  opened: 13,
  leaked: 4,
  leakRate: 4 / 13,
  acknowledged: 9,
  wall: [4800, 22800],
  business: [4800, 10680],
  within24hShare: 9 / 11,
  lateHandoffs: 2,
  reachOutWithin48hShare: 7 / 8,
  followThroughRate: 6 / 9,
  vagueReplyRate: 2 / 11,
  declineReasons: [{ reason: LEAVE, count: 1 }],
  missingFields: { trigger: 2, summary: 1 },
  questions: 1,
  questionsByField: { timeline: 1, channel: 1 },
};

const FAST: Expected = {
  handoffs: 14,
  opened: 13,
  leaked: 2,
  leakRate: 2 / 13,
  acknowledged: 10,
  wall: [3750, 17730],
  business: [3750, 6930],
  within24hShare: 8 / 11,
  lateHandoffs: 3,
  reachOutWithin48hShare: 9 / 10,
  followThroughRate: 6 / 10,
  vagueReplyRate: 2 / 12,
  declineReasons: [
    { reason: BOOKED, count: 1 },
    { reason: TERRITORY, count: 1 },
  ],
  missingFields: { need: 1 },
  questions: 1,
  questionsByField: { channel: 1 },
};

const MQL: Expected = {
  handoffs: 36,
  opened: 32,
  leaked: 8,
  leakRate: 8 / 32,
  acknowledged: 24,
  wall: [6450, 63420],
  business: [6450, 12840],
  within24hShare: 20 / 27,
  lateHandoffs: 7,
  reachOutWithin48hShare: 16 / 21,
  followThroughRate: 14 / 24,
  vagueReplyRate: 4 / 29,
  declineReasons: [{ reason: LEAVE, count: 2 }],
  missingFields: { trigger: 3, summary: 3 },
  questions: 4,
  questionsByField: { channel: 2, timeline: 2, lead: 1 },
};

const ALL: Expected = {
  handoffs: 50,
  opened: 45,
  leaked: 10,
  leakRate: 10 / 45,
  acknowledged: 34,
  wall: [5550, 63420],
  business: [5550, 12420],
  within24hShare: 28 / 38,
  lateHandoffs: 10,
  reachOutWithin48hShare: 25 / 31,
  followThroughRate: 20 / 34,
  vagueReplyRate: 6 / 41,
  declineReasons: [
    { reason: LEAVE, count: 2 },
    { reason: BOOKED, count: 1 },
    { reason: TERRITORY, count: 1 },
  ],
  missingFields: { trigger: 3, summary: 3, need: 1 },
  questions: 5,
  questionsByField: { channel: 3, timeline: 2, lead: 1 },
};

const DANA: Expected = {
  handoffs: 15,
  opened: 13,
  leaked: 4,
  leakRate: 4 / 13,
  acknowledged: 9,
  wall: [6000, 63660],
  business: [6000, 9960],
  within24hShare: 8 / 10,
  lateHandoffs: 2,
  reachOutWithin48hShare: 6 / 7,
  followThroughRate: 7 / 9,
  vagueReplyRate: 1 / 10,
  declineReasons: [],
  missingFields: { summary: 1, trigger: 1 },
  questions: 2,
  questionsByField: { channel: 2, timeline: 1 },
};

interface Figures {
  handoffs: number;
  opened: number;
  leaked: number;
  leakRate: number | null;
  acknowledged: number;
  timeToAcknowledge: {
    unit: string;
    wallClock: { median: number | null; p90: number | null };
    business: { median: number | null; p90: number | null };
  };
  within24hShare: number | null;
  lateHandoffs: number;
  reachOutWithin48hShare: number | null;
  followThroughRate: number | null;
  vagueReplyRate: number | null;
  declines: number;
  declineReasons: { reason: string; count: number }[];
  missingFields: Record<string, number>;
  questions: number;
  questionsByField: Record<string, number>;
}

type Report = Figures & {
  byWeek: (Figures & { week: string })[];
  byPlaybook: (Figures & { playbook: string })[];
  byGiver: (Figures & { giver: string })[];
  byReceiver: (Figures & { receiver: string })[];
};

/** The figures as the API gives them, in the shape of `Expected` (percentiles to the second's millionth). */
function asExpected(f: Figures): Expected {
  const round = (v: number | null) => (v === null ? Number.NaN : Math.round(v * 1e6) / 1e6);
  return {
    handoffs: f.handoffs,
    opened: f.opened,
    leaked: f.leaked,
    leakRate: f.leakRate ?? Number.NaN,
    acknowledged: f.acknowledged,
    wall: [round(f.timeToAcknowledge.wallClock.median), round(f.timeToAcknowledge.wallClock.p90)],
    business: [round(f.timeToAcknowledge.business.median), round(f.timeToAcknowledge.business.p90)],
    within24hShare: f.within24hShare ?? Number.NaN,
    lateHandoffs: f.lateHandoffs,
    reachOutWithin48hShare: f.reachOutWithin48hShare ?? Number.NaN,
    followThroughRate: f.followThroughRate ?? Number.NaN,
    vagueReplyRate: f.vagueReplyRate ?? Number.NaN,
    declineReasons: f.declineReasons,
    missingFields: f.missingFields,
    questions: f.questions,
    questionsByField: f.questionsByField,
  };
}

const declines = (e: Expected) => e.declineReasons.reduce((n, r) => n + r.count, 0);

describe('metrics of a fifty-handoff fixture on postgres', () => {
  let h: Harness;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    ({ h, app } = await seed());
  }, 120_000);
  afterAll(async () => h?.close());

  async function metrics(query: string): Promise<Report> {
    const response = await app.request(`/api/metrics${query}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Report;
  }

  const PERIOD = '?from=2026-11-09&to=2026-11-30';

  it('gives the figures of the whole period as computed by hand', async () => {
    const report = await metrics(PERIOD);
    expect(asExpected(report)).toEqual(ALL);
    expect(report.declines).toBe(declines(ALL));
    expect(report.timeToAcknowledge.unit).toBe('seconds');
  });

  it('gives each ISO week the figures computed by hand', async () => {
    const report = await metrics(PERIOD);
    expect(report.byWeek.map((w) => w.week)).toEqual(['2026-W46', '2026-W47', '2026-W48']);
    expect(report.byWeek.map(asExpected)).toEqual([W46, W47, W48]);
  });

  it('gives each playbook the figures computed by hand, in the breakdown and through playbook=', async () => {
    const report = await metrics(PERIOD);
    expect(report.byPlaybook.map((p) => p.playbook)).toEqual(['mql-to-sal', 'fast-track']);
    expect(report.byPlaybook.map(asExpected)).toEqual([MQL, FAST]);
    const fast = await metrics(`${PERIOD}&playbook=fast-track`);
    expect(asExpected(fast)).toEqual(FAST);
    expect(fast.byPlaybook.map((p) => p.playbook)).toEqual(['fast-track']);
    const mql = await metrics(`${PERIOD}&playbook=mql-to-sal`);
    expect(asExpected(mql)).toEqual(MQL);
    expect(mql.byWeek.map((w) => [w.week, w.handoffs, w.leaked])).toEqual([
      ['2026-W46', 13, 3],
      ['2026-W47', 13, 3],
      ['2026-W48', 10, 2],
    ]);
  });

  it('breaks the period down by giver and receiver, and narrows to one receiver through receiver=', async () => {
    const report = await metrics(PERIOD);
    expect(report.byGiver.map((g) => [g.giver, g.handoffs, g.leaked])).toEqual([
      ['maya@example.com', 26, 4],
      ['lena@example.com', 24, 6],
    ]);
    expect(report.byReceiver.map((r) => [r.receiver, r.handoffs, r.leaked])).toEqual([
      ['bob@example.com', 19, 3],
      ['sam@example.com', 16, 3],
      ['dana@example.com', 15, 4],
    ]);
    const dana = await metrics(`${PERIOD}&receiver=dana@example.com`);
    expect(asExpected(dana)).toEqual(DANA);
    expect(asExpected(report.byReceiver[2]!)).toEqual(DANA);
    expect(dana.byReceiver.map((r) => r.receiver)).toEqual(['dana@example.com']);
  });

  it('counts one week alone through from= and to=, by the week the handoffs were created in', async () => {
    const w47 = await metrics('?from=2026-11-16&to=2026-11-23');
    expect(asExpected(w47)).toEqual(W47);
    expect(w47.byWeek.map((w) => w.week)).toEqual(['2026-W47']);
    const lastTwo = await metrics('?from=2026-11-16T00:00:00Z&to=2026-11-30T00:00:00Z');
    expect(lastTwo.handoffs).toBe(W47.handoffs + W48.handoffs);
    expect(lastTwo.leakRate).toBe((W47.leaked + W48.leaked) / (16 + 13));
  });
});
