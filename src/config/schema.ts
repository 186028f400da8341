import { z } from 'zod';
import type { Directory, Member, Team } from '../core/directory.ts';
import type {
  EscalationLevel,
  EscalationTarget,
  Playbook,
  PlaybookField,
  Season,
} from '../core/handoff/playbook.ts';
import { isCalendarDate, isValidTimeZone } from '../core/time/business-time.ts';
import { type Duration, parseDuration } from '../core/time/duration.ts';
import { DEFAULT_WORKING_HOURS, parseWorkingHours } from '../core/time/working-hours.ts';

/** Everything Baton knows from its config file, validated and resolved. */
export interface Config {
  mailDomain: string;
  defaultPlaybook: string;
  directory: Directory;
  playbooks: readonly Playbook[];
  seasons: readonly Season[];
  /** Refusals and other answers to mail that changed nothing, per sender address and hour. */
  refusalsPerHour: number;
  /**
   * `required`: mail is acted on only when its From domain authenticates it (DMARC, or an aligned
   * DKIM signature); `off`: only membership counts (local trials, tests).
   */
  senderAuthentication: 'required' | 'off';
  /** CIDR ranges of relays whose own Authentication-Results header is believed instead of checking again. */
  trustedRelays: readonly string[];
  /** How long a reply address keeps working after its handoff is closed. */
  replyTokenGrace: Duration;
  /** The largest inbound message accepted, in bytes: SMTP answers 552, HTTP 413. */
  maxMessageBytes: number;
  /** The most bytes of files one email carries; attachments beyond it are linked to the handoff's page. */
  attachmentMaxBytes: number;
}

/** 10 MB: what most mail servers accept once base64 has grown it by a third. */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** Inbound messages are limited to 25 MB, so no attachment is bigger than this. */
const MAX_ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'not an email address' }));

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like 2026-12-25')
  .refine(isCalendarDate, { error: (issue) => `'${String(issue.input)}' is not a calendar date` });

const durationText = z.string().transform((text, ctx) => {
  const parsed = parseDuration(text);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  }
  return parsed.value;
});

const memberSchema = z.strictObject({
  email,
  name: z.string().trim().min(1),
  timeZone: z
    .string()
    .refine(isValidTimeZone, { error: (issue) => `unknown IANA time zone '${String(issue.input)}'` }),
  workingHours: z
    .string()
    .default(DEFAULT_WORKING_HOURS)
    .transform((text, ctx) => {
      const parsed = parseWorkingHours(text);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.message });
        return z.NEVER;
      }
      return parsed.value;
    }),
  holidays: z.array(isoDate).default([]),
  manager: email.optional(),
  aliases: z.array(email).default([]),
  calendarLink: z.url().optional(),
});

const teamSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'team ids are lower-case letters, digits and dashes'),
  name: z.string().trim().min(1),
  contact: email,
  members: z.array(email).default([]),
});

const fieldSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-zA-Z0-9_]*$/, 'field keys are identifiers like "lead" or "triggerDate"'),
  label: z.string().trim().min(1),
  synonyms: z.array(z.string().trim().min(1)).default([]),
  required: z.boolean().default(false),
  hint: z.string().optional(),
});

const targetText = z.string().regex(/^(manager|giver|team:[a-z0-9-]+|[^@\s]+@[^@\s]+)$/, {
  message: 'an escalation target is "manager", "giver", "team:<id>" or a member email',
});

const playbookSchema = z.strictObject({
  id: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9-]*$/,
      'playbook ids are lower-case letters, digits and dashes (they are addresses)',
    ),
  name: z.string().trim().min(1),
  fields: z.array(fieldSchema).min(1),
  ackWithin: durationText.prefault('4h business'),
  escalate: z
    .array(
      z.strictObject({
        after: durationText,
        to: z.array(targetText).min(1),
        deliver: z.enum(['working-hours', 'immediately']).default('working-hours'),
      }),
    )
    .default([]),
  repeat: z.number().int().min(0).max(5).default(0),
  remindBefore: durationText.optional(),
  followThroughGrace: durationText.prefault('4h'),
  handoffWithin: durationText.prefault('24h'),
  reachOutWithin: durationText.prefault('48h'),
  defaultReceiver: z.string().optional(),
  triage: z
    .strictObject({
      fullShare: z.number().gt(0).max(1).default(0.2),
      windowDays: z.number().int().min(1).default(7),
    })
    .optional(),
  light: z.strictObject({ prospectEmail: z.boolean().default(false) }).optional(),
});

const configSchema = z.strictObject({
  mailDomain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'expected a domain like handoffs.example.com'),
  defaultPlaybook: z.string().default('mql-to-sal'),
  members: z.array(memberSchema).min(1),
  teams: z.array(teamSchema).default([]),
  playbooks: z.array(playbookSchema).default([]),
  seasons: z.array(z.strictObject({ from: isoDate, to: isoDate, playbook: z.string() })).default([]),
  refusalsPerHour: z.number().int().min(1).default(3),
  senderAuthentication: z.enum(['required', 'off']).default('required'),
  trustedRelays: z
    .array(z.union([z.cidrv4(), z.cidrv6()], { error: 'expected a CIDR range like 127.0.0.1/32' }))
    .default([]),
  replyTokenGrace: durationText
    .refine((d) => d.clock === 'calendar', { error: 'a calendar duration like "30d"' })
    .prefault('30d'),
  maxMessageBytes: z
    .number()
    .int()
    .min(64 * 1024)
    .default(25 * 1024 * 1024),
  attachmentMaxBytes: z
    .number()
    .int()
    .min(0)
    .max(MAX_ATTACHMENT_MAX_BYTES, { error: `at most ${MAX_ATTACHMENT_MAX_BYTES} (25 MB)` })
    .default(DEFAULT_ATTACHMENT_MAX_BYTES),
});

type RawPlaybook = z.input<typeof playbookSchema>;

const DEFAULT_CHAIN: RawPlaybook['escalate'] = [
  { after: '0', to: ['manager', 'giver'] },
  { after: '4h business', to: ['manager'] },
];

/** The two playbooks that exist unless a config redefines them. */
export const BUILT_IN_PLAYBOOKS: readonly RawPlaybook[] = [
  {
    id: 'mql-to-sal',
    name: 'MQL to SAL',
    fields: [
      { key: 'lead', label: 'Lead', synonyms: ['prospect', 'contact'], required: true },
      { key: 'trigger', label: 'Trigger', synonyms: ['trigger event', 'source'], required: true },
      { key: 'summary', label: 'Summary', synonyms: ['context', 'notes'], required: true },
      { key: 'timeline', label: 'Timeline' },
      { key: 'channel', label: 'Channel', synonyms: ['preferred channel'] },
    ],
    ackWithin: '4h business',
    escalate: DEFAULT_CHAIN,
    remindBefore: '1h',
  },
  {
    id: 'fast-track',
    name: 'Fast track',
    fields: [
      { key: 'lead', label: 'Lead', synonyms: ['prospect', 'contact'], required: true },
      { key: 'need', label: 'Need', synonyms: ['stated need', 'summary'], required: true },
      { key: 'channel', label: 'Channel', synonyms: ['preferred channel'] },
    ],
    ackWithin: '2h business',
    escalate: DEFAULT_CHAIN,
    remindBefore: '30m',
  },
];

const FIELD_HINTS: Record<string, string> = {
  lead: 'name and contact (email or phone)',
  trigger: 'what made them engage, e.g. "requested a demo on the pricing page"',
  summary: '2–3 sentences on their main question or pain',
  timeline: 'when they want to decide or start',
  channel: 'how they prefer to be reached: email, phone, LinkedIn…',
  need: 'the need they stated, in their words',
};

/** `members[1].timeZone` from zod's path array. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

function parseTarget(text: string): EscalationTarget {
  if (text === 'manager' || text === 'giver') return { kind: text };
  if (text.startsWith('team:')) return { kind: 'team', id: text.slice(5) };
  return { kind: 'member', email: text.toLowerCase() };
}

function targetKey(t: EscalationTarget): string {
  switch (t.kind) {
    case 'manager':
    case 'giver':
      return t.kind;
    case 'team':
      return `team:${t.id}`;
    case 'member':
      return t.email;
  }
}

type Parsed = z.output<typeof configSchema>;

/** Cross-references zod cannot see: managers, contacts, chain targets, cycles. Each error starts with its path. */
function crossCheck(parsed: Parsed): string[] {
  const errors: string[] = [];
  const byAddress = new Map<string, number>();
  parsed.members.forEach((m, i) => {
    for (const address of [m.email, ...m.aliases]) {
      const seen = byAddress.get(address);
      if (seen !== undefined && seen !== i)
        errors.push(`members[${i}]: ${address} is already used by members[${seen}]`);
      byAddress.set(address, i);
    }
  });
  const isMember = (address: string) => byAddress.has(address);
  const primary = (address: string) => parsed.members[byAddress.get(address) ?? -1]?.email ?? address;

  parsed.members.forEach((m, i) => {
    if (m.manager && !isMember(m.manager)) errors.push(`members[${i}].manager: ${m.manager} is not a member`);
  });
  // A manager cycle would make "escalate to the manager" climb forever.
  parsed.members.forEach((m, i) => {
    const seen = [m.email];
    let next = m.manager ? primary(m.manager) : undefined;
    while (next) {
      if (seen.includes(next)) {
        if (next === m.email)
          errors.push(`members[${i}].manager: cycle in managers: ${[...seen, next].join(' → ')}`);
        break;
      }
      seen.push(next);
      next = parsed.members.find((x) => x.email === next)?.manager;
      next = next ? primary(next) : undefined;
    }
  });

  const teamIds = new Set<string>();
  parsed.teams.forEach((t, i) => {
    if (teamIds.has(t.id)) errors.push(`teams[${i}].id: duplicate team id '${t.id}'`);
    teamIds.add(t.id);
    if (!isMember(t.contact)) errors.push(`teams[${i}].contact: ${t.contact} is not a member`);
    t.members.forEach((address, j) => {
      if (!isMember(address)) errors.push(`teams[${i}].members[${j}]: ${address} is not a member`);
    });
  });

  const playbookIds = new Set<string>(BUILT_IN_PLAYBOOKS.map((p) => p.id));
  parsed.playbooks.forEach((p, i) => {
    playbookIds.add(p.id);
    const keys = new Set<string>();
    const labels = new Map<string, string>();
    p.fields.forEach((f, j) => {
      if (keys.has(f.key)) errors.push(`playbooks[${i}].fields[${j}].key: duplicate field '${f.key}'`);
      keys.add(f.key);
      for (const label of [f.label, ...f.synonyms]) {
        const lower = label.toLowerCase();
        const owner = labels.get(lower);
        if (owner && owner !== f.key)
          errors.push(`playbooks[${i}].fields[${j}]: label '${label}' is also used by field '${owner}'`);
        labels.set(lower, f.key);
      }
    });
    const used = new Map<string, number>();
    p.escalate.forEach((level, j) => {
      level.to.forEach((text, k) => {
        const target = parseTarget(text);
        const path = `playbooks[${i}].escalate[${j}].to[${k}]`;
        if (target.kind === 'team' && !teamIds.has(target.id))
          errors.push(`${path}: unknown team '${target.id}'`);
        if (target.kind === 'member' && !isMember(target.email))
          errors.push(`${path}: ${target.email} is not a member`);
        const key = targetKey(target);
        const earlier = used.get(key);
        // "manager" climbs one level each time, so it may repeat; anything else repeating is a loop.
        if (earlier !== undefined && key !== 'manager')
          errors.push(
            `${path}: '${key}' is already escalated to at level ${earlier + 1}: a cycle in the chain (use "repeat" to run the chain again)`,
          );
        used.set(key, j);
      });
    });
    if (p.defaultReceiver) {
      const receiver = p.defaultReceiver.toLowerCase();
      const team = receiver.startsWith('team:') ? receiver.slice(5) : null;
      if (team ? !teamIds.has(team) : !isMember(receiver))
        errors.push(`playbooks[${i}].defaultReceiver: '${p.defaultReceiver}' is not a member or team`);
    }
  });
  if (!playbookIds.has(parsed.defaultPlaybook))
    errors.push(`defaultPlaybook: unknown playbook '${parsed.defaultPlaybook}'`);
  parsed.seasons.forEach((s, i) => {
    if (!playbookIds.has(s.playbook)) errors.push(`seasons[${i}].playbook: unknown playbook '${s.playbook}'`);
    if (s.to < s.from) errors.push(`seasons[${i}]: 'to' ${s.to} is before 'from' ${s.from}`);
  });
  return errors;
}

function toPlaybook(p: z.output<typeof playbookSchema>): Playbook {
  const fields: PlaybookField[] = p.fields.map((f) => ({
    key: f.key,
    label: f.label,
    synonyms: f.synonyms,
    required: f.required,
    hint: f.hint ?? FIELD_HINTS[f.key] ?? '',
  }));
  const escalate: EscalationLevel[] = p.escalate.map((level) => ({
    after: level.after,
    to: level.to.map(parseTarget),
    deliver: level.deliver,
  }));
  return {
    id: p.id,
    name: p.name,
    fields,
    ackWithin: p.ackWithin,
    escalate,
    repeat: p.repeat,
    remindBefore: (p.remindBefore as Duration | undefined) ?? null,
    followThroughGrace: p.followThroughGrace,
    handoffWithin: p.handoffWithin,
    reachOutWithin: p.reachOutWithin,
    defaultReceiver: p.defaultReceiver?.toLowerCase() ?? null,
    triage: p.triage ?? null,
    light: p.light ?? null,
  };
}

/** Validates a config object (parsed JSON or a TS module's default export). */
export function parseConfig(input: unknown): ConfigResult {
  const result = configSchema.safeParse(input);
  if (!result.success) {
    return { ok: false, errors: result.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`) };
  }
  const parsed = result.data;
  const redefined = new Set(parsed.playbooks.map((p) => p.id));
  const builtIns = BUILT_IN_PLAYBOOKS.filter((p) => !redefined.has(p.id)).map((p) => playbookSchema.parse(p));
  const errors = crossCheck(parsed);
  if (errors.length > 0) return { ok: false, errors };

  const members: Member[] = parsed.members.map((m) => ({
    email: m.email,
    name: m.name,
    aliases: m.aliases,
    manager: m.manager ?? null,
    schedule: { timeZone: m.timeZone, hours: m.workingHours, holidays: m.holidays },
    calendarLink: m.calendarLink ?? null,
  }));
  const teams: Team[] = parsed.teams.map((t) => ({ ...t }));
  return {
    ok: true,
    config: {
      mailDomain: parsed.mailDomain,
      defaultPlaybook: parsed.defaultPlaybook,
      directory: { members, teams },
      playbooks: [...parsed.playbooks, ...builtIns].map(toPlaybook),
      seasons: parsed.seasons,
      refusalsPerHour: parsed.refusalsPerHour,
      senderAuthentication: parsed.senderAuthentication,
      trustedRelays: parsed.trustedRelays,
      replyTokenGrace: parsed.replyTokenGrace,
      maxMessageBytes: parsed.maxMessageBytes,
      attachmentMaxBytes: parsed.attachmentMaxBytes,
    },
  };
}
