import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { htmlToTextWithCues } from '../../src/adapters/mail-in/html-to-text.ts';
import { stripReply } from '../../src/core/reply/strip.ts';
import {
  type CorpusGroup,
  GITHUB_LONG_QUOTE,
  loadStripCases,
  readCorpusFile,
} from '../support/strip-corpus.ts';

const newText = (text: string) => stripReply({ text, htmlText: null }).text;
const fromHtml = (html: string) => stripReply({ text: null, htmlText: htmlToTextWithCues(html) }).text;

describe('stripReply on the public corpora', async () => {
  const cases = await loadStripCases();
  // Floors sit at or above every peer library measured by bench/strip.ts on the same files.
  const floors: Record<CorpusGroup, number> = {
    email_reply_trimmer: 64,
    'talon standard replies': 12,
    'talon html replies': 9,
    'talon inline plain': 51,
    'talon inline html': 18,
    'github-email_reply_parser': 19,
    discourse: 22,
  };
  for (const [group, floor] of Object.entries(floors) as [CorpusGroup, number][]) {
    const inGroup = cases.filter((c) => c.group === group);
    it(`keeps only the new text in at least ${floor} of ${inGroup.length} ${group} cases`, () => {
      const failed = inGroup.filter((c) => !c.judge(stripReply(c.input))).map((c) => c.name);
      expect(inGroup.length - failed.length, `failed: ${failed.join(', ')}`).toBeGreaterThanOrEqual(floor);
    });
  }
});

describe('stripReply: quoted history', () => {
  it('keeps only the new text of a Gmail reply', () => {
    const text = [
      'Got it, I will call them tomorrow at 10 AM.',
      '',
      'On Mon, Jan 5, 2026 at 9:14 AM Dana Kim <dana@example.com> wrote:',
      '',
      '> Lead: Acme Corp',
      '> Please follow up this week.',
    ].join('\n');
    const result = stripReply({ text, htmlText: null });
    expect(result).toEqual({
      text: 'Got it, I will call them tomorrow at 10 AM.',
      stripped: true,
      signature: null,
      quotedOnly: false,
    });
  });

  it('removes a Gmail attribution wrapped over two lines', () => {
    const text = [
      'Will do.',
      '',
      'On Mon, Jan 5, 2026 at 9:14 AM Dana Kim via Baton <',
      'reply+abc@handoffs.example.com> wrote:',
      '',
      '> Please follow up.',
    ].join('\n');
    expect(newText(text)).toBe('Will do.');
  });

  it('removes an attribution that puts "wrote:" alone on the next line', () => {
    const text =
      'Thanks!\n\nOn 24 Jul 2026, at 15:58, Dana Kim <dana@example.com>\nwrote:\n\nPlease follow up.';
    expect(newText(text)).toBe('Thanks!');
  });

  it('keeps only the new text of an Outlook reply with an English header block', () => {
    const text = [
      'I will send the proposal on Thursday.',
      '',
      '________________________________',
      'From: Dana Kim <dana@example.com>',
      'Sent: Monday, January 5, 2026 9:14 AM',
      'To: Sam Lee <sam@example.com>',
      'Subject: Handoff H-1042: Acme Corp',
      '',
      'Please follow up this week.',
    ].join('\n');
    expect(newText(text)).toBe('I will send the proposal on Thursday.');
  });

  it('keeps only the new text of an Outlook reply with a German header block', () => {
    const text = [
      'Ich rufe morgen um 10 Uhr an.',
      '',
      'Von: Dana Kim <dana@example.com>',
      'Gesendet: Montag, 5. Januar 2026 09:14',
      'An: Bob Smith <bob@example.com>',
      'Betreff: Übergabe H-1042',
      '',
      'Bitte diese Woche nachfassen.',
    ].join('\n');
    expect(newText(text)).toBe('Ich rufe morgen um 10 Uhr an.');
  });

  it('keeps only the new text of an Outlook reply with a French header block', () => {
    const text = [
      'Je les appelle demain.',
      '',
      'De : Dana Kim <dana@example.com>',
      'Envoyé : lundi 5 janvier 2026 09:14',
      'À : Claire Martin <claire@example.com>',
      'Objet : Transfert H-1042',
      '',
      'Merci de relancer.',
    ].join('\n');
    expect(newText(text)).toBe('Je les appelle demain.');
  });

  it('keeps only the new text of an Outlook reply with a Spanish header block', () => {
    const text = [
      'Los llamo mañana a las 10.',
      '',
      'De: Dana Kim <dana@example.com>',
      'Enviado: lunes, 5 de enero de 2026 9:14',
      'Para: Lucía Gómez <lucia@example.com>',
      'Asunto: Traspaso H-1042',
      '',
      'Por favor, haz seguimiento.',
    ].join('\n');
    expect(newText(text)).toBe('Los llamo mañana a las 10.');
  });

  it('keeps only the new text of Outlook replies with Italian, Dutch, Swedish and Japanese header blocks', () => {
    const blocks = [
      [
        'Da: Dana Kim <dana@example.com>',
        'Inviato: lunedì 5 gennaio 2026 09:14',
        'A: Marco',
        'Oggetto: H-1042',
      ],
      [
        'Van: Dana Kim <dana@example.com>',
        'Verzonden: maandag 5 januari 2026 09:14',
        'Aan: Sanne',
        'Onderwerp: H-1042',
      ],
      [
        'Från: Dana Kim <dana@example.com>',
        'Skickat: den 5 januari 2026 09:14',
        'Till: Erik',
        'Ämne: H-1042',
      ],
      ['差出人: Dana Kim <dana@example.com>', '送信日時: 2026年1月5日 9:14', '宛先: 山田', '件名: H-1042'],
      ['От: Dana Kim <dana@example.com>', 'Отправлено: 5 января 2026 г. 9:14', 'Кому: Иван', 'Тема: H-1042'],
    ];
    for (const block of blocks) {
      expect(newText(['Done, demo booked.', '', ...block, '', 'Please follow up.'].join('\n'))).toBe(
        'Done, demo booked.',
      );
    }
  });

  it('cuts at an "-----Original Message-----" marker in several languages', () => {
    for (const marker of [
      '-----Original Message-----',
      '-----Ursprüngliche Nachricht-----',
      '-------- Message d’origine --------'.replace('’', "'"),
      '-----Mensaje original-----',
      '-------- Oprindelig besked --------',
    ]) {
      expect(newText(`Called them.\n\n${marker}\nFrom: Dana Kim\nSent: today\n\nPlease call.`)).toBe(
        'Called them.',
      );
    }
  });

  it.each([
    ['English', 'On 5 Jan 2026, at 09:14, Dana Kim <dana@example.com> wrote:'],
    ['German', 'Am 05.01.2026 um 09:14 schrieb Dana Kim <dana@example.com>:'],
    ['German (Gmail)', 'Dana Kim <dana@example.com> schrieb am Mo., 5. Jan. 2026, 09:14:'],
    ['French', 'Le 5 janv. 2026 à 09:14, Dana Kim <dana@example.com> a écrit :'],
    ['Spanish', 'El 5 ene 2026, a las 9:14, Dana Kim <dana@example.com> escribió:'],
    ['Portuguese', 'Em 5 de jan. de 2026, à(s) 09:14, Dana Kim <dana@example.com> escreveu:'],
    ['Dutch', 'Op 5 jan. 2026 om 09:14 heeft Dana Kim <dana@example.com> het volgende geschreven:'],
    ['Dutch (short)', 'Op 5 jan. 2026 09:14 schreef Dana Kim <dana@example.com>:'],
    ['Italian', 'Il giorno 5 gen 2026, alle ore 09:14, Dana Kim <dana@example.com> ha scritto:'],
    ['Swedish', '5 jan. 2026 kl. 09:14 skrev Dana Kim <dana@example.com>:'],
    ['Norwegian', 'Den 5. jan. 2026 kl. 09:14 skrev Dana Kim <dana@example.com>:'],
    ['Polish', 'W dniu 5.01.2026 o 09:14, Dana Kim <dana@example.com> pisze:'],
    ['Polish (Gmail)', 'pon., 5 sty 2026 o 09:14 Dana Kim <dana@example.com> napisał(a):'],
    ['Russian', '5 янв. 2026 г., в 09:14, Dana Kim <dana@example.com> написал(а):'],
    ['Russian (Gmail)', 'пн, 5 янв. 2026 г. в 09:14, Dana Kim <dana@example.com>:'],
    ['Finnish', 'ma 5. tammik. 2026 klo 9.14 Dana Kim <dana@example.com> kirjoitti:'],
    ['Japanese (Gmail)', '2026年1月5日(月) 9:14 Dana Kim <dana@example.com>:'],
    ['Japanese (iPhone)', '2026/01/05 9:14、Dana Kim <dana@example.com>のメッセージ:'],
    ['Chinese (Gmail)', 'Dana Kim <dana@example.com> 于2026年1月5日周一 09:14写道：'],
    ['Chinese (Traditional)', '於 2026年1月5日 週一 09:14，Dana Kim <dana@example.com> 寫道：'],
    ['Korean', '2026년 1월 5일 (월) 오전 9:14, Dana Kim <dana@example.com>님이 작성:'],
    ['Vietnamese', 'Vào 09:14 5 tháng 1, 2026, Dana Kim <dana@example.com> đã viết:'],
    ['Thunderbird', 'On 05/01/2026 09:14, Dana Kim wrote:'],
    ['Yahoo', 'On Monday, January 5, 2026, 09:14:00 AM GMT+1, Dana Kim <dana@example.com> wrote:'],
    ['Android', '---- Dana Kim wrote ----'],
    ['Zoho', '---- On Mon, 05 Jan 2026 09:14:50 +0100 dana@example.com wrote ----'],
  ])('removes an Apple Mail style %s attribution and its quote', (_language, attribution) => {
    const text = `I'll call them tomorrow at 10.\n\n${attribution}\n\n> Please follow up with Acme.\n> Thanks`;
    expect(newText(text)).toBe("I'll call them tomorrow at 10.");
  });

  it('removes a Japanese attribution split across two lines', () => {
    const text =
      '明日10時に電話します。\n\n2026年1月5日(月) 9:14 Dana Kim\n<dana@example.com>のメッセージ:\n\n> よろしくお願いします。';
    expect(newText(text)).toBe('明日10時に電話します。');
  });

  it('removes an attribution followed by an unquoted original (Outlook mobile)', () => {
    const text = [
      'Works for me.',
      '',
      'On Sun, Jan 4, 2026 at 12:12 AM -0800, "Dana Kim" <dana@example.com> wrote:',
      '',
      'Can you take this lead?',
    ].join('\n');
    expect(newText(text)).toBe('Works for me.');
  });

  it('keeps a bottom-posted answer below the quoted original', () => {
    const text = [
      'On Mon, Jan 5, 2026 at 9:14 AM Dana Kim <dana@example.com> wrote:',
      '> Can you take the Acme lead?',
      '',
      'Yes, calling them on Friday.',
    ].join('\n');
    expect(newText(text)).toBe('Yes, calling them on Friday.');
  });

  it('keeps the quoted questions of an inline reply together with the answers', () => {
    const text = [
      'On Mon, Jan 5, 2026 at 9:14 AM Dana Kim <dana@example.com> wrote:',
      '',
      '> Can you take the Acme lead?',
      '',
      'Yes.',
      '',
      '> When will you call?',
      '',
      'Tomorrow at 10.',
    ].join('\n');
    expect(newText(text)).toBe(
      '> Can you take the Acme lead?\n\nYes.\n\n> When will you call?\n\nTomorrow at 10.',
    );
  });

  it('removes trailing usenet quotes and keeps a "> " line the sender wrote between paragraphs', () => {
    expect(newText('Sounds good.\n\n> earlier text\n> more')).toBe('Sounds good.');
    expect(newText('Visit us\n>>> http://example.com <<<\nthen reply')).toBe(
      'Visit us\n>>> http://example.com <<<\nthen reply',
    );
  });

  it('removes the forwarded original under a forwarder note', () => {
    const text = [
      'FYI, hot lead.',
      '',
      '---------- Forwarded message ---------',
      'From: Pat Jones <pat@acme.test>',
      'Date: Mon, Jan 5, 2026 at 9:14 AM',
      'Subject: Pricing',
      'To: <sales@example.com>',
      '',
      'What does the enterprise plan cost?',
    ].join('\n');
    expect(newText(text)).toBe('FYI, hot lead.');
  });

  it('returns the forwarded body, flagged quotedOnly, when nothing was written above a forward', () => {
    const text = [
      '---------- Forwarded message ---------',
      'From: Pat <pat@acme.test>',
      'Date: today',
      'Subject: Hi',
      'To: me',
      '',
      'Hello there.',
    ].join('\n');
    expect(stripReply({ text, htmlText: null })).toMatchObject({ text: 'Hello there.', quotedOnly: true });
  });

  it('returns nothing when a reply is only the quoted original', () => {
    const text =
      'On Mon, Jan 5, 2026 at 9:14 AM Dana Kim <dana@example.com> wrote:\n\n> I will call them at 10.';
    expect(stripReply({ text, htmlText: null })).toMatchObject({
      text: '',
      stripped: true,
      quotedOnly: true,
    });
  });

  it('removes attributions without a trailing colon or with the date first', () => {
    const attributions = [
      'On Wed, 14 Jan 2026 08:14:43 -0200 Dana Kim <dana@example.com> wrote',
      '14.01.2026, 08.14, "Dana - Kim" <dana@example.com>:',
      '8:14 AM, January 14, 2026, "Dana Kim" <dana@example.com>:',
      'Wednesday, 14 January 2026, 8:14 AM +0300 from dana@example.com <dana@example.com>:',
      'pe 14. tammikuuta 2026 klo 8.14 Dana Kim\n<dana@example.com> kirjoitti:',
    ];
    for (const attribution of attributions) {
      expect(newText(`Will do.\n\n${attribution}\n\nWhen are you available?`)).toBe('Will do.');
    }
  });

  it('keeps the selected quote a reply answers below it, without its attribution', () => {
    const text = [
      'Hallo Dana,',
      '',
      'Am 13.01.2026 um 09:05 schrieb Dana Kim:',
      '> Kannst du Acme übernehmen?',
      '',
      'Ja, ich rufe sie morgen um 10 Uhr an.',
      '',
      'Viele Grüße',
      'Bob',
    ].join('\n');
    expect(newText(text)).toBe(
      'Hallo Dana,\n\n> Kannst du Acme übernehmen?\n\nJa, ich rufe sie morgen um 10 Uhr an.\n\nViele Grüße\nBob',
    );
  });

  it('keeps an answer typed between quoted lines without blank lines around it', () => {
    expect(newText('> When will you call?\n10am tomorrow\n> Budget?\nAbout 50k')).toBe(
      '> When will you call?\n10am tomorrow\n> Budget?\nAbout 50k',
    );
  });

  it('keeps a rule that divides the new text above the quoted history', () => {
    const text = [
      'First part.',
      '',
      '______________________________',
      '',
      'Second part: calling Friday.',
      '',
      'On July 28, 2026, Dana Kim wrote:',
      '> previous message',
    ].join('\n');
    expect(newText(text)).toBe(
      'First part.\n\n______________________________\n\nSecond part: calling Friday.',
    );
  });

  it('keeps "Date:" and "Subject:" lines the sender wrote', () => {
    const text = 'Booked the demo.\nDate: Friday 3pm\nSubject: pricing review';
    expect(newText(text)).toBe(text);
  });

  it('drops a header block that a malformed message leaked into its body', () => {
    const text = [
      'Received: by 10.0.0.1 with SMTP id x; Mon, 5 Jan 2026 09:14:00 -0800',
      'Message-ID: <abc@example.com>',
      'From: Sam Lee <sam@example.com>',
      'Content-Type: multipart/alternative; boundary=000000abc',
      '',
      'Calling them at 10.',
      '',
      'On Mon, Jan 5, 2026 at 9:00 AM Dana <dana@example.com> wrote:',
      '> Please call',
    ].join('\n');
    expect(newText(text)).toBe('Calling them at 10.');
  });

  it('cuts at a "reply above this line" marker', () => {
    expect(
      newText('Booked for Friday.\n\n## Please type your reply above this line ##\n\nHandoff H-1042'),
    ).toBe('Booked for Friday.');
  });
});

describe('stripReply: signatures, footers and disclaimers', () => {
  it('removes a "-- " signature and reports it', () => {
    const result = stripReply({ text: 'On it.\n\n-- \nSam Lee\nAccount Executive', htmlText: null });
    expect(result).toMatchObject({ text: 'On it.', signature: '-- \nSam Lee\nAccount Executive' });
  });

  it.each([
    'Sent from my iPhone',
    'Sent from my Samsung Galaxy smartphone.',
    'Envoyé de mon iPhone',
    'Envoyé depuis mon iPad',
    'Von meinem iPhone gesendet',
    'Enviado desde mi iPhone',
    'Enviado do meu iPhone',
    'Inviato da iPhone',
    'Verstuurd vanaf mijn iPhone',
    'Skickat från min iPhone',
    'Sendt fra min iPhone',
    'Wysłane z iPhone’a',
    'Отправлено с iPhone',
    'iPhoneから送信',
    '从我的iPhone发送',
    'Get Outlook for iOS',
    'Get Outlook for Android<https://aka.ms/ghei36>',
    'Télécharger Outlook pour iOS',
    'Sent from Mail for Windows',
    'Sent from Yahoo Mail on Android',
  ])('removes the mobile footer "%s"', (footer) => {
    const result = stripReply({ text: `Will call at 10.\n\n${footer}`, htmlText: null });
    expect(result.text).toBe('Will call at 10.');
    expect(result.signature).toBe(footer);
  });

  it('removes a dash-and-name sign-off under the text', () => {
    expect(stripReply({ text: 'Thanks, will do.\n\n-Abhishek', htmlText: null })).toMatchObject({
      text: 'Thanks, will do.',
      signature: '-Abhishek',
    });
  });

  it('removes an undelimited signature block of a name and contact details', () => {
    const text =
      'Demo booked for Tuesday.\n\nBest,\nSam Lee\nAccount Executive\nsam@example.com\n+1 (555) 010-0199';
    expect(stripReply({ text, htmlText: null })).toMatchObject({
      text: 'Demo booked for Tuesday.\n\nBest,',
      signature: 'Sam Lee\nAccount Executive\nsam@example.com\n+1 (555) 010-0199',
    });
  });

  it('keeps contact details the sender passes on in the reply', () => {
    const text = 'Reached them.\n\nTheir direct line: +1 555 0100\nEmail: pat@acme.test';
    expect(newText(text)).toBe(text);
  });

  it('removes an Outlook mobile footer above an Outlook header block', () => {
    const text = [
      'Booked for Tuesday.',
      '',
      'Télécharger Outlook pour Android<https://aka.ms/ghei36>',
      '',
      '________________________________',
      'From: Dana Kim <dana@example.com>',
      'Sent: Wednesday, February 5, 2026 8:54:40 PM',
      'To: sam@example.com <sam@example.com>',
      'Subject: Handoff',
      '',
      'Hello',
    ].join('\n');
    expect(newText(text)).toBe('Booked for Tuesday.');
  });

  it('keeps sentences that only start like a mobile footer', () => {
    expect(newText('Here it is.\n\nSent from my desk, is much easier than my phone.')).toBe(
      'Here it is.\n\nSent from my desk, is much easier than my phone.',
    );
    expect(newText('Thanks.\n\nSent from a magnificent torch of pixels')).toBe(
      'Thanks.\n\nSent from a magnificent torch of pixels',
    );
  });

  it.each([
    'This email and any attachments are confidential and intended solely for the addressee. If you are not the intended recipient, please delete it.',
    'CONFIDENTIALITY NOTICE: The contents of this email message are privileged and confidential.',
    'The information contained in this e-mail is confidential and may be legally privileged.',
    'Diese E-Mail enthält vertrauliche und/oder rechtlich geschützte Informationen. Wenn Sie nicht der richtige Adressat sind, informieren Sie bitte sofort den Absender.',
    'Ce message et toutes les pièces jointes sont confidentiels et établis à l’intention exclusive de ses destinataires.',
    'Este mensaje y sus anexos son confidenciales y están dirigidos exclusivamente a su destinatario.',
  ])('removes a legal disclaimer under the new text: %s', (disclaimer) => {
    const result = stripReply({
      text: `Demo booked for Tuesday.\n\nBest,\nSam\n\n${disclaimer}`,
      htmlText: null,
    });
    expect(result.text).toBe('Demo booked for Tuesday.\n\nBest,\nSam');
    expect(result.signature).toBe(disclaimer);
  });

  it('keeps a reply that only talks about confidentiality', () => {
    const text = 'This email is about the confidential pricing they asked for; I will send it today.';
    expect(newText(text)).toBe(text);
  });

  it('keeps code blocks, lists and markdown headings intact', () => {
    const text = '## Plan\n----\n\n- call Acme\n- send deck\n\n```\n####\n--\n```\n\nDone.';
    expect(newText(text)).toBe(text);
  });
});

describe('stripReply: Italian clients', () => {
  it('removes a Gmail attribution "Il giorno … alle ore … ha scritto:"', () => {
    const text = [
      'Va bene, lo chiamo domani alle 10.',
      '',
      'Il giorno mar 9 feb 2027 alle ore 10:15 Mario Rossi <mario.rossi@example.it> ha scritto:',
      '',
      '> Puoi seguire tu il cliente?',
    ].join('\n');
    expect(stripReply({ text, htmlText: null })).toEqual({
      text: 'Va bene, lo chiamo domani alle 10.',
      stripped: true,
      signature: null,
      quotedOnly: false,
    });
  });

  it('removes the Gmail attribution wrapped over two lines, and its comma form', () => {
    const wrapped = [
      'Va bene.',
      '',
      'Il giorno mar 9 feb 2027 alle ore 10:15 Mario Rossi <',
      'mario.rossi@example.it> ha scritto:',
      '',
      '> Puoi?',
    ].join('\n');
    expect(newText(wrapped)).toBe('Va bene.');
    const comma =
      'Ok, ci penso io.\n\nIl giorno mar 9 feb 2027, 10:15 Mario Rossi <mario@example.it> ha scritto:\n> x';
    expect(newText(comma)).toBe('Ok, ci penso io.');
  });

  it('removes a Thunderbird attribution "Il 09/02/2027 10:15, Mario Rossi ha scritto:"', () => {
    const text =
      'Ci penso io.\n\nIl 09/02/2027 10:15, Mario Rossi ha scritto:\n> Ciao Luca,\n> puoi chiamarlo?';
    expect(newText(text)).toBe('Ci penso io.');
  });

  it('removes a Yahoo attribution whose quote lost its ">"', () => {
    const text = [
      'Sì, domani.',
      '',
      'Il martedì 9 febbraio 2027, 10:15:00 CET, Mario Rossi <mario@example.it> ha scritto:',
      '',
      '',
      'Puoi seguirlo tu?',
    ].join('\n');
    expect(newText(text)).toBe('Sì, domani.');
  });

  it('keeps only the new text of an Outlook reply with an Italian header block', () => {
    const text = [
      'Lo chiamo oggi pomeriggio.',
      '',
      'Da: Mario Rossi <mario.rossi@example.it>',
      'Inviato: martedì 9 febbraio 2027 10:15',
      'A: Luca Bianchi <luca@example.it>',
      'Cc: Vendite <vendite@example.it>',
      'Oggetto: Passaggio H-1042',
      '',
      'Ciao Luca, ti passo il cliente.',
    ].join('\n');
    expect(newText(text)).toBe('Lo chiamo oggi pomeriggio.');
  });

  it('removes "Messaggio inoltrato" and "Messaggio originale" separators and what follows', () => {
    const forward = [
      'Ti giro il contatto.',
      '',
      '---------- Messaggio inoltrato ----------',
      'Da: Anna Verdi <anna@cliente.it>',
      'Date: mar 9 feb 2027 alle ore 09:00',
      'Subject: Richiesta preventivo',
      '',
      'Buongiorno, vorrei un preventivo.',
    ].join('\n');
    expect(newText(forward)).toBe('Ti giro il contatto.');
    const original =
      'Lo faccio io.\n\n-------- Messaggio originale --------\nDa: Mario <mario@example.it>\n\ntesto';
    expect(newText(original)).toBe('Lo faccio io.');
  });

  it('takes "Inviato da iPhone" and "Inviato dal mio Android" as the signature', () => {
    expect(stripReply({ text: 'Lo chiamo entro venerdì.\n\nInviato da iPhone', htmlText: null })).toEqual({
      text: 'Lo chiamo entro venerdì.',
      stripped: true,
      signature: 'Inviato da iPhone',
      quotedOnly: false,
    });
    const android = [
      'Lo chiamo io.',
      '',
      'Inviato dal mio Android',
      '',
      'Il giorno mar 9 feb 2027 alle ore 10:15 Mario <m@example.it> ha scritto:',
      '> x',
    ].join('\n');
    const result = stripReply({ text: android, htmlText: null });
    expect([result.text, result.signature]).toEqual(['Lo chiamo io.', 'Inviato dal mio Android']);
  });

  it('takes an Italian confidentiality notice and the Outlook app footer as the signature', () => {
    const notice = [
      'Certo, me ne occupo io.',
      '',
      'Questo messaggio è destinato solo ai destinatari indicati e contiene informazioni riservate.',
    ].join('\n');
    expect(newText(notice)).toBe('Certo, me ne occupo io.');
    expect(
      stripReply({ text: 'Ci penso io.\n\nOttieni Outlook per Android', htmlText: null }).signature,
    ).toBe('Ottieni Outlook per Android');
  });
});

describe('stripReply: Dutch clients', () => {
  it('removes a Gmail attribution "Op … om … schreef … <addr>:"', () => {
    const text = [
      'Ik bel ze morgen om 10 uur.',
      '',
      'Op di 9 feb 2027 om 10:15 schreef Jan de Vries <jan.devries@example.nl>:',
      '',
      '> Kun jij deze klant oppakken?',
    ].join('\n');
    expect(stripReply({ text, htmlText: null })).toEqual({
      text: 'Ik bel ze morgen om 10 uur.',
      stripped: true,
      signature: null,
      quotedOnly: false,
    });
  });

  it('removes the Gmail attribution wrapped over two lines', () => {
    const text =
      'Prima.\n\nOp di 9 feb 2027 om 10:15 schreef Jan de Vries <\njan.devries@example.nl>:\n> Kun jij?';
    expect(newText(text)).toBe('Prima.');
  });

  it('removes an Apple Mail attribution "Op … heeft … het volgende geschreven:", also wrapped', () => {
    const text = [
      'Komt goed.',
      '',
      'Op 9 feb. 2027 om 10:15 heeft Jan de Vries <jan@example.nl> het volgende geschreven:',
      '',
      '> tekst',
    ].join('\n');
    expect(newText(text)).toBe('Komt goed.');
    const wrapped = [
      'Komt goed.',
      '',
      'Op 9 feb. 2027, om 10:15 heeft Jan de Vries <jan@example.nl> het',
      'volgende geschreven:',
      '',
      '> tekst',
    ].join('\n');
    expect(newText(wrapped)).toBe('Komt goed.');
  });

  it('removes a Thunderbird attribution "Op 09-02-2027 om 10:15 schreef Mario Rossi:"', () => {
    expect(newText('Komt goed.\n\nOp 09-02-2027 om 10:15 schreef Mario Rossi:\n> Kun jij dit doen?')).toBe(
      'Komt goed.',
    );
  });

  it('keeps only the new text of an Outlook reply with a Dutch header block', () => {
    const text = [
      'Ik stuur de offerte vrijdag.',
      '',
      'Van: Jan de Vries <jan@example.nl>',
      'Verzonden: dinsdag 9 februari 2027 10:15',
      'Aan: Piet Jansen <piet@example.nl>',
      'CC: Verkoop <verkoop@example.nl>',
      'Onderwerp: Overdracht H-1042',
      '',
      'Hoi Piet, kun jij dit oppakken?',
    ].join('\n');
    expect(newText(text)).toBe('Ik stuur de offerte vrijdag.');
  });

  it('removes "Doorgestuurd bericht" and "Oorspronkelijk bericht" separators and what follows', () => {
    const forward = [
      'Zie hieronder.',
      '',
      '---------- Doorgestuurd bericht ---------',
      'Van: Klant <klant@bedrijf.nl>',
      'Date: di 9 feb 2027 om 09:00',
      'Subject: Offerte',
      '',
      'Graag een offerte.',
    ].join('\n');
    expect(newText(forward)).toBe('Zie hieronder.');
    const original =
      'Doe ik.\n\n-------- Oorspronkelijk bericht --------\nVan: Jan <jan@example.nl>\n\ntekst';
    expect(newText(original)).toBe('Doe ik.');
  });

  it('takes "Verstuurd vanaf mijn iPhone" and "Verzonden vanaf mijn Android" as the signature', () => {
    for (const footer of ['Verstuurd vanaf mijn iPhone', 'Verzonden vanaf mijn Android']) {
      expect(stripReply({ text: `Ik bel ze vanmiddag.\n\n${footer}`, htmlText: null })).toEqual({
        text: 'Ik bel ze vanmiddag.',
        stripped: true,
        signature: footer,
        quotedOnly: false,
      });
    }
  });

  it('takes a Dutch confidentiality notice and the Windows Mail footer as the signature', () => {
    const notice = [
      'Ik pak het op.',
      '',
      'Dit e-mailbericht is uitsluitend bestemd voor de geadresseerde en kan vertrouwelijk zijn.',
    ].join('\n');
    expect(newText(notice)).toBe('Ik pak het op.');
    const windows = stripReply({
      text: 'Ik pak het op.\n\nVerzonden vanuit Mail voor Windows',
      htmlText: null,
    });
    expect(windows.signature).toBe('Verzonden vanuit Mail voor Windows');
  });
});

describe('stripReply: HTML replies', () => {
  it('cuts at Gmail div.gmail_quote and drops div.gmail_signature', () => {
    const html =
      '<div dir="ltr">Calling them at 10.<div><br></div><div class="gmail_signature">Sam Lee<br>AE</div></div>' +
      '<div class="gmail_quote"><div class="gmail_attr">On Mon, Jan 5, 2026 Dana wrote:</div>' +
      '<blockquote class="gmail_quote">Please follow up.</blockquote></div>';
    expect(stripReply({ text: null, htmlText: htmlToTextWithCues(html) })).toMatchObject({
      text: 'Calling them at 10.',
      signature: 'Sam Lee\nAE',
    });
  });

  it('drops an Outlook on the web signature block above the reply header', () => {
    const html =
      '<div>Calling at 10.</div><div id="Signature"><div>Sam Lee | AE</div></div>' +
      '<hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg"><b>From:</b> Dana</div><div>old</div>';
    expect(stripReply({ text: null, htmlText: htmlToTextWithCues(html) })).toMatchObject({
      text: 'Calling at 10.',
      signature: 'Sam Lee | AE',
    });
  });

  it('keeps a quote the sender inserted with Gmail above the history', () => {
    const html = 'Agreed with this:<blockquote class="gmail_quote">Budget is 10k</blockquote>Will confirm.';
    expect(fromHtml(html)).toBe('Agreed with this:\n\n> Budget is 10k\n\nWill confirm.');
  });

  it.each([
    [
      'Outlook divRplyFwdMsg',
      '<div id="divRplyFwdMsg"><b>From:</b> Dana<br><b>Sent:</b> today</div><div>old</div>',
    ],
    ['OWA x_divRplyFwdMsg', '<div id="x_divRplyFwdMsg">From: Dana</div><div>old</div>'],
    ['Outlook for Mac', '<span id="OLK_SRC_BODY_SECTION"><div>From: Dana</div><div>old</div></span>'],
    [
      'Outlook border-top separator',
      '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in"><p>From: Dana</p></div><p>old</p>',
    ],
    [
      'Apple Mail blockquote type=cite',
      '<div>On 5 Jan 2026, at 09:14, Dana wrote:</div><blockquote type="cite">old</blockquote>',
    ],
    ['Yahoo yahoo_quoted', '<div class="yahoo_quoted"><div>On Monday, Dana wrote:</div><div>old</div></div>'],
    [
      'Thunderbird moz-cite-prefix',
      '<div class="moz-cite-prefix">On 05/01/2026 09:14, Dana wrote:<br></div><blockquote type="cite">old</blockquote>',
    ],
    ['OWA messageReplySection', '<div name="messageReplySection">From: Dana<br>old</div>'],
    ['Hotmail stopSpelling rule', '<hr id="stopSpelling">Date: today<br>From: Dana<br>old'],
  ])('keeps only the new text of an HTML reply with a %s', (_client, history) => {
    expect(fromHtml(`<div>Calling them at 10.</div>${history}`)).toBe('Calling them at 10.');
  });

  it('keeps the content of an OWA reply section when it is all there is', () => {
    expect(fromHtml('<div name="messageReplySection"><p>This is the reply.</p></div>')).toBe(
      'This is the reply.',
    );
  });

  it('prefers the text part, but uses the HTML when the text part lost the quote markup', () => {
    const html = '<div>Calling at 10.</div><div class="gmail_signature">Sam Lee</div>';
    expect(stripReply({ text: 'Calling at 10.\n\nSam Lee', htmlText: htmlToTextWithCues(html) }).text).toBe(
      'Calling at 10.',
    );
    expect(
      stripReply({
        text: 'The *text* part.',
        htmlText: htmlToTextWithCues('<div>The <b>html</b> part.</div>'),
      }).text,
    ).toBe('The *text* part.');
  });

  it('reads the HTML when the text part is empty or is markup itself', () => {
    const html =
      '<p>Calling at 10.</p><div class="gmail_quote">On Mon Dana wrote:<blockquote>old</blockquote></div>';
    expect(stripReply({ text: '  ', htmlText: htmlToTextWithCues(html) }).text).toBe('Calling at 10.');
    expect(stripReply({ text: html, htmlText: htmlToTextWithCues(html) }).text).toBe('Calling at 10.');
  });
});

describe('stripReply: input limits', () => {
  it('returns an empty, unstripped result for empty input', () => {
    expect(stripReply({ text: null, htmlText: null })).toEqual({
      text: '',
      stripped: false,
      signature: null,
      quotedOnly: false,
    });
  });

  it('returns on the 766 KB long-quote email', () => {
    const result = stripReply({ text: readCorpusFile(GITHUB_LONG_QUOTE), htmlText: null });
    expect(result.text.startsWith('Hi folks')).toBe(true);
    expect(result.stripped).toBe(true);
  });

  it('reads no further than the first 64 KB of a huge text part', () => {
    const text = `Top line.\n${'plain filler line\n'.repeat(10_000)}`;
    const result = stripReply({ text, htmlText: null });
    expect(result.text.length).toBeLessThanOrEqual(64 * 1024);
    expect(result.stripped).toBe(true);
  });
});

describe('Italian and Dutch quote headers (written before their lexicon words)', () => {
  const rows = readFileSync(new URL('../fixtures/replies/quote-headers-it-nl.jsonl', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map(
      (line) =>
        JSON.parse(line) as { id: string; lang: string; client: string; raw: string; expected: string },
    );
  const tidy = (text: string) => text.replace(/\s+/g, ' ').trim();

  it('has cases from several clients in both languages', () => {
    expect(new Set(rows.map((r) => r.lang))).toEqual(new Set(['it', 'nl']));
    expect(new Set(rows.map((r) => r.client)).size).toBeGreaterThanOrEqual(3);
  });

  it.each(rows.map((r) => [r.id, r.client, r] as const))(
    'keeps only the new text of %s (%s)',
    (_id, _client, row) => {
      expect(tidy(stripReply({ text: row.raw, htmlText: null }).text)).toBe(tidy(row.expected));
    },
  );
});
