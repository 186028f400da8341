export interface MailboxEntry {
  id: string;
  /** File name inside the mailbox directory. */
  file: string;
  /** When the message was written (millisecond precision, from the file name). */
  date: Date;
  from: string;
  to: string[];
  subject: string;
}

export interface MailboxMessage extends MailboxEntry {
  html: string | null;
  text: string | null;
  /** Lower-cased header names, unfolded values; repeated headers joined by a newline. */
  headers: Record<string, string>;
  raw: Buffer;
}

/** What the mailbox page reads; the local mailbox implements it (and no file system comes with this type). */
export interface MailboxView {
  list(): Promise<MailboxEntry[]>;
  read(id: string): Promise<MailboxMessage | null>;
}
