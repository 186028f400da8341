import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseMime } from '../../src/adapters/mail-in/parse-mime.ts';
import { readReturnDate } from '../../src/core/reply/automatic.ts';
import { type Intent, type ReadContext, readReply, readText } from '../../src/core/reply/read-reply.ts';
import { DEFAULT_WORKING_HOURS, parseWorkingHours } from '../../src/core/time/working-hours.ts';
import { scoreBlindSet } from '../support/blind-replies.ts';
import { buildEml } from '../support/eml.ts';
import {
  type LabelledReply as Labelled,
  loadLabelledReplies as load,
  readContextOf,
} from '../support/labelled-replies.ts';

const REPLIES = fileURLToPath(new URL('../fixtures/replies/', import.meta.url));

function context(timeZone: string, workingHours = DEFAULT_WORKING_HOURS): ReadContext {
  const hours = parseWorkingHours(workingHours);
  if (!hours.ok) throw new Error(hours.message);
  return { timeZone, hours: hours.value, holidays: [] };
}

interface Score {
  intent: number;
  due: number;
  reassign: number;
  returnDate: number;
  failures: string[];
}

function score(rows: Labelled[]): Score {
  let intent = 0;
  let dueTotal = 0;
  let due = 0;
  let reassignTotal = 0;
  let reassign = 0;
  let returnTotal = 0;
  let returnDate = 0;
  const failures: string[] = [];
  for (const row of rows) {
    const ctx = readContextOf(row);
    const sentAt = new Date(row.sentAt);
    const got = readText(row.text, sentAt, ctx);
    if (got.intent === row.intent) intent += 1;
    else failures.push(`${row.id}: ${row.intent} read as ${got.intent} (${got.rule})`);
    if (row.intent === 'commit') {
      dueTotal += 1;
      const want = row.due ? new Date(row.due).getTime() : null;
      if ((got.intent === 'commit' && got.due ? got.due.getTime() : null) === want) due += 1;
      else failures.push(`${row.id}: due ${row.due} read as ${got.due?.toISOString() ?? null}`);
    }
    if (row.intent === 'reassign') {
      reassignTotal += 1;
      if (got.reassignTo === row.reassignTo) reassign += 1;
      else failures.push(`${row.id}: reassignTo ${row.reassignTo} read as ${got.reassignTo}`);
    }
    if (row.intent === 'auto-reply') {
      returnTotal += 1;
      const date = readReturnDate(row.text, sentAt, ctx);
      if (date === (row.returnDate ?? null)) returnDate += 1;
      else failures.push(`${row.id}: returnDate ${row.returnDate} read as ${date}`);
    }
  }
  return {
    intent: intent / rows.length,
    due: due / dueTotal,
    reassign: reassign / reassignTotal,
    returnDate: returnDate / returnTotal,
    failures,
  };
}

describe('a typed out-of-office sentence', () => {
  const berlin = context('Europe/Berlin');
  const at = new Date('2026-11-26T08:00:00Z');

  it('is never a commitment when it says only that the writer is away', () => {
    for (const text of ["I'm out of office until Dec 14", 'I am on vacation until December 14.']) {
      expect(readText(text, at, berlin), text).toMatchObject({
        intent: 'auto-reply',
        rule: 'body:typed-absence',
      });
    }
    expect(readText('Hi Maya,\n\nOn leave till Monday.\n\nBob', at, berlin).intent).not.toBe('commit');
  });

  it('keeps a real promise beside it, with the return as its date', () => {
    const reading = readText("I'm out of office until Dec 14, will call her when I'm back.", at, berlin);
    expect(reading.intent).toBe('commit');
    expect(reading.due?.toISOString()).toBe('2026-12-14T16:00:00.000Z');
  });

  it('dates a promise by its own time, never by the day the absence starts', () => {
    const own = readText("I'm on leave from tomorrow, so I'll call Mr Sato on the 10th at 3pm.", at, berlin);
    expect(own.intent).toBe('commit');
    expect(own.due?.toISOString()).toBe('2026-12-10T14:00:00.000Z');
    const japanese = readText(
      '明日から休暇をいただきますので、10日の15時に佐藤様へお電話します。',
      at,
      berlin,
    );
    expect(japanese.intent).toBe('commit');
    expect(japanese.due?.toISOString()).toBe('2026-12-10T14:00:00.000Z');
    const whenBack = readText("I'm on leave from tomorrow, I'll call her when I'm back.", at, berlin);
    expect(whenBack.due).toBeNull();
  });

  it('does not take someone else being away for the writer', () => {
    const text = 'Will call Mr Tan on the 26th once he is back — his PA said he is travelling until then.';
    expect(readText(text, at, berlin).intent).toBe('commit');
  });
});

describe('the labelled replies', () => {
  const rows = load('labelled.jsonl');

  it('has at least 150 realistic replies, 15 or more in each of en, de, fr, es, pt and ja', () => {
    expect(rows.length).toBeGreaterThanOrEqual(150);
    for (const lang of ['en', 'de', 'fr', 'es', 'pt', 'ja']) {
      expect(rows.filter((r) => r.lang === lang).length, lang).toBeGreaterThanOrEqual(15);
    }
  });

  it('reads at least 95 % of intents and 90 % of due times right', () => {
    const result = score(rows);
    expect(result.intent, result.failures.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(result.due, result.failures.join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(result.reassign, result.failures.join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(result.returnDate, result.failures.join('\n')).toBeGreaterThanOrEqual(0.9);
  });
});

describe('the holdout replies (written up-front, never tuned against)', () => {
  const rows = load('holdout.jsonl');

  it('has at least 60 replies across the six languages', () => {
    expect(rows.length).toBeGreaterThanOrEqual(60);
    expect(new Set(rows.map((r) => r.lang))).toEqual(new Set(['en', 'de', 'fr', 'es', 'pt', 'ja']));
  });

  it('reads at least 95 % of intents and 90 % of due times right', () => {
    const result = score(rows);
    expect(result.intent, result.failures.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(result.due, result.failures.join('\n')).toBeGreaterThanOrEqual(0.9);
  });
});

describe.each([
  ['italian.jsonl', 'it'],
  ['dutch.jsonl', 'nl'],
])('replies in a language added as one lexicon file, written before its words (%s)', (file, lang) => {
  const rows = load(file);

  it('has at least 40 replies in that language', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(new Set(rows.map((r) => r.lang))).toEqual(new Set([lang]));
  });

  // First measured with no words of the language at all: Italian 55 % and Dutch 40 % of intents.
  it('reads at least 90 % of intents and 75 % of due times right', () => {
    const result = score(rows);
    expect(result.intent, result.failures.join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(result.due, result.failures.join('\n')).toBeGreaterThanOrEqual(0.75);
  });
});

describe.each([
  ['independent.jsonl', 120],
  ['independent-2.jsonl', 96],
  ['independent-3.jsonl', 96],
  ['independent-4.jsonl', 120],
  ['independent-5.jsonl', 120],
  ['independent-6.jsonl', 120],
  ['independent-7.jsonl', 120],
  ['independent-8.jsonl', 120],
  ['independent-9.jsonl', 120],
  ['independent-10.jsonl', 120],
])('replies written by another engineer who never saw the rules (%s)', (file, size) => {
  const rows = load(file);

  it('has its replies across six languages', () => {
    expect(rows.length).toBe(size);
    expect(new Set(rows.map((r) => r.lang))).toEqual(new Set(['en', 'de', 'fr', 'es', 'pt', 'ja']));
  });

  it('reads at least 95 % of intents, 90 % of due times and 90 % of reassign targets right', () => {
    const result = score(rows);
    expect(result.intent, result.failures.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(result.due, result.failures.join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(result.reassign, result.failures.join('\n')).toBeGreaterThanOrEqual(0.9);
  });
});

/*
 * The blind sets, each written by a helper who saw neither the rules nor any other set, read end to end
 * as real messages (plain text or HTML only). A first measured unseen: intent 109/132, action 38/50,
 * due 26/50; its classes then fixed (titles, polite declines, reassigns asked as questions, busy vague
 * replies, past-tense reports, holidays, spoken clock times, weekday typos, office-hours lines). B first
 * measured unseen: intent 109/132, action 36/50, due 27/50; measured again after A's classes were fixed
 * (never tuned on B): intent 124/132, action 47/50, due 44/50; then 126, 48, 45 with four words its
 * misses showed (Italian mezzogiorno, Portuguese telefono/contactarei, French "pas possible pour moi").
 */
describe.each([
  ['blind-a.jsonl', { intent: 132, actions: 50, dues: 47 }],
  ['blind-b.jsonl', { intent: 129, actions: 50, dues: 47 }],
  // C and D: written blind from blind-brief.md; D first measured 106/132, 44/50, 31/50; C (after D's
  // first fixes, never tuned on) 115/132, 46/50, 37/50.
  ['blind-c.jsonl', { intent: 129, actions: 49, dues: 49 }],
  ['blind-d.jsonl', { intent: 128, actions: 49, dues: 49 }],
  // E: written blind after C and D were fixed; its first measure, 119/132, 46/50, 40/50, had two declines
  // read as commitments.
  ['blind-e.jsonl', { intent: 132, actions: 48, dues: 47 }],
  // F: written blind with G; first measure (after the fixes for A–E, before any for F or G), 123/132,
  // 49/50, 43/50, no decline read as a commitment.
  ['blind-f.jsonl', { intent: 130, actions: 49, dues: 45 }],
  // G: written blind after E was fixed; its first measure (with the fixes of this change for A–E, before
  // any for G), 125/132, 49/50, 49/50, had two declines read as commitments.
  ['blind-g.jsonl', { intent: 132, actions: 49, dues: 50 }],
] as const)('blind reply set %s', (set, floor) => {
  const rows = load(set);

  it('has 132 replies across eight languages', () => {
    expect(rows.length).toBe(132);
    expect(new Set(rows.map((r) => r.lang))).toEqual(
      new Set(['en', 'de', 'fr', 'es', 'pt', 'ja', 'it', 'nl']),
    );
  });

  it(`reads at least ${floor.intent} of 132 intents, ${floor.actions} of 50 actions and ${floor.dues} of 50 due times right, and no decline as a commitment`, async () => {
    const score = await scoreBlindSet(rows);
    const misses = score.misses.join('\n');
    expect(score.intent, misses).toBeGreaterThanOrEqual(floor.intent);
    expect(score.actions.ok, misses).toBeGreaterThanOrEqual(floor.actions);
    expect(score.dues.ok, misses).toBeGreaterThanOrEqual(floor.dues);
    expect(score.declinesAsCommitments).toBe(0);
  });
});

interface Sidecar {
  client: string;
  timeZone: string;
  workingHours?: string;
  intent: Intent;
  action: string | null;
  due: string | null;
  reassignTo: string | null;
  returnDate: string | null;
  rule: string;
}

describe('raw replies from five mail clients', () => {
  const dir = `${REPLIES}eml/`;
  const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));

  it.each(files)('reads %s end to end as its sidecar expects', async (file) => {
    const expected = JSON.parse(readFileSync(dir + file.replace(/\.eml$/, '.json'), 'utf8')) as Sidecar;
    const reading = readReply(
      await parseMime(readFileSync(dir + file)),
      context(expected.timeZone, expected.workingHours),
    );
    expect({
      intent: reading.intent,
      action: reading.action,
      due: reading.due?.getTime() ?? null,
      reassignTo: reading.reassignTo,
      returnDate: reading.returnDate,
      rule: reading.rule,
    }).toEqual({
      intent: expected.intent,
      action: expected.action,
      due: expected.due ? new Date(expected.due).getTime() : null,
      reassignTo: expected.reassignTo,
      returnDate: expected.returnDate,
      rule: expected.rule,
    });
    expect(reading.text).not.toMatch(/wrote:|schrieb|From: Baton|Baton </);
  });

  it('covers Gmail, Outlook, Apple Mail, Thunderbird and Yahoo', () => {
    const clients = files.map(
      (f) => (JSON.parse(readFileSync(dir + f.replace(/\.eml$/, '.json'), 'utf8')) as Sidecar).client,
    );
    for (const name of ['Gmail', 'Outlook', 'Apple Mail', 'Thunderbird', 'Yahoo']) {
      expect(
        clients.some((c) => c.includes(name)),
        name,
      ).toBe(true);
    }
  });
});

describe('readReply', () => {
  const ctx = context('America/New_York');
  const base = {
    messageId: '<r1@example.com>',
    from: { address: 'sam@example.com', name: 'Sam Lee' },
    to: [],
    cc: [],
    replyTo: [],
    subject: 'Re: [H-1042] Jenna Park',
    inReplyTo: null,
    references: [],
    headers: {},
    contentType: 'text/plain',
    html: null,
    htmlText: null,
    parts: [],
  };

  it('reads an HTML-only reply whose sentence is longer than a line as one sentence, with its time', async () => {
    const sentence =
      "Merci ! J'envoie la proposition à Mme Claes (Brasserie des Trois Ponts) demain avant midi, j'attends juste les prix du module traçabilité.";
    const html = `<div>Salut Tom,</div><div><br></div><div>${sentence}</div>`;
    const raw = await buildEml({
      from: 'nathalie@example.com',
      to: 'reply+token@handoffs.example.com',
      subject: 'Re: [H-1] Brasserie des Trois Ponts',
      date: new Date('2026-03-10T15:00:00Z'),
      html,
    });
    const message = await parseMime(raw);
    expect(message.text).toContain(sentence);
    const reading = readReply(message, context('Europe/Brussels'));
    expect(reading.intent).toBe('commit');
    expect(reading.due?.toISOString()).toBe('2026-03-11T11:00:00.000Z');
  });

  it("reads the due time relative to the reply's Date header", () => {
    const reading = readReply(
      { ...base, date: new Date('2026-03-10T18:05:00Z'), text: "I'll call them tomorrow at 10." },
      ctx,
    );
    expect(reading).toMatchObject({
      intent: 'commit',
      rule: 'commit:verb+time',
      action: "I'll call them tomorrow at 10.",
    });
    expect(reading.due?.toISOString()).toBe('2026-03-11T14:00:00.000Z');
  });

  it('still classifies a reply without a Date header, but claims no due instant', () => {
    const reading = readReply({ ...base, date: null, text: "I'll call them tomorrow at 10." }, ctx);
    expect(reading).toMatchObject({ intent: 'commit', due: null });
  });

  it('reads an out-of-office body without automatic headers as an auto-reply with its return date', () => {
    const reading = readReply(
      {
        ...base,
        date: new Date('2026-03-10T12:00:00Z'),
        text: 'I am out of the office until Monday, March 16 with limited access to email.',
      },
      ctx,
    );
    expect(reading).toMatchObject({
      intent: 'auto-reply',
      rule: 'body:out-of-office',
      returnDate: '2026-03-16',
    });
  });

  it('reads a 766 KB reply within 50 ms', async () => {
    const long = readFileSync(
      fileURLToPath(
        new URL(
          '../fixtures/corpora/github-email_reply_parser/test/emails/email_long_quote.txt',
          import.meta.url,
        ),
      ),
      'utf8',
    );
    const message = { ...base, date: new Date('2026-03-10T12:00:00Z'), text: long };
    readReply(message, ctx);
    const runs = Array.from({ length: 5 }, () => {
      const start = performance.now();
      readReply(message, ctx);
      return performance.now() - start;
    }).sort((a, b) => a - b);
    expect(long.length).toBeGreaterThan(700_000);
    expect(runs[2]).toBeLessThan(50);
  });
});
