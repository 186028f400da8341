import { describe, expect, it } from 'vitest';
import { findForwarded } from '../../src/core/reply/forwarded.ts';
import { loadTrimmerEmbeddedCases } from '../support/strip-corpus.ts';

describe('findForwarded', () => {
  it('reads an Italian Thunderbird forward ("Messaggio Inoltrato", Oggetto/Data/Mittente/A)', () => {
    const text = [
      'Eccolo.',
      '',
      '-------- Messaggio Inoltrato --------',
      'Oggetto: Preventivo',
      'Data: Tue, 9 Feb 2027 09:00:00 +0100',
      'Mittente: Anna Verdi <anna@cliente.it>',
      'A: vendite@example.it',
      '',
      'Buongiorno.',
    ].join('\n');
    expect(findForwarded(text)).toEqual({
      from: { name: 'Anna Verdi', address: 'anna@cliente.it' },
      to: 'vendite@example.it',
      date: 'Tue, 9 Feb 2027 09:00:00 +0100',
      languages: ['it', 'pt', 'pl', 'ro', 'es'],
      subject: 'Preventivo',
      body: 'Buongiorno.',
      before: 'Eccolo.',
    });
  });

  it('reads a Dutch Apple Mail forward ("Begin doorgestuurd bericht:", Van/Onderwerp/Datum/Aan)', () => {
    const text = [
      'Zie onder.',
      '',
      'Begin doorgestuurd bericht:',
      '',
      'Van: Klant <klant@bedrijf.nl>',
      'Onderwerp: Offerte',
      'Datum: 9 februari 2027 09:00:00 CET',
      'Aan: verkoop@example.nl',
      '',
      'Goedemiddag.',
    ].join('\n');
    expect(findForwarded(text)).toEqual({
      from: { name: 'Klant', address: 'klant@bedrijf.nl' },
      to: 'verkoop@example.nl',
      date: '9 februari 2027 09:00:00 CET',
      languages: ['nl', 'de', 'sv', 'hr'],
      subject: 'Offerte',
      body: 'Goedemiddag.',
      before: 'Zie onder.',
    });
  });

  it('reads a Gmail forward: sender name and address, subject, body and the note above it', () => {
    const text = [
      'Hot lead from the webinar, please call.',
      '',
      '---------- Forwarded message ---------',
      'From: Pat Jones <Pat.Jones@acme.test>',
      'Date: Mon, Jan 5, 2026 at 9:14 AM',
      'Subject: Pricing for 200 seats',
      'To: <sales@example.com>',
      '',
      '',
      'Hi, what does the enterprise plan cost?',
      '',
      'Pat',
    ].join('\n');
    expect(findForwarded(text)).toEqual({
      from: { name: 'Pat Jones', address: 'pat.jones@acme.test' },
      to: '<sales@example.com>',
      date: 'Mon, Jan 5, 2026 at 9:14 AM',
      languages: ['en'],
      subject: 'Pricing for 200 seats',
      body: 'Hi, what does the enterprise plan cost?\n\nPat',
      before: 'Hot lead from the webinar, please call.',
    });
  });

  it('reads an Outlook forward with an underscore separator and a [mailto:] address', () => {
    const text = [
      'See below.',
      '',
      '________________________________',
      'From: Pat Jones [mailto:pat@acme.test]',
      'Sent: Monday, January 5, 2026 9:14 AM',
      'To: Sales',
      'Subject: Demo request',
      '',
      'Can we get a demo next week?',
    ].join('\n');
    expect(findForwarded(text)).toMatchObject({
      from: { name: 'Pat Jones', address: 'pat@acme.test' },
      subject: 'Demo request',
      body: 'Can we get a demo next week?',
      before: 'See below.',
    });
  });

  it.each([
    [
      'German',
      [
        '-----Ursprüngliche Nachricht-----',
        'Von: Pat Jones <pat@acme.test>',
        'Gesendet: Montag, 5. Januar 2026 09:14',
        'An: Vertrieb',
        'Betreff: Angebot',
      ],
    ],
    [
      'French',
      [
        "-------- Message d'origine --------",
        'De : Pat Jones <pat@acme.test>',
        'Envoyé : lundi 5 janvier 2026 09:14',
        'À : Ventes',
        'Objet : Angebot',
      ],
    ],
    [
      'Spanish',
      [
        '-----Mensaje original-----',
        'De: Pat Jones <pat@acme.test>',
        'Enviado: lunes, 5 de enero de 2026 9:14',
        'Para: Ventas',
        'Asunto: Angebot',
      ],
    ],
  ])('reads a %s Outlook header block', (_language, header) => {
    const forwarded = findForwarded(['Bitte übernehmen.', '', ...header, '', 'Body text.'].join('\n'));
    expect(forwarded).toMatchObject({
      from: { name: 'Pat Jones', address: 'pat@acme.test' },
      subject: 'Angebot',
      body: 'Body text.',
      before: 'Bitte übernehmen.',
    });
  });

  it('reads an Apple Mail forward quoted with "> "', () => {
    const text = [
      'Forwarding this one.',
      '',
      '> Begin forwarded message:',
      '>',
      '> From: Pat Jones <pat@acme.test>',
      '> Subject: Trial extension',
      '> Date: 5 January 2026 at 09:14:00 CET',
      '> To: sales@example.com',
      '>',
      '> Could you extend our trial?',
      '> Thanks',
    ].join('\n');
    expect(findForwarded(text)).toMatchObject({
      from: { name: 'Pat Jones', address: 'pat@acme.test' },
      date: '5 January 2026 at 09:14:00 CET',
      subject: 'Trial extension',
      body: 'Could you extend our trial?\nThanks',
      before: 'Forwarding this one.',
    });
  });

  it('joins a subject wrapped over two lines and keeps an empty note', () => {
    const text =
      '---------- Forwarded message ----------\nFrom: Pat <pat@acme.test>\nDate: today\nSubject: A long\nsubject line\nTo: me\n\nBody';
    expect(findForwarded(text)).toMatchObject({ subject: 'A long subject line', before: '', body: 'Body' });
  });

  it('returns a name without an address when the header has none', () => {
    const text =
      'Note\n\n*From:* Outlook user\n*Sent:* 2026-01-05\n*To:* sales@example.com\n*Subject:* Hi\n\nBody';
    expect(findForwarded(text)?.from).toEqual({ name: 'Outlook user', address: '' });
  });

  it('finds nothing in a plain reply or in a lone header-like line', () => {
    expect(findForwarded('Thanks!\n\nOn Mon, Jan 5, 2026 Dana <dana@example.com> wrote:\n> hi')).toBeNull();
    expect(findForwarded('From: the trade show.\nThey want a call.')).toBeNull();
    expect(findForwarded('')).toBeNull();
  });

  describe('on email_reply_trimmer embedded emails', () => {
    for (const c of loadTrimmerEmbeddedCases()) {
      it(`finds the embedded email and the text before it in ${c.name}`, () => {
        const forwarded = findForwarded(c.text.trim());
        // The upstream embedded email starts with its header block; the body is what follows it.
        const body = c.embedded.slice(c.embedded.search(/\n\s*\n/)).trim();
        expect(forwarded?.before).toBe(c.before.trim());
        expect(forwarded?.body).toBe(body);
        expect(forwarded?.from).not.toBeNull();
      });
    }
  });
});
