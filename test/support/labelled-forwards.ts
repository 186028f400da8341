import { readdirSync, readFileSync } from 'node:fs';
import { htmlToTextWithCues } from '../../src/adapters/mail-in/html-to-text.ts';
import { parseMime } from '../../src/adapters/mail-in/parse-mime.ts';
import type { ParsedMessage } from '../../src/core/message.ts';
import { type ForwardedEmail, forwardOf } from '../../src/core/reply/forwarded.ts';
import { readDateText } from '../../src/core/time/date-text.ts';

/** What a person reads as the forwarded original (test/fixtures/forwards/README.md). */
export interface ForwardExpectation {
  fromName: string | null;
  fromAddress: string | null;
  subject: string | null;
  /** Wall-clock time as the forward block shows it, 'YYYY-MM-DDTHH:MM'. */
  date: string | null;
  /** The offset the block shows ('+01:00'), or null when it shows none. */
  offset: string | null;
}

export interface LabelledForward {
  id: string;
  client: string;
  lang: string;
  format: 'text' | 'html' | 'eml';
  message: Pick<ParsedMessage, 'text' | 'htmlText' | 'parts'>;
  expected: ForwardExpectation;
}

const FORWARDS = new URL('../fixtures/forwards/', import.meta.url);

interface Row {
  id: string;
  client: string;
  lang: string;
  format: 'text' | 'html';
  text?: string;
  html?: string;
  expected: ForwardExpectation;
}

/** Every labelled forward: the JSONL sets and the raw `.eml` forwards-as-attachment beside their `.json`. */
export async function loadLabelledForwards(): Promise<LabelledForward[]> {
  const out: LabelledForward[] = [];
  for (const file of readdirSync(FORWARDS)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    for (const line of readFileSync(new URL(file, FORWARDS), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as Row;
      out.push({
        id: row.id,
        client: row.client,
        lang: row.lang,
        format: row.format,
        message: {
          text: row.format === 'text' ? (row.text ?? '') : null,
          htmlText: row.html ? htmlToTextWithCues(row.html) : null,
          parts: [],
        },
        expected: row.expected,
      });
    }
  }
  const eml = new URL('eml/', FORWARDS);
  for (const file of readdirSync(eml)
    .filter((f) => f.endsWith('.eml'))
    .sort()) {
    const label = JSON.parse(readFileSync(new URL(file.replace(/\.eml$/, '.json'), eml), 'utf8')) as {
      client: string;
      lang: string;
      expected: ForwardExpectation;
    };
    out.push({
      id: file.replace(/\.eml$/, ''),
      client: label.client,
      lang: label.lang,
      format: 'eml',
      message: await parseMime(readFileSync(new URL(file, eml))),
      expected: label.expected,
    });
  }
  return out;
}

const norm = (s: string | null | undefined) =>
  (s ?? '')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(/^["'\s]+|["'\s]+$/g, '')
    .toLowerCase();

/** The instant a labelled date stands for, its wall clock read in UTC when the block shows no offset. */
function expectedInstant(e: ForwardExpectation): number | null {
  if (!e.date) return null;
  return Date.parse(`${e.date}:00${e.offset ?? 'Z'}`);
}

export interface ForwardScore {
  address: boolean;
  name: boolean;
  subject: boolean;
  date: boolean;
  found: ForwardedEmail | null;
  readAt: Date | null;
}

/** How Baton reads one labelled forward, field by field, the way the handoff pipeline reads it. */
export function scoreForward(row: LabelledForward): ForwardScore {
  const found = forwardOf(row.message);
  const e = row.expected;
  // A wall clock without a zone is the giver's; the labels read it in UTC, so the eval does too.
  const readAt = readDateText(found?.date ?? null, 'UTC', found?.languages);
  const want = expectedInstant(e);
  return {
    address: norm(found?.from?.address || null) === norm(e.fromAddress),
    name: norm(found?.from?.name || null) === norm(e.fromName),
    subject: norm(found?.subject) === norm(e.subject),
    // Labels show minutes; a header's seconds do not count.
    date:
      want === null
        ? readAt === null
        : readAt !== null && Math.floor(readAt.getTime() / 60_000) * 60_000 === want,
    found,
    readAt,
  };
}
