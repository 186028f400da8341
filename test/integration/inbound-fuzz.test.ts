import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dedupeKey } from '../../src/adapters/mail-in/dedupe-key.ts';
import { createHarness, type Harness } from '../support/harness.ts';

// 500 runs (10,000 inputs) in `npm test`; `npm run bench -- fuzz` sets 5,000 (100,000 inputs).
const RUNS = Number(process.env.BATON_FUZZ_RUNS ?? 500);
const BATCH = 20; // messages delivered concurrently per run: RUNS × BATCH inputs in all

const CRLF = fc.constantFrom('\r\n', '\n', '\r');
const address = fc.constantFrom(
  'maya@example.com',
  'Maya Patel <maya@example.com>',
  'bob@example.com',
  'handoff@handoffs.example.com',
  'reply+AAAA.BBBB@handoffs.example.com',
  'bounces+x.y.z@handoffs.example.com',
  'mailer-daemon@mx.example.com',
  '"=?utf-8?B?w6nDqQ==?=" <x@y.z>',
  '<>',
  'undisclosed-recipients:;',
  'a@b',
  '',
);
const headerValue = fc.oneof(
  address,
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom(
    '[H-1001] Re: Acme',
    '=?utf-8?Q?caf=C3=A9?=',
    '=?bogus?X?broken',
    'auto-replied',
    'bulk',
    '<sales.lists.example.com>',
    'Tue, 24 Nov 2026 14:00:00 +0000',
    'not a date',
    '<id@example.com> <other@example.com>',
    'text/plain; charset=utf-8',
    'text/html; charset="iso-8859-1"',
    'multipart/mixed; boundary="b"',
    'multipart/alternative; boundary=',
    'multipart/report; report-type=delivery-status; boundary="b"',
    'base64',
    'quoted-printable',
    '8bit',
  ),
);
const headerName = fc.oneof(
  fc.constantFrom(
    'From',
    'To',
    'Cc',
    'Subject',
    'Message-ID',
    'In-Reply-To',
    'References',
    'Date',
    'Content-Type',
    'Content-Transfer-Encoding',
    'MIME-Version',
    'Auto-Submitted',
    'Precedence',
    'List-Id',
    'Return-Path',
    'Authentication-Results',
  ),
  fc.stringMatching(/^[!-9;-~]{1,20}$/),
);
const header = fc
  .tuple(headerName, headerValue, fc.boolean(), CRLF)
  .map(([name, value, fold, eol]) => `${name}: ${fold ? value.replace(/ /, `${eol} `) : value}${eol}`);
const bodyText = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.constantFrom(
    'Lead: Jane Roe <jane@acme.io>\r\nTrigger: webinar\r\nSummary: SSO\r\n',
    'Got it, calling them tomorrow at 10.\r\n',
    '<html><body><p>Hi <script>alert(1)</script></p></body></html>',
    '--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nFinal-Recipient: rfc822; bob@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n--b--\r\n',
    '--b\r\nContent-Type: text/plain\r\n\r\nunterminated multipart',
    '=E2=82=AC=\r\n=ZZ soft break',
    'SGVsbG8gd29ybGQ=\r\n!!!not base64!!!',
  ),
);
const structured = fc
  .tuple(fc.array(header, { maxLength: 25 }), CRLF, fc.array(bodyText, { maxLength: 4 }))
  .map(([headers, eol, body]) => Buffer.from(`${headers.join('')}${eol}${body.join(eol)}`, 'latin1'));
const randomBytes = fc.uint8Array({ maxLength: 2_000 }).map((b) => Buffer.from(b));
const overLimit = fc
  .tuple(fc.integer({ min: 1_001, max: 1_300 }), bodyText)
  .map(([n, body]) => Buffer.from(`${'X-Junk: y\r\n'.repeat(n)}\r\n${body}`, 'latin1'));
const rawMessage = fc.oneof(
  { arbitrary: structured, weight: 8 },
  { arbitrary: randomBytes, weight: 3 },
  { arbitrary: overLimit, weight: 1 },
);

describe('fuzzing raw MIME through the inbound pipeline (PostgreSQL)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ kind: 'postgres' });
    // Sending is not on the inbound path: what is queued stays in the outbox.
    h.deps.deliver = async () => {};
  });
  afterAll(async () => h?.close());

  it(
    `stores every one of ${RUNS * BATCH} generated messages, never crashes, and records an outcome or a named error for each`,
    async () => {
      let inputs = 0;
      const started = performance.now();
      await fc.assert(
        fc.asyncProperty(fc.array(rawMessage, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
          inputs += batch.length;
          const outcomes = await Promise.all(batch.map((raw) => h.receive(raw)));
          const rows = await h.db
            .selectFrom('inbound_messages')
            .select(['id', 'dedupe_key', 'raw', 'status', 'outcome', 'error_kind', 'error_message'])
            .where(
              'id',
              'in',
              outcomes.map((o) => o.inboundId),
            )
            .execute();
          const byId = new Map(rows.map((r) => [Number(r.id), r]));
          batch.forEach((raw, i) => {
            const row = byId.get(outcomes[i]!.inboundId);
            // Stored: this very message, or (a duplicate) the first message with its dedupe key.
            expect(row).toBeDefined();
            if (!outcomes[i]!.duplicate) expect(Buffer.from(row!.raw).equals(raw)).toBe(true);
            expect(row!.dedupe_key).toBe(dedupeKey(raw));
          });
          for (const row of rows) {
            expect(['processed', 'failed']).toContain(row.status);
            if (row.status === 'failed') {
              expect(row.error_kind).toMatch(/^(parse|limit|processing)$/);
              expect(row.error_message?.length).toBeGreaterThan(0);
            } else expect(row.outcome?.length).toBeGreaterThan(0);
            if (/^(X-Junk: y\r\n){1001}/.test(Buffer.from(row.raw).toString('latin1')))
              expect(row).toMatchObject({ status: 'failed', error_kind: 'limit' });
          }
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
      const seconds = (performance.now() - started) / 1000;
      expect(inputs).toBe(RUNS * BATCH);
      const counts = await h.db
        .selectFrom('inbound_messages')
        .select(['status', 'error_kind', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['status', 'error_kind'])
        .execute();
      console.info(`fuzz: ${inputs} inputs in ${seconds.toFixed(1)} s`, counts);
    },
    Math.max(180_000, RUNS * 360),
  );
});
