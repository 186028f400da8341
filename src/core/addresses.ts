import type { Address } from './message.ts';

/** What one of Baton's own addresses asks for. */
export type Route =
  | { kind: 'new-handoff'; playbookId: string | null } // null: the default playbook (seasons apply)
  | { kind: 'reply'; token: string }
  | { kind: 'bounce'; token: string }
  | { kind: 'team'; teamId: string }
  | { kind: 'unknown'; localPart: string };

export function isBatonAddress(address: string, mailDomain: string): boolean {
  return address.trim().toLowerCase().endsWith(`@${mailDomain}`);
}

/** Reads an address at the mail domain: `handoff@`, `<playbook-id>@`, `reply+<token>@`, `bounces+<token>@`, `<team-id>@`. */
export function routeAddress(
  address: string,
  known: { playbookIds: readonly string[]; teamIds: readonly string[] },
): Route {
  const localPart = address.trim().toLowerCase().split('@')[0] ?? '';
  const [base, tag] = splitTag(localPart);
  if (base === 'reply' && tag) return { kind: 'reply', token: tag };
  // `bounce+` is what return paths said before `bounces+`; mail still in flight keeps working.
  if ((base === 'bounces' || base === 'bounce') && tag) return { kind: 'bounce', token: tag };
  if (base === 'handoff' || base === 'handoffs') return { kind: 'new-handoff', playbookId: null };
  if (known.playbookIds.includes(base)) return { kind: 'new-handoff', playbookId: base };
  if (known.teamIds.includes(base)) return { kind: 'team', teamId: base };
  return { kind: 'unknown', localPart };
}

function splitTag(localPart: string): [string, string | null] {
  const plus = localPart.indexOf('+');
  return plus < 0 ? [localPart, null] : [localPart.slice(0, plus), localPart.slice(plus + 1)];
}

/**
 * Baton's addresses a message was sent to. The SMTP envelope is the truth when there is one
 * (Bcc and forwarding rules leave no header trace); otherwise the To and Cc headers.
 */
export function batonRecipients(
  envelopeTo: readonly string[],
  headers: { to: readonly Address[]; cc: readonly Address[] },
  mailDomain: string,
): string[] {
  const source = envelopeTo.length > 0 ? envelopeTo : [...headers.to, ...headers.cc].map((a) => a.address);
  return [...new Set(source.map((a) => a.toLowerCase()).filter((a) => isBatonAddress(a, mailDomain)))];
}

export function replyAddress(token: string, mailDomain: string): string {
  return `reply+${token}@${mailDomain}`;
}

/** The VERP return path of an email: a bounce sent there names the handoff and the recipient that failed. */
export function bounceAddress(token: string, mailDomain: string): string {
  return `bounces+${token}@${mailDomain}`;
}

/** The local parts Baton answers to at its mail domain. */
export interface AddressBook {
  mailDomain: string;
  playbookIds: readonly string[];
  teamIds: readonly string[];
}

export function addressBook(config: {
  mailDomain: string;
  playbooks: readonly { id: string }[];
  directory: { teams: readonly { id: string }[] };
}): AddressBook {
  return {
    mailDomain: config.mailDomain,
    playbookIds: config.playbooks.map((p) => p.id),
    teamIds: config.directory.teams.map((t) => t.id),
  };
}

export type RecipientCheck = { ok: true } | { ok: false; message: string };

/**
 * Whether Baton accepts mail for an envelope recipient at all: its own domain and a local part it
 * knows. Everything else is refused during the SMTP session, before anything is stored.
 */
export function checkRecipient(address: string, book: AddressBook): RecipientCheck {
  if (!isBatonAddress(address, book.mailDomain))
    return { ok: false, message: `relay denied: Baton only accepts mail for @${book.mailDomain}` };
  if (routeAddress(address, book).kind === 'unknown')
    return { ok: false, message: `no such address: write to handoff@${book.mailDomain}` };
  return { ok: true };
}

// Mail servers' own senders: what a delivery report comes from.
const MAIL_DAEMON =
  /^(?:mailer-daemon|mailer_daemon|mailerdaemon|mail-daemon|maildaemon|postmaster|post_master|mail-delivery|mdaemon|bounce|bounces|mail\.delivery)@/iu;
// Senders nobody reads: answering them is how mail loops start.
const UNATTENDED =
  /^(?:mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?|notifications?)(?:[+@.-]|$)/iu;

/** A mail server's own address (mailer-daemon@, postmaster@, bounces@ …). */
export function isMailDaemon(address: string): boolean {
  return MAIL_DAEMON.test(address.trim());
}

/** An address no person reads (a mail server, no-reply@, notifications@): never answered. */
export function isRobotAddress(address: string): boolean {
  return isMailDaemon(address) || UNATTENDED.test(address.trim());
}
