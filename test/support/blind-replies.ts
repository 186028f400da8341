import { parseMime } from '../../src/adapters/mail-in/parse-mime.ts';
import { CONFIRM_BELOW } from '../../src/core/reply/confidence.ts';
import { readReply } from '../../src/core/reply/read-reply.ts';
import { buildEml } from './eml.ts';
import { type LabelledReply, readContextOf } from './labelled-replies.ts';

/** How a blind set reads: intents (with the confusion counts), actions and due times of its commitments. */
export interface BlindScore {
  n: number;
  intent: number;
  /** 'want>got' → count. */
  confusion: Map<string, number>;
  byLanguage: Map<string, { n: number; ok: number }>;
  declinesAsCommitments: number;
  /** Readings as commitments below the confidence threshold: the receiver is asked to confirm them. */
  confirmed: { n: number; wrong: number };
  /** Commitments read with confidence that are wrong (another intent, or another due): these reach the giver. */
  wrongPromises: number;
  actions: { n: number; ok: number };
  dues: { n: number; ok: number };
  misses: string[];
}

const lower = (s: string | null | undefined) => (s ?? '').normalize('NFC').toLowerCase();

/**
 * Reads each labelled reply as the pipeline does: built as a real message (plain text, or HTML only),
 * parsed, then `readReply`. An action is right when it contains the labelled name or object.
 */
export async function scoreBlindSet(rows: readonly LabelledReply[]): Promise<BlindScore> {
  const score: BlindScore = {
    n: rows.length,
    intent: 0,
    confusion: new Map(),
    byLanguage: new Map(),
    declinesAsCommitments: 0,
    confirmed: { n: 0, wrong: 0 },
    wrongPromises: 0,
    actions: { n: 0, ok: 0 },
    dues: { n: 0, ok: 0 },
    misses: [],
  };
  for (const row of rows) {
    const raw = await buildEml({
      from: 'receiver@example.com',
      to: 'reply+token@handoffs.example.com',
      subject: 'Re: [H-1] Acme Corp',
      date: new Date(row.sentAt),
      ...(row.html ? { html: row.html } : { text: row.text }),
    });
    const got = readReply(await parseMime(raw), readContextOf(row));
    const key = `${row.intent}>${got.intent}`;
    score.confusion.set(key, (score.confusion.get(key) ?? 0) + 1);
    const language = score.byLanguage.get(row.lang) ?? { n: 0, ok: 0 };
    language.n += 1;
    score.byLanguage.set(row.lang, language);
    const shown = JSON.stringify(row.text || row.html);
    if (got.intent === row.intent) {
      score.intent += 1;
      language.ok += 1;
    } else score.misses.push(`${row.id} intent ${row.intent} → ${got.intent} (${got.rule}): ${shown}`);
    if (row.intent === 'decline' && got.intent === 'commit') score.declinesAsCommitments += 1;
    if (got.intent === 'commit') {
      const right =
        row.intent === 'commit' &&
        (row.due ? new Date(row.due).getTime() : null) === (got.due?.getTime() ?? null);
      if (got.confidence < CONFIRM_BELOW) {
        score.confirmed.n += 1;
        if (!right) score.confirmed.wrong += 1;
      } else if (!right) score.wrongPromises += 1;
    }
    if (row.intent !== 'commit') continue;
    if (row.action) {
      score.actions.n += 1;
      if (lower(got.action).includes(lower(row.action))) score.actions.ok += 1;
      else
        score.misses.push(`${row.id} action ${JSON.stringify(row.action)} → ${JSON.stringify(got.action)}`);
    }
    score.dues.n += 1;
    const want = row.due ? new Date(row.due).getTime() : null;
    const have = got.intent === 'commit' && got.due ? got.due.getTime() : null;
    if (want === have) score.dues.ok += 1;
    else
      score.misses.push(
        `${row.id} due ${row.due} → ${have === null ? null : new Date(have).toISOString()}: ${shown}`,
      );
  }
  return score;
}
