import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { htmlToTextWithCues } from '../../src/adapters/mail-in/html-to-text.ts';
import { parseMime } from '../../src/adapters/mail-in/parse-mime.ts';
import type { ParsedMessage } from '../../src/core/message.ts';
import { detectAutomatic, looksLikeOutOfOffice, readReturnDate } from '../../src/core/reply/automatic.ts';
import { type ReadContext, type ReplyReading, readReply } from '../../src/core/reply/read-reply.ts';
import type { Schedule } from '../../src/core/time/business-time.ts';
import { DEFAULT_WORKING_HOURS, parseWorkingHours } from '../../src/core/time/working-hours.ts';

const CORPORA = fileURLToPath(new URL('../fixtures/corpora/', import.meta.url));

function schedule(timeZone: string): Schedule {
  const hours = parseWorkingHours(DEFAULT_WORKING_HOURS);
  if (!hours.ok) throw new Error(hours.message);
  return { timeZone, hours: hours.value, holidays: [] };
}
const BERLIN: ReadContext = schedule('Europe/Berlin');

function message(overrides: Partial<ParsedMessage> = {}): ParsedMessage {
  return {
    messageId: '<m1@example.com>',
    from: { address: 'sam@example.com', name: 'Sam Lee' },
    to: [{ address: 'reply+token@handoffs.example.com', name: '' }],
    cc: [],
    replyTo: [],
    subject: 'Re: [H-1042] Jenna Park, Acme Corp',
    date: new Date('2026-03-10T14:00:00Z'),
    inReplyTo: null,
    references: [],
    headers: {},
    contentType: 'text/plain; charset=utf-8',
    text: 'Thanks!',
    html: null,
    htmlText: null,
    parts: [],
    ...overrides,
  };
}

const dsn = (action: string, status: string) =>
  message({
    from: { address: 'mailer-daemon@mx.example.net', name: 'Mail Delivery System' },
    subject: 'Delivery Status Notification',
    contentType: 'multipart/report; report-type=delivery-status; boundary="b"',
    text: 'This is the mail system.',
    parts: [
      {
        contentType: 'message/delivery-status',
        filename: null,
        text: `Reporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; Sam@Example.com\nAction: ${action}\nStatus: ${status}\nDiagnostic-Code: smtp; 550 ${status} mailbox unavailable`,
      },
    ],
  });

describe('headers and reports', () => {
  it('reads a failed RFC 3464 report as a bounce with the failed recipient and the diagnostic', () => {
    expect(detectAutomatic(dsn('failed', '5.1.1'))).toEqual({
      kind: 'bounce',
      rule: 'report:delivery-status',
      failedRecipient: 'sam@example.com',
      diagnostic: '5.1.1 550 5.1.1 mailbox unavailable',
    });
  });

  it('reads a delayed report as a bounce and a delivered-only report as no bounce', () => {
    expect(detectAutomatic(dsn('delayed', '4.4.7'))?.kind).toBe('bounce');
    expect(detectAutomatic(dsn('delivered', '2.0.0'))).toMatchObject({
      kind: 'auto-reply',
      rule: 'report:delivery-status-success',
    });
    expect(detectAutomatic(dsn('relayed', '2.0.0'))?.kind).toBe('auto-reply');
  });

  it('reads an RFC 5965 feedback report (a complaint) as a bounce', () => {
    const arf = message({
      contentType: 'multipart/report; report-type=feedback-report; boundary="b"',
      parts: [
        {
          contentType: 'message/feedback-report',
          filename: null,
          text: 'Feedback-Type: abuse\nUser-Agent: SomeFBL/1.0\nVersion: 1\nOriginal-Rcpt-To: <sam@example.com>\n',
        },
      ],
    });
    expect(detectAutomatic(arf)).toEqual({
      kind: 'bounce',
      rule: 'report:feedback-report',
      failedRecipient: 'sam@example.com',
      diagnostic: 'complaint (feedback type: abuse)',
    });
  });

  it('reads X-Failed-Recipients as a bounce naming that address', () => {
    const exim = message({
      from: { address: 'mailer-daemon@mx.example.net', name: 'Mail Delivery System' },
      subject: 'Mail delivery failed: returning message to sender',
      headers: { 'x-failed-recipients': 'sam@example.com' },
      text: 'This message was created automatically by mail delivery software.\n\n  sam@example.com\n    550 5.1.1 User unknown',
    });
    expect(detectAutomatic(exim)).toMatchObject({
      kind: 'bounce',
      rule: 'header:x-failed-recipients',
      failedRecipient: 'sam@example.com',
    });
  });

  it('reads an HTML-only bounce from its rendered text: the failed recipient and the diagnostic line', () => {
    const html =
      '<div><p>Delivery has failed to these recipients or groups:</p><p><a href="mailto:sam@example.com">sam@example.com</a></p>' +
      '<p>Remote server returned &#39;550 5.1.1 User unknown&#39;</p><p>Diagnostic information for administrators: see the original message.</p></div>';
    const bounce = message({
      from: { address: 'MAILER-DAEMON@mx.example.net', name: 'Mail Delivery System' },
      subject: 'Undeliverable: [H-1042] Jenna Park',
      text: null,
      html,
      htmlText: htmlToTextWithCues(html),
    });
    expect(detectAutomatic(bounce)).toEqual({
      kind: 'bounce',
      rule: 'from:mailer-daemon',
      failedRecipient: 'sam@example.com',
      diagnostic: "Remote server returned '550 5.1.1 User unknown'",
    });
  });

  it.each([
    [{ 'auto-submitted': 'auto-replied' }, 'header:auto-submitted'],
    [{ 'auto-submitted': 'auto-generated' }, 'header:auto-submitted'],
    [{ 'x-autoreply': 'yes' }, 'header:x-autoreply'],
    [{ 'x-autorespond': 'vacation' }, 'header:x-autorespond'],
    [{ 'x-autogenerated': 'Reply' }, 'header:x-autogenerated'],
    [{ precedence: 'auto_reply' }, 'header:precedence'],
    [{ precedence: 'bulk' }, 'header:precedence'],
    [{ precedence: 'junk' }, 'header:precedence'],
    [{ precedence: 'list' }, 'header:precedence'],
    [{ 'list-id': 'Sales <sales.lists.example.com>' }, 'header:list-id'],
    [{ 'return-path': '<>' }, 'header:null-return-path'],
  ])('reads %o as an auto-reply', (headers, rule) => {
    expect(detectAutomatic(message({ headers }))).toMatchObject({ kind: 'auto-reply', rule });
  });

  it('does not read status-code-like numbers in an auto-reply as a delivery failure', () => {
    const vacation = message({
      headers: { 'auto-submitted': 'auto-replied' },
      subject: 'Away until Monday',
      text: 'I am at the launch of release 4.2.1 in room 550 until Monday.',
    });
    expect(detectAutomatic(vacation)).toMatchObject({ kind: 'auto-reply', rule: 'header:auto-submitted' });
  });

  it('does not read Auto-Submitted: no or X-Auto-Response-Suppress as automatic', () => {
    expect(detectAutomatic(message({ headers: { 'auto-submitted': 'no' } }))).toBeNull();
    expect(detectAutomatic(message({ headers: { 'x-auto-response-suppress': 'All' } }))).toBeNull();
  });

  it('reads a declared automatic message from a mailer daemon or with a failure subject as a bounce', () => {
    const postfix = message({
      headers: { 'auto-submitted': 'auto-replied' },
      from: { address: 'MAILER-DAEMON@mx.example.net', name: '' },
      subject: 'Undelivered Mail Returned to Sender',
      text: "I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n<sam@example.com>: host mx said: 550 5.1.1 User unknown",
    });
    expect(detectAutomatic(postfix)).toMatchObject({
      kind: 'bounce',
      rule: 'header:auto-submitted+from:mailer-daemon',
      failedRecipient: 'sam@example.com',
    });
  });
});

describe('sender and subject', () => {
  it.each([
    'Undelivered Mail Returned to Sender',
    'Delivery Status Notification (Failure)',
    'Unzustellbar: [H-1042] Jenna Park',
    'Mail delivery failed: returning message to sender',
    'Non remis : [H-1042] Jenna Park',
    'No se puede entregar: [H-1042]',
    'Mensagem não entregue: [H-1042]',
    '配信不能: [H-1042]',
    'Mancata consegna: [H-1042] Jenna Park',
    'Onbestelbaar: [H-1042] Jenna Park',
  ])('reads the subject "%s" with a failure in the body as a bounce', (subject) => {
    const reading = detectAutomatic(
      message({ subject, text: 'Your message could not be delivered to sam@example.com.' }),
    );
    expect(reading).toMatchObject({
      kind: 'bounce',
      rule: 'subject:delivery-failure',
      failedRecipient: 'sam@example.com',
    });
  });

  it.each([
    ['Mancata consegna: [H-1042]', 'Non è stato possibile consegnare il messaggio a sam@example.com.'],
    ['Messaggio non recapitato: [H-1042]', 'Indirizzo inesistente: sam@example.com'],
    ['Onbestelbaar: [H-1042]', 'Het bericht kon niet worden bezorgd bij sam@example.com.'],
    ['Niet bezorgd: [H-1042]', 'Onbekende ontvanger: sam@example.com'],
  ])('reads the subject "%s" with "%s" in the body as a bounce', (subject, text) => {
    expect(detectAutomatic(message({ subject, text }))).toMatchObject({
      kind: 'bounce',
      rule: 'subject:delivery-failure',
      failedRecipient: 'sam@example.com',
    });
  });

  it('reads mail from a mailer daemon as a bounce', () => {
    const reading = detectAutomatic(
      message({
        from: { address: 'postmaster@example.net', name: 'Mail Administrator' },
        subject: 'Returned mail',
      }),
    );
    expect(reading?.rule).toBe('from:mailer-daemon');
  });

  it.each([
    'Out of Office: [H-1042] Jenna Park',
    'Automatic reply: [H-1042] Jenna Park',
    'Abwesenheitsnotiz: [H-1042] Jenna Park',
    'Automatische Antwort: [H-1042]',
    'Absence du bureau : [H-1042]',
    'Réponse automatique : [H-1042]',
    'Respuesta automática: [H-1042]',
    'Resposta automática: [H-1042]',
    '自動応答: [H-1042]',
    'Vacation until Monday',
    'Risposta automatica: [H-1042] Jenna Park',
    'Fuori ufficio: [H-1042]',
    'Ferie fino al 7/12',
    'Automatisch antwoord: [H-1042] Jenna Park',
    'Afwezigheidsmelding: [H-1042]',
    'Vakantie tot 7 december',
  ])('reads the subject "%s" as an auto-reply', (subject) => {
    expect(detectAutomatic(message({ subject }))).toMatchObject({
      kind: 'auto-reply',
      rule: 'subject:out-of-office',
    });
  });

  it('does not read a human reply about a vacation-rental lead as an auto-reply', () => {
    expect(
      detectAutomatic(message({ subject: 'Re: [H-1042] Acme Vacation Rentals: demo request' })),
    ).toBeNull();
  });
});

describe('out-of-office text and its return date', () => {
  const sentAt = new Date('2026-12-01T08:00:00+01:00');
  it.each([
    ['I am out of the office until Monday, December 7 with limited access to email.', '2026-12-07'],
    [
      "Out of office: I'm travelling with limited email access and will be back on Monday 7 December.",
      '2026-12-07',
    ],
    ['Ich bin derzeit nicht im Büro. Ab Montag, 7. Dezember, bin ich wieder für Sie da.', '2026-12-07'],
    [
      'Ich bin bis einschließlich 04.12. nicht im Büro und in dringenden Fällen über Dana erreichbar.',
      '2026-12-07',
    ],
    ['Je suis absent du bureau et serai de retour le 7 décembre.', '2026-12-07'],
    ['Respuesta automática: estoy fuera de la oficina. Volveré el 7 de diciembre.', '2026-12-07'],
    ['Resposta automática: estou fora do escritório. Retorno no dia 07/12.', '2026-12-07'],
    ['自動応答：出張のため12月4日まで不在です。12月7日（月）に出社予定です。', '2026-12-07'],
    ['Sono fuori ufficio fino al 4 dicembre compreso. Per questioni urgenti scrivere a Dana.', '2026-12-07'],
    ['Risposta automatica: sono in ferie e rientrerò il 7 dicembre.', '2026-12-07'],
    [
      'Grazie. Sono assente, con accesso limitato alla posta, e sarò di nuovo in ufficio dal 7 dicembre.',
      '2026-12-07',
    ],
    ['Ik ben afwezig tot en met 4 december. Voor dringende zaken kunt u Dana mailen.', '2026-12-07'],
    ['Automatisch antwoord: ik ben niet op kantoor en terug op 7 december.', '2026-12-07'],
    ['Bedankt voor uw bericht. Ik ben met vakantie en vanaf 7 december weer bereikbaar.', '2026-12-07'],
  ])('recognises "%s" and reads the return date %s', (text, date) => {
    expect(looksLikeOutOfOffice(text)).toBe(true);
    expect(readReturnDate(text, sentAt, schedule('Europe/Berlin'))).toBe(date);
  });

  it.each([
    "Can't take this one, I'm on leave until the 20th. Sorry!",
    'Kann ich leider nicht übernehmen, ich bin ab morgen im Urlaub.',
    "I'm out next week so I can't pick this up - maybe give it to Jordan?",
    "I'll call them tomorrow at 10.",
    'Non posso prenderla, sono in ferie fino al 20.',
    'Ik kan dit niet oppakken, ik ben met verlof tot 20 december.',
  ])('does not read a person\'s own words "%s" as an out-of-office notice', (text) => {
    expect(looksLikeOutOfOffice(text)).toBe(false);
  });

  it('gives no return date when none is written', () => {
    expect(
      readReturnDate(
        'I am out of the office with limited access to email.',
        sentAt,
        schedule('Europe/Berlin'),
      ),
    ).toBeNull();
  });
});

interface SisimaiRecord {
  file: string;
  class: 'bounce' | 'feedback-report' | 'auto-reply' | 'dsn-delivered-not-a-bounce' | 'not-a-bounce';
}

describe('the sisimai set-of-emails corpus', () => {
  const dir = `${CORPORA}sisimai-set-of-emails/`;
  const records = readFileSync(`${dir}expectations.jsonl`, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as SisimaiRecord)
    .filter((r) => existsSync(dir + r.file));
  const readings = new Map<string, ReplyReading>();
  beforeAll(async () => {
    for (const record of records)
      readings.set(record.file, readReply(await parseMime(readFileSync(dir + record.file)), BERLIN));
  });
  const ofClass = (cls: SisimaiRecord['class']) => records.filter((r) => r.class === cls);

  it('recognises at least 99 % of its bounces as bounces, most with the failed recipient', () => {
    const bounces = ofClass('bounce');
    const recognised = bounces.filter((r) => readings.get(r.file)?.intent === 'bounce');
    expect(bounces.length).toBeGreaterThan(500);
    expect(recognised.length / bounces.length).toBeGreaterThanOrEqual(0.99);
    const named = recognised.filter((r) => readings.get(r.file)?.failedRecipient);
    expect(named.length / recognised.length).toBeGreaterThanOrEqual(0.95);
  });

  it('never reads a success report (Action: delivered) as a bounce', () => {
    for (const record of ofClass('dsn-delivered-not-a-bounce')) {
      expect(readings.get(record.file)?.intent, record.file).not.toBe('bounce');
    }
  });

  it('never reads ordinary mail from its "not a bounce" folder as a bounce', () => {
    for (const record of ofClass('not-a-bounce').filter((r) => !r.file.endsWith('rb-issue-368-bug.eml'))) {
      expect(readings.get(record.file)?.intent, record.file).not.toBe('bounce');
    }
  });

  it('reads rb-issue-368-bug.eml, filed upstream under "not a bounce", as the postmaster mailbox-full rejection it is', () => {
    // Auto-Submitted, From postmaster@, Return-Path <>, "Your message was rejected and discarded … Mailbox
    // full": every rule that makes this no bounce also drops real bounces of the same shape (see the report).
    expect(readings.get('maildir/not/rb-issue-368-bug.eml')).toMatchObject({
      intent: 'bounce',
      failedRecipient: 'xxxx@yyyyyy.net',
    });
  });

  it('reads its vacation auto-replies as auto-replies', () => {
    for (const record of ofClass('auto-reply'))
      expect(readings.get(record.file)?.intent, record.file).toBe('auto-reply');
  });

  it('never reads a feedback report as an acknowledgment, and reads ARF reports as bounces', () => {
    for (const record of ofClass('feedback-report')) {
      const reading = readings.get(record.file);
      expect(['bounce', 'auto-reply'], record.file).toContain(reading?.intent);
      if (record.file.includes('/arf-') && reading?.rule === 'report:feedback-report')
        expect(reading.intent).toBe('bounce');
    }
    const bounces = ofClass('feedback-report').filter((r) => readings.get(r.file)?.intent === 'bounce');
    expect(bounces.length).toBeGreaterThanOrEqual(17);
  });
});

describe('the Discourse automatic-mail fixtures', () => {
  const dir = `${CORPORA}discourse-automatic/`;
  const read = async (file: string) => readReply(await parseMime(readFileSync(dir + file)), BERLIN);

  it.each([
    'auto_generated_header.eml',
    'auto_generated_precedence.eml',
    'auto_generated_subject.eml',
    'auto_reply.eml',
  ])('reads %s as an auto-reply', async (file) => {
    expect((await read(file)).intent).toBe('auto-reply');
  });

  it.each(['bounced_email.eml', 'bounced_email_multiple_status_codes.eml', 'hard_bounce_via_verp.eml'])(
    'reads %s as a bounce of linux-admin@b-s-c.co.jp with status 5.1.1',
    async (file) => {
      const reading = await read(file);
      expect(reading).toMatchObject({ intent: 'bounce', failedRecipient: 'linux-admin@b-s-c.co.jp' });
      expect(reading.reason).toContain('5.1.1');
    },
  );

  it("reads an Exchange reply carrying X-Auto-Response-Suppress as a person's reply", async () => {
    expect(['bounce', 'auto-reply']).not.toContain((await read('quirks_exchange_xars.eml')).intent);
  });
});
