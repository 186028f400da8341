import { describe, expect, it } from 'vitest';
import { type EmailKind, type EmailProps, templates } from '../../emails/index.ts';
import { renderEmail } from '../../src/adapters/mail-out/render-email.ts';

const kinds = Object.keys(templates) as EmailKind[];

function preview<K extends EmailKind>(kind: K): EmailProps<K> {
  return templates[kind].component.PreviewProps;
}

// Tag names our templates can emit; user text such as "<bob@example.com>" or "<email>" is allowed in text.
const htmlTag =
  /<\/?(html|head|body|meta|table|tbody|tr|td|div|p|span|a|strong|br|hr|h1|ul|li|pre|blockquote)\b[^>]*>/i;
const htmlEntity = /&(lt|gt|amp|quot|nbsp|#x?[0-9a-f]+);/i;

describe('every template', () => {
  it.each(kinds)('%s renders its preview props to a subject, HTML and readable plain text', async (kind) => {
    const props = preview(kind);
    const email = await renderEmail(kind, props);

    expect(email.subject.length).toBeGreaterThan(0);
    expect(email.subject).not.toMatch(/\n/);
    expect(email.html).toMatch(/^<!DOCTYPE html/);
    expect(email.text.trim().length).toBeGreaterThan(0);
    expect(email.text).not.toMatch(htmlTag);
    expect(email.text).not.toMatch(htmlEntity);
    // The plain text opens with the message itself, not the brand header.
    expect(email.text.startsWith('Baton')).toBe(false);
  });

  it.each(kinds)('%s puts the reference first in the subject and shows it in the body', async (kind) => {
    const props = preview(kind);
    const reference = 'reference' in props && typeof props.reference === 'string' ? props.reference : null;
    if (!reference) return;
    const email = await renderEmail(kind, preview(kind));
    expect(email.subject.startsWith(`[${reference}] `)).toBe(true);
    expect(email.text).toContain(reference);
    expect(email.html).toContain(reference);
  });

  it.each(kinds.filter((kind) => kind !== 'prospect-intro'))(
    '%s says why the reader gets it and that Baton never needs a log-in',
    async (kind) => {
      const email = await renderEmail(kind, preview(kind));
      expect(email.text).toMatch(/You get this because .+\. Baton never needs you to log in\./);
    },
  );
});

describe('handoff-request', () => {
  it("the receiver's email shows the deadline in the receiver's zone and how to answer", async () => {
    const props = preview('handoff-request');
    const email = await renderEmail('handoff-request', props);

    expect(email.subject).toBe(`[H-1042] Handoff from Sam Lee: ${props.leadSummary}`);
    expect(email.text.split('\n')[0]).toBe(`New handoff from Sam Lee: ${props.leadSummary}`);
    expect(email.text).toContain('Please reply by Tue 24 Nov 2026, 15:00 CET (Europe/Berlin).');
    expect(email.text).toContain(
      "Reply to this email with your next step and when — e.g. “I'll call them tomorrow at 10 about pricing.”",
    );
    expect(email.text).toContain(props.deadlineExplanation);
  });

  it('shows every field, keeping the line breaks of multi-line values', async () => {
    const email = await renderEmail('handoff-request', preview('handoff-request'));
    expect(email.text).toContain('Lead:\nJane Doe, VP Operations at Acme (jane@acme.com)\n+1 415 555 0142');
    expect(email.text).toContain('Trigger: Requested a demo after the pricing webinar');
    expect(email.text).toContain('Channel: Phone');
  });

  it("quotes the giver's note and the forwarded email", async () => {
    const email = await renderEmail('handoff-request', preview('handoff-request'));
    expect(email.text).toContain(
      'Note from Sam Lee:\n\n> She mentioned a competitor trial ending on Friday.',
    );
    expect(email.text).toContain('Forwarded email from Jane Doe <jane@acme.com>, Mon 23 Nov 2026, 09:12');
    expect(email.text).toContain(
      '> Could someone walk us through pricing for 40 seats and the Salesforce sync?',
    );
    expect(email.html).toContain('<blockquote');
  });

  it('says who had it before when the handoff came by reassignment', async () => {
    const email = await renderEmail('handoff-request', {
      ...preview('handoff-request'),
      reassignedFrom: 'Bob Smith',
      receiverName: 'Claire Martin',
    });
    expect(email.text).toMatch(/^Reassigned to you: /);
    expect(email.text).toContain('It was with Bob Smith; Sam Lee handed it off.');
  });

  it('leaves out the note and forwarded sections when there are none', async () => {
    const email = await renderEmail('handoff-request', {
      ...preview('handoff-request'),
      note: null,
      forwarded: null,
    });
    expect(email.text).not.toContain('Note from');
    expect(email.text).not.toContain('Forwarded email');
  });
});

describe('user text', () => {
  it('is escaped in HTML: a field value "<script>" never appears raw', async () => {
    const hostile = '<script>alert("x")</script>';
    const email = await renderEmail('handoff-request', {
      ...preview('handoff-request'),
      leadSummary: hostile,
      fields: [{ label: 'Lead', value: hostile }],
      note: hostile,
      forwarded: { from: hostile, date: null, subject: hostile, body: hostile },
    });
    expect(email.html).not.toContain('<script');
    expect(email.html).toContain('&lt;script&gt;');
    // Plain text is not HTML: the words are shown as written.
    expect(email.text).toContain('Lead: <script>alert("x")</script>');
  });

  it('cannot break the subject onto a second header line', async () => {
    const email = await renderEmail('handoff-request', {
      ...preview('handoff-request'),
      leadSummary: 'Jane Doe\r\nBcc: someone@example.org',
    });
    expect(email.subject).toBe('[H-1042] Handoff from Sam Lee: Jane Doe Bcc: someone@example.org');
  });

  it('keeps a very long subject short but never drops the reference', async () => {
    const email = await renderEmail('handoff-request', {
      ...preview('handoff-request'),
      leadSummary: 'x'.repeat(500),
    });
    expect(email.subject.length).toBeLessThanOrEqual(140);
    expect(email.subject).toMatch(/^\[H-1042\] .*…$/);
  });
});

describe('handoff-receipt', () => {
  it("tells the giver who received it and the deadline in both people's local times", async () => {
    const props = preview('handoff-receipt');
    const email = await renderEmail('handoff-receipt', props);
    expect(email.subject).toBe(`[H-1042] Handed to Bob Smith: ${props.leadSummary}`);
    expect(email.text).toContain('Tue 24 Nov 2026, 09:00 EST (America/New_York) your time');
    expect(email.text).toContain('Tue 24 Nov 2026, 15:00 CET (Europe/Berlin) their time');
    expect(email.text).toContain('bob@example.com');
  });

  it('says how late a late handoff was, and nothing when it was on time', async () => {
    const late = await renderEmail('handoff-receipt', preview('handoff-receipt'));
    expect(late.text).toContain('handed off 31 hours after the trigger (target: within 24 hours)');
    const onTime = await renderEmail('handoff-receipt', { ...preview('handoff-receipt'), lateBy: null });
    expect(onTime.text).not.toContain('Heads-up');
  });
});

describe('missing-fields', () => {
  it('the missing-fields reply names each missing field and a fill-in block', async () => {
    const email = await renderEmail('missing-fields', preview('missing-fields'));
    expect(email.subject).toBe('[H-1042] Handoff not sent yet: missing Trigger and Summary');
    expect(email.text).toContain(' * Trigger — what made them engage');
    expect(email.text).toContain(' * Summary — 2–3 sentences on their main question or pain');
    expect(email.text).toContain('\nTrigger: \nSummary: \n');
    expect(email.html).toMatch(/<pre[^>]*monospace[^>]*>Trigger: \nSummary: <\/pre>/);
  });

  it('shows what the giver already sent', async () => {
    const email = await renderEmail('missing-fields', preview('missing-fields'));
    expect(email.text).toContain('What Baton has so far:');
    expect(email.text).toContain('Lead: Jane Doe, VP Operations at Acme (jane@acme.com)');
  });

  it('has no reference in the subject when no handoff exists yet', async () => {
    const email = await renderEmail('missing-fields', {
      ...preview('missing-fields'),
      reference: null,
      missing: [{ label: 'Lead', hint: 'name and contact' }],
    });
    expect(email.subject).toBe('Handoff not sent yet: missing Lead');
  });
});

describe('refusals to new handoffs', () => {
  it('the unknown-receiver reply names the attempt and lists who Baton knows', async () => {
    const email = await renderEmail('unknown-receiver', preview('unknown-receiver'));
    expect(email.text).toContain("Baton doesn't know “rob@example.com”");
    expect(email.text).toContain('Bob Smith — bob@example.com');
    expect(email.text).toContain('Sales leads (team) — sales-leads@handoffs.example.com');
    expect(email.text).toContain('Receiver: name@example.com');
  });

  it('the unknown-receiver reply asks who should receive it when nobody was named', async () => {
    const email = await renderEmail('unknown-receiver', { ...preview('unknown-receiver'), attempted: null });
    expect(email.text).toMatch(/^Not sent: who should receive this handoff\?/);
  });

  it('the unknown-sender reply says nothing was passed on', async () => {
    const email = await renderEmail('unknown-sender', preview('unknown-sender'));
    expect(email.text).toContain('alex@partner.example.org');
    expect(email.text).toContain('Nobody received your message.');
  });
});

describe('replies', () => {
  it('the acknowledgment notice quotes the next step and its due time in both zones', async () => {
    const email = await renderEmail('acknowledged', preview('acknowledged'));
    expect(email.subject).toMatch(/^\[H-1042\] Bob Smith is on it: /);
    expect(email.text).toContain("> I'll call her tomorrow at 10 about the Salesforce sync.");
    expect(email.text).toContain('Wed 25 Nov 2026, 04:00 EST (America/New_York) your time');
    expect(email.text).toContain('Wed 25 Nov 2026, 10:00 CET (Europe/Berlin) their time');
  });

  it('a rescheduled commitment shows the earlier plan and a late one says so', async () => {
    const email = await renderEmail('acknowledged', {
      ...preview('acknowledged'),
      replaced: 'Call her today at 4',
      beyondReachOut: 'This is later than your 48-hour reach-out target.',
    });
    expect(email.subject).toMatch(/^\[H-1042\] Bob Smith rescheduled: /);
    expect(email.text).toContain('This replaces the earlier plan:\n\n> Call her today at 4');
    expect(email.text).toContain('This is later than your 48-hour reach-out target.');
  });

  it('a commitment without a time says so', async () => {
    const email = await renderEmail('acknowledged', {
      ...preview('acknowledged'),
      dueGiverLocal: null,
      dueReceiverLocal: null,
    });
    expect(email.text).toContain('No time given.');
    expect(email.text).not.toContain('check with');
  });

  it('the vague-reply answer quotes the reply and asks for the specific step and when', async () => {
    const email = await renderEmail('ask-specific', preview('ask-specific'));
    expect(email.text).toContain('> Got it, thanks!');
    expect(email.text).toContain('next step and when');
    expect(email.text).toContain('Tue 24 Nov 2026, 15:00 CET (Europe/Berlin)');
  });

  it('an unsure reading is put back to the receiver as a question a yes answers', async () => {
    const email = await renderEmail('confirm-step', preview('confirm-step'));
    expect(email.text).toContain('Did you mean: call Jane — Thu 10 Dec 2026, 14:00 CET (Europe/Berlin)?');
    expect(email.text).toContain('Reply yes to confirm, or write your next step and when.');
    expect(email.text).toContain('> Sounds good, Thursday 14:00 works for me with Jane.');
    const noTime = await renderEmail('confirm-step', { ...preview('confirm-step'), dueLocal: null });
    expect(noTime.text).toContain('Did you mean: call Jane (no time given)?');
  });

  it('the decline notice gives the reason, or says there was none', async () => {
    const withReason = await renderEmail('declined', preview('declined'));
    expect(withReason.text).toContain("> Can't take this one, I'm on leave until the 30th.");
    const without = await renderEmail('declined', { ...preview('declined'), reason: null });
    expect(without.text).toContain('No reason given.');
  });

  it('the previous receiver learns who has it now and who moved it', async () => {
    const byManager = await renderEmail('reassigned', preview('reassigned'));
    expect(byManager.text).toContain('Dana Kim reassigned it, so Claire Martin owns it now.');
    const byThemselves = await renderEmail('reassigned', { ...preview('reassigned'), byName: 'Bob Smith' });
    expect(byThemselves.text).toContain('As you asked, Claire Martin owns it now.');
  });

  it('relays a question to the giver and the answer back to the receiver with their deadline', async () => {
    const question = await renderEmail('question-relay', preview('question-relay'));
    expect(question.text).toContain('> Do we know their budget?');
    expect(question.text).toContain('Baton passes it to Bob Smith');
    const answer = await renderEmail('answer-relay', preview('answer-relay'));
    expect(answer.text).toContain('> Budget is approved');
    expect(answer.text).toContain('Please reply by Tue 24 Nov 2026, 15:00 CET (Europe/Berlin)');
  });

  it('an auto-reply notice gives the return date and says the deadline still holds', async () => {
    const email = await renderEmail('auto-reply-noted', preview('auto-reply-noted'));
    expect(email.text).toContain('Back Mon 30 Nov 2026.');
    expect(email.text).toContain("That doesn't count as an answer");
    const noDate = await renderEmail('auto-reply-noted', {
      ...preview('auto-reply-noted'),
      returnDate: null,
    });
    expect(noDate.text).toContain('No return date given.');
  });

  it('a bounce notice names the address and the server diagnostic', async () => {
    const email = await renderEmail('undeliverable', preview('undeliverable'));
    expect(email.text).toContain('The email to bob@example.com bounced');
    expect(email.text).toContain('> 550 5.1.1 <bob@example.com>: Recipient address rejected');
  });

  it.each([
    ['token-invalid', "Baton couldn't tell which handoff your reply is about"],
    ['not-allowed', "Your reply wasn't applied to H-1042"],
    ['no-handoff', "Baton couldn't find H-1042"],
    ['closed', 'H-1042 is already closed'],
  ] as const)('a %s refusal explains itself', async (reason, title) => {
    const email = await renderEmail('refusal', { reason, reference: 'H-1042', detail: 'Some detail.' });
    expect(email.text.split('\n')[0]).toBe(title);
    expect(email.text).toContain('Some detail.');
  });

  it('a refusal without a reference has a plain subject', async () => {
    const email = await renderEmail('refusal', { reason: 'token-invalid', reference: null, detail: '' });
    expect(email.subject).toBe("Your reply wasn't applied");
  });
});

describe('clock-driven notices', () => {
  it('the reminder repeats the deadline, how to answer and the fields', async () => {
    const email = await renderEmail('reminder', preview('reminder'));
    expect(email.text).toContain(
      'Please reply by Tue 24 Nov 2026, 15:00 CET (Europe/Berlin), or it escalates.',
    );
    expect(email.text).toContain('Reply to this email with your next step and when');
    expect(email.text).toContain('Trigger: Requested a demo after the pricing webinar');
  });

  it('the escalation carries the whole context and says how to act', async () => {
    const email = await renderEmail('escalation', preview('escalation'));
    expect(email.text).toContain(
      'Nobody acknowledged within 4 business hours. Sam Lee handed it to Bob Smith.',
    );
    expect(email.text).toContain('Reply with your next step, or “reassign to <email>”.');
    expect(email.text).toContain('Summary: Needs the Salesforce sync for 40 warehouse staff.');
    expect(email.text).toContain('> She mentioned a competitor trial ending on Friday.');
    expect(email.text).toContain(' * Tue 24 Nov 2026, 22:00 JST — Reminder sent to Bob Smith');
    expect(email.text).toContain('escalation level 1');
  });

  it('the follow-through check quotes the plan and asks for “done” or a new step', async () => {
    const email = await renderEmail('follow-through', preview('follow-through'));
    expect(email.text).toContain("> I'll call her tomorrow at 10 about the Salesforce sync.");
    expect(email.text).toContain('Reply “done” or your new next step.');
  });

  it('the notice digest lists each handoff with its own reply address', async () => {
    const props = preview('notice-digest');
    const email = await renderEmail('notice-digest', props);
    expect(email.subject).toBe('3 handoffs need you: H-1042, H-1047, H-1051');
    for (const notice of props.items) {
      expect(email.text).toContain(notice.reference);
      expect(email.text).toContain(notice.line);
    }
    // The plain text shows the bare address once; the HTML links to the full mailto.
    expect(email.text).toContain('Reply to: reply+h1042.dana.x7Qp@handoffs.example.com\n');
    expect(email.text).not.toContain('mailto:');
    expect(email.html).toContain(
      'href="mailto:reply+h1042.dana.x7Qp@handoffs.example.com?subject=%5BH-1042%5D"',
    );
    expect(email.html).toContain('href="mailto:reply+h1051.dana.Kd2s@handoffs.example.com"');
  });

  it('the notice digest shows each handoff’s fields, note, forwarded email and history', async () => {
    const email = await renderEmail('notice-digest', preview('notice-digest'));
    expect(email.text).toContain('Summary: Needs the Salesforce sync for 40 warehouse staff.');
    expect(email.text).toContain('Note from Sam Lee:');
    expect(email.text).toContain('Forwarded email from Omar Haddad <omar@northwind.example>');
    expect(email.text).toContain('Tue 24 Nov 2026, 22:00 JST — Reminder sent to Bob Smith');
    expect(email.text).toContain('Reply to this email naming the handoff');
  });

  it('a digest of one notice threads with its handoff', async () => {
    const [first] = preview('notice-digest').items;
    const email = await renderEmail('notice-digest', { recipientName: 'Dana Kim', items: [first!] });
    expect(email.subject).toBe('[H-1042] Escalation: Jane Doe, VP Operations at Acme');
  });

  it('the light digest lists each lead with its fields and no deadline', async () => {
    const email = await renderEmail('light-digest', preview('light-digest'));
    expect(email.subject).toBe('2 leads for Wed 25 Nov 2026');
    expect(email.text).toContain('H-1060 · Priya Nair, Ops Analyst at Fabrikam');
    expect(email.text).toContain('Need: Asked whether there is a free trial');
    expect(email.text).toContain('No deadline and no escalation');
  });
});

describe('weekly-digest', () => {
  it('compares each figure with the week before and links each leak to its dashboard page', async () => {
    const email = await renderEmail('weekly-digest', preview('weekly-digest'));
    expect(email.subject).toBe('Your team’s week 2026-W48: leak rate 17 % (week before 33 %)');
    expect(email.text).toContain('Leak rate: 17 % (week before: 33 %)');
    expect(email.text).toContain('https://baton.example.com/dashboard/handoffs/H-1042');
    expect(email.text).toContain('Reply to: reply+1042.dana.x7qp@handoffs.example.com');
    // A closed leak has no reply address.
    expect(email.text.match(/Reply to:/g)).toHaveLength(1);
    expect(email.html).toContain('href="https://baton.example.com/dashboard/handoffs/H-1047"');
  });

  it('says so when nothing leaked', async () => {
    const email = await renderEmail('weekly-digest', {
      ...preview('weekly-digest'),
      leaks: [],
      moreLeaks: 0,
    });
    expect(email.text).toContain('No handoff leaked this week.');
  });
});

describe('prospect-intro', () => {
  it("reads as the receiver's own email, with the calendar link and no trace of Baton", async () => {
    const email = await renderEmail('prospect-intro', preview('prospect-intro'));
    expect(email.text).toMatch(/^Hi Priya,/);
    expect(email.text).toContain('https://cal.example.com/bob-smith/intro');
    expect(email.text).not.toMatch(/Baton|H-\d+/);
    expect(email.html).not.toMatch(/Baton|H-\d+/);
    expect(email.subject).not.toMatch(/^\[/);
  });

  it('offers a reply when there is no calendar link', async () => {
    const email = await renderEmail('prospect-intro', { ...preview('prospect-intro'), calendarLink: null });
    expect(email.text).not.toContain('pick a time');
    expect(email.text).toContain('Just reply to this email.');
  });
});

it('refuses an unknown kind loudly', async () => {
  const render = renderEmail as (kind: string, props: unknown) => Promise<unknown>;
  await expect(render('no-such-email', {})).rejects.toThrow('unknown email kind: no-such-email');
});
