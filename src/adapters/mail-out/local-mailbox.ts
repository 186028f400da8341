import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type AddressObject, simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { headerMap } from '../mail-in/parse-mime.ts';
import type { MailboxEntry, MailboxView } from './mailbox-view.ts';
import type { Mailer, OutboundEmail, SendResult } from './mailer.ts';

export type { MailboxEntry, MailboxMessage } from './mailbox-view.ts';

export type LocalMailbox = Mailer & MailboxView;

// 20260315T101523.123Z: fixed width, so file names sort by time and the id starts at a known offset.
const STAMP_LENGTH = 20;
const STAMP = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})\.(\d{3})Z$/;
const HEAD_BYTES = 64 * 1024;

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '');
}

function parseStamp(value: string): Date | null {
  const m = STAMP.exec(value);
  if (!m) return null;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

// Ids come from the outbox and from URLs: encode everything that could escape the directory
// or hide a file ('/', '.', '%'), keeping ordinary ids (uuids, numbers) readable.
function encodeId(id: string): string {
  return encodeURIComponent(id).replace(
    /[.!'()*~]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function decodeId(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

function fileName(date: Date, id: string): string {
  return `${stamp(date)}-${encodeId(id)}.eml`;
}

function parseFileName(file: string): { id: string; date: Date } | null {
  if (!file.endsWith('.eml') || file[STAMP_LENGTH] !== '-') return null;
  const date = parseStamp(file.slice(0, STAMP_LENGTH));
  const encoded = file.slice(STAMP_LENGTH + 1, -'.eml'.length);
  const id = decodeId(encoded);
  // Only names this module wrote: read(id) must find every listed entry again.
  return date && id && encodeId(id) === encoded ? { id, date } : null;
}

function addressList(value: AddressObject | AddressObject[] | undefined): string[] {
  if (!value) return [];
  const out: string[] = [];
  const walk = (entries: AddressObject['value']) => {
    for (const entry of entries) {
      if (entry.group) walk(entry.group);
      else if (entry.address) out.push(entry.name ? `${entry.name} <${entry.address}>` : entry.address);
    }
  };
  for (const item of Array.isArray(value) ? value : [value]) walk(item.value);
  return out;
}

// Only the header block is needed for a listing; our messages keep it far below 64 KB.
async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    const end = head.indexOf('\r\n\r\n');
    return end >= 0 ? head.subarray(0, end + 4) : head;
  } finally {
    await handle.close();
  }
}

async function compose(email: OutboundEmail, date: Date): Promise<Buffer> {
  // Return-Path is what a receiving MTA records from the envelope sender; the mailbox plays that role.
  const headers: Record<string, string> = email.returnPath ? { 'Return-Path': `<${email.returnPath}>` } : {};
  Object.assign(headers, email.headers);
  const composer = new MailComposer({
    from: email.from,
    to: email.to,
    cc: email.cc && email.cc.length > 0 ? email.cc : undefined,
    replyTo: email.replyTo ?? undefined,
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: email.messageId,
    inReplyTo: email.inReplyTo ?? undefined,
    references: email.references.length > 0 ? email.references : undefined,
    date,
    headers,
    attachments: email.attachments?.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength),
    })),
  });
  return composer.compile().build();
}

/**
 * An outbound mailer that stores every message as an RFC 822 `.eml` file in `dir` instead of
 * delivering it, so the whole flow works offline. Sending an id that is already stored is a no-op.
 * Assumes one process writes to `dir`.
 */
export function createLocalMailbox(dir: string): LocalMailbox {
  let ready: Promise<unknown> | null = null;
  const ensureDir = () => {
    ready ??= mkdir(dir, { recursive: true }).catch((error) => {
      ready = null;
      throw error;
    });
    return ready;
  };
  // Concurrent sends of one id would both miss the existing file; serialise them per id.
  const inFlight = new Map<string, Promise<SendResult>>();
  let lastWritten = 0;

  async function files(): Promise<{ file: string; id: string; date: Date }[]> {
    await ensureDir();
    const names = await readdir(dir);
    const out: { file: string; id: string; date: Date }[] = [];
    for (const file of names) {
      const parsed = parseFileName(file);
      if (parsed) out.push({ file, ...parsed });
    }
    // Newest first; the file name starts with the timestamp, so comparing names is comparing times.
    return out.sort((a, b) => (a.file < b.file ? 1 : a.file > b.file ? -1 : 0));
  }

  async function findFile(id: string): Promise<string | null> {
    const suffix = `-${encodeId(id)}.eml`;
    const names = await readdir(dir);
    return (
      names.find((name) => name.endsWith(suffix) && name.length === STAMP_LENGTH + suffix.length) ?? null
    );
  }

  async function write(email: OutboundEmail): Promise<SendResult> {
    await ensureDir();
    const existing = await findFile(email.id);
    if (existing) return { ok: true, providerId: existing };
    // Strictly increasing times keep "newest first" exact for messages written in the same millisecond.
    const time = Math.max(Date.now(), lastWritten + 1);
    lastWritten = time;
    const date = new Date(time);
    const raw = await compose(email, date);
    const file = fileName(date, email.id);
    const temp = join(dir, `.${file}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(temp, raw, { flag: 'wx' });
      await rename(temp, join(dir, file));
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return { ok: true, providerId: file };
  }

  async function entryOf(item: { file: string; id: string; date: Date }, raw: Buffer) {
    const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
    const from = addressList(parsed.from);
    return {
      parsed,
      entry: {
        id: item.id,
        file: item.file,
        date: item.date,
        from: from[0] ?? parsed.from?.text ?? '',
        to: addressList(parsed.to),
        subject: parsed.subject ?? '',
      } satisfies MailboxEntry,
    };
  }

  return {
    send(email) {
      const previous = inFlight.get(email.id);
      const run = (previous ?? Promise.resolve())
        .catch(() => undefined)
        .then(() => write(email))
        .catch(
          (error: unknown): SendResult => ({
            ok: false,
            // A full disk or a permission problem may clear; a message that cannot be composed will not.
            retryable: typeof (error as NodeJS.ErrnoException).code === 'string',
            error: `local mailbox: ${(error as Error).message}`,
          }),
        )
        .finally(() => {
          if (inFlight.get(email.id) === run) inFlight.delete(email.id);
        });
      inFlight.set(email.id, run);
      return run;
    },

    async list() {
      const out: MailboxEntry[] = [];
      for (const item of await files()) {
        try {
          const head = await readHead(join(dir, item.file));
          out.push((await entryOf(item, head)).entry);
        } catch (error) {
          // Removed between readdir and open: the listing simply no longer includes it.
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
      }
      return out;
    },

    async read(id) {
      await ensureDir();
      const file = await findFile(id);
      const date = file ? parseFileName(file)?.date : null;
      if (!file || !date) return null;
      let raw: Buffer;
      try {
        raw = await readFile(join(dir, file));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      const { parsed, entry } = await entryOf({ file, id, date }, raw);
      return {
        ...entry,
        html: typeof parsed.html === 'string' ? parsed.html : null,
        text: parsed.text ?? null,
        headers: headerMap(parsed.headerLines ?? []),
        raw,
      };
    },
  };
}
