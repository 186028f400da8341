import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEml } from '../support/eml.ts';
import { type Running, startRuntime, stopRuntimes } from '../support/node-runtime.ts';

/*
 * A forwarded lead, as each family of mail clients writes its forward, sent to handoff@ through
 * Baton's SMTP listener with Bob in Cc: Bob's email names the lead and shows what the lead wrote.
 */

let r: Running;
let sent = 0;
beforeAll(async () => {
  r = await startRuntime({}, { apiToken: 'forwards-token' });
}, 60_000);
afterAll(stopRuntimes);

/** Sends Maya's forward through SMTP and waits until Baton has processed it; its outcome. */
async function forward(body: {
  text?: string;
  html?: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}) {
  sent += 1;
  const raw = await buildEml({
    from: 'Maya Patel <maya@example.com>',
    to: 'handoff@handoffs.example.com',
    cc: 'Bob Smith <bob@example.com>',
    subject: `Fwd: lead ${sent}`,
    messageId: `<forward-${sent}@mail.example.com>`,
    date: new Date(),
    ...body,
  });
  expect(
    await r.send(raw.toString('utf8'), {
      from: 'maya@example.com',
      to: ['handoff@handoffs.example.com', 'bob@example.com'],
    }),
  ).toMatch(/^250/);
  for (let i = 0; i < 200; i++) {
    const rows = await r.inbound();
    const row = rows[sent - 1];
    if (row?.outcome) return row;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`forward ${sent} was never processed`);
}

/** The emails Baton wrote about the handoff a message opened, parsed, to one address. */
async function mailsTo(address: string, handoffId: string) {
  const rows = await r.db
    .selectFrom('outbound_messages')
    .select(['message_id', 'to_addresses'])
    .where('handoff_id', '=', handoffId)
    .execute();
  const ids = new Set(rows.filter((m) => m.to_addresses.includes(address)).map((m) => m.message_id));
  for (let i = 0; i < 100; i++) {
    const files = await r.mailbox();
    const parsed = await Promise.all(
      files.map(async (f) => simpleParser(readFileSync(join(r.dataDir, 'mailbox', f)))),
    );
    const found = parsed.filter((m) => m.messageId && ids.has(m.messageId));
    if (found.length === ids.size) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`emails to ${address} never reached the mailbox`);
}

async function handoffOf(row: { handoff_id: string | null }) {
  return r.db.selectFrom('handoffs').selectAll().where('id', '=', row.handoff_id!).executeTakeFirstOrThrow();
}

const families: [string, { text?: string; html?: string }, { lead: string; context: string }][] = [
  [
    'Gmail (English)',
    {
      text: [
        'Bob, she asked for numbers this week.',
        '',
        '---------- Forwarded message ---------',
        'From: Jane Roe <jane@acme.io>',
        'Date: Tue, Feb 9, 2027 at 9:14 AM',
        'Subject: Pricing for 300 seats',
        'To: <sales@example.com>',
        '',
        'Hi, what would 300 seats cost with SSO?',
      ].join('\n'),
    },
    { lead: 'Jane Roe <jane@acme.io>', context: 'what would 300 seats cost with SSO?' },
  ],
  [
    'Outlook (German, no separator line)',
    {
      text: [
        'Bitte übernehmen, Bob.',
        '',
        '________________________________',
        'Von: Weber, Klaus <K.Weber@maschinenbau-weber.de>',
        'Gesendet: Dienstag, 9. Februar 2027 09:14',
        'An: Vertrieb <vertrieb@example.com>',
        'Betreff: AW: Angebot für 40 Lizenzen',
        '',
        'Guten Tag, wir brauchen ein Angebot für 40 Lizenzen bis Ende Februar.',
      ].join('\n'),
    },
    { lead: 'Weber, Klaus <k.weber@maschinenbau-weber.de>', context: 'ein Angebot für 40 Lizenzen' },
  ],
  [
    'Apple Mail (French)',
    {
      text: [
        'Pour toi Bob.',
        '',
        'Début du message réexpédié :',
        '',
        'De: Camille Roux <camille.roux@lumen-conseil.fr>',
        'Objet: Démo pour notre équipe',
        'Date: 9 février 2027 à 09:14:00 UTC+1',
        'À: ventes@example.com',
        '',
        'Bonjour, pourrions-nous avoir une démo la semaine prochaine ?',
      ].join('\n'),
    },
    { lead: 'Camille Roux <camille.roux@lumen-conseil.fr>', context: 'pourrions-nous avoir une démo' },
  ],
  [
    'Outlook on the web (Dutch, HTML with bold labels)',
    {
      html: [
        '<div dir="ltr">Graag oppakken, Bob.</div>',
        '<hr style="display:inline-block;width:98%">',
        '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif"><b>Van:</b> Sanne de Vries &lt;sanne@vries-logistiek.nl&gt;<br>',
        '<b>Verzonden:</b> dinsdag 9 februari 2027 09:14<br><b>Aan:</b> Verkoop &lt;verkoop@example.com&gt;<br>',
        '<b>Onderwerp:</b> Offerte 25 gebruikers</font></div>',
        '<div><p>Goedemorgen, kunnen jullie een offerte sturen voor 25 gebruikers?</p></div>',
      ].join(''),
    },
    { lead: 'Sanne de Vries <sanne@vries-logistiek.nl>', context: 'een offerte sturen voor 25 gebruikers' },
  ],
  [
    'Thunderbird (Polish)',
    {
      text: [
        'Bob, pilne.',
        '',
        '-------- Przekazana wiadomość --------',
        'Temat: Zapytanie ofertowe',
        'Data: Tue, 9 Feb 2027 09:14:00 +0100',
        'Od: Anna Nowak <anna.nowak@firma.pl>',
        'Do: sprzedaz@example.com',
        '',
        'Dzień dobry, prosimy o ofertę na 50 stanowisk.',
      ].join('\n'),
    },
    { lead: 'Anna Nowak <anna.nowak@firma.pl>', context: 'prosimy o ofertę na 50 stanowisk' },
  ],
  [
    'Yahoo Mail (Spanish)',
    {
      text: [
        'Bob, urgente.',
        '',
        '----- Mensaje reenviado -----',
        'De: Lucía Fernández <lfernandez@grupoiberica.es>',
        'Para: ventas@example.com',
        'Enviado: martes, 9 de febrero de 2027, 09:14:02 CET',
        'Asunto: Precios para 40 usuarios',
        '',
        '¿Nos pueden enviar precios para 40 usuarios?',
      ].join('\n'),
    },
    { lead: 'Lucía Fernández <lfernandez@grupoiberica.es>', context: 'precios para 40 usuarios' },
  ],
  [
    'iOS Mail (Japanese)',
    {
      text: [
        'ボブさん、対応をお願いします。',
        '',
        '転送されたメッセージ:',
        '',
        '差出人: 佐藤 美咲 <misaki.sato@higashi-logi.co.jp>',
        '件名: 50ユーザー分のお見積り',
        '日付: 2027年2月9日 9:14:02 JST',
        '宛先: sales@example.com',
        '',
        '50ユーザー分のお見積りをお願いできますでしょうか。',
      ].join('\n'),
    },
    { lead: '佐藤 美咲 <misaki.sato@higashi-logi.co.jp>', context: '50ユーザー分のお見積りをお願い' },
  ],
  [
    'Zimbra (Russian, HTML)',
    {
      html: [
        '<div>Боб, возьми, пожалуйста.</div><hr id="zwchr">',
        '<div><b>От: </b>"Анна Смирнова" &lt;a.smirnova@sevlogistic.ru&gt;<br><b>Кому: </b>sales@example.com<br>',
        '<b>Отправленные: </b>Вторник, 9 Февраль 2027 г 9:14:02<br><b>Тема: </b>Запрос предложения</div><br>',
        '<div>Добрый день! Пришлите, пожалуйста, предложение на 60 пользователей.</div>',
      ].join(''),
    },
    { lead: 'Анна Смирнова <a.smirnova@sevlogistic.ru>', context: 'предложение на 60 пользователей' },
  ],
];

describe('forwarded leads through SMTP, by client family', () => {
  it.each(families)("%s: Bob's email names the lead and shows what the lead wrote", async (_, body, want) => {
    const row = await forward(body);
    expect(row.outcome).toBe('handoff-opened');
    const handoff = await handoffOf(row);
    expect((handoff.fields as Record<string, string>).lead).toBe(want.lead);
    const [request] = await mailsTo('bob@example.com', handoff.id);
    expect(request?.text).toContain(want.lead.split(' <')[0]);
    expect(request?.text).toContain(want.context);
  });

  it('reads a forward sent as an attached email (message/rfc822)', async () => {
    const original = await buildEml({
      from: '"José Pérez" <jose@cliente.es>',
      to: 'ventas@example.com',
      subject: 'Presupuesto para 200 puestos',
      text: '¿Nos pueden enviar un presupuesto para 200 puestos?',
      date: new Date('2027-02-09T08:14:00Z'),
    });
    const row = await forward({
      text: 'Bob, te lo paso.',
      attachments: [{ filename: 'Presupuesto.eml', content: original, contentType: 'message/rfc822' }],
    });
    expect(row.outcome).toBe('handoff-opened');
    const handoff = await handoffOf(row);
    expect((handoff.fields as Record<string, string>).lead).toBe('José Pérez <jose@cliente.es>');
    expect(handoff.trigger_at?.toISOString()).toBe('2027-02-09T08:14:00.000Z');
  });

  it('asks the giver for the address when the forward names its sender but shows no address', async () => {
    const row = await forward({
      text: [
        'Bob, from the trade show.',
        '',
        '-----Original Message-----',
        'From: John Doe',
        'Sent: Tuesday, February 9, 2027 9:14 AM',
        'To: Sales',
        'Subject: Quote request',
        '',
        'Please send us a quote.',
      ].join('\n'),
    });
    expect(row.outcome).toBe('draft-missing-fields');
    const handoff = await handoffOf(row);
    expect(handoff.missing_fields).toContain('lead');
    const [answer] = await mailsTo('maya@example.com', handoff.id);
    expect(answer?.text).toContain("I found a forward from 'John Doe' but no address");
    expect(await mailsTo('bob@example.com', handoff.id)).toEqual([]);
  });
});
