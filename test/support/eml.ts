import MailComposer from 'nodemailer/lib/mail-composer';

export interface EmlInput {
  from: string;
  to: string | string[];
  cc?: string | string[];
  subject: string;
  text?: string;
  html?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  date?: Date;
  headers?: Record<string, string>;
  /** Files, as a client attaches them; `cid` makes one an image shown inside the HTML (a signature logo). */
  attachments?: { filename: string; content: Buffer; contentType?: string; cid?: string }[];
}

/** A real RFC 822 message, as a mail client would send it. */
export async function buildEml(input: EmlInput): Promise<Buffer> {
  const composer = new MailComposer({
    from: input.from,
    to: input.to,
    ...(input.cc ? { cc: input.cc } : {}),
    subject: input.subject,
    ...(input.text !== undefined ? { text: input.text } : {}),
    ...(input.html !== undefined ? { html: input.html } : {}),
    ...(input.messageId ? { messageId: input.messageId } : {}),
    ...(input.inReplyTo ? { inReplyTo: input.inReplyTo } : {}),
    ...(input.references ? { references: input.references } : {}),
    date: input.date ?? new Date('2026-11-24T14:00:00Z'),
    headers: input.headers ?? {},
    ...(input.attachments ? { attachments: input.attachments } : {}),
  });
  return composer.compile().build();
}
