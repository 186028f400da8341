/*
 * What happens when a handoff has its required fields, decided without touching anything: the
 * full ritual (an acknowledgment deadline in the receiver's working time, its reminder and chain,
 * the receiver's email and the giver's receipt) or, below the triage cut, a light handoff that
 * travels in the receiver's daily digest. Or, while fields are missing, the question to the giver.
 */
import type { Directory, Member } from '../directory.ts';
import { planWindow } from '../escalation.ts';
import { addDuration, formatLocal, nextDailyTime } from '../time/business-time.ts';
import { formatDuration } from '../time/duration.ts';
import { leadAddress, leadName } from '../triage.ts';
import { type DecidedEmail, type Decision, requestEmail } from './decide-reply.ts';
import { fieldList, receiptProps } from './email-props.ts';
import { fillInBlock } from './fields.ts';
import type { Handoff, HandoffChanges } from './handoff.ts';
import { type HandoffState, transition } from './lifecycle.ts';
import type { Playbook } from './playbook.ts';
import { formatReference } from './reference.ts';

export interface OpenFacts {
  draft: Handoff;
  playbook: Playbook;
  giver: Member;
  receiver: Member;
  directory: Directory;
  now: Date;
  /** The triage verdict: false puts a scored handoff below the cut (see triage.ts). */
  fullRitual: boolean;
  /** Whether the lead was already sent Baton's automated email, or bounced (light handoffs only). */
  prospectAlreadyWritten: boolean;
}

/** 09:00 in the receiver's zone: when light handoffs arrive, in one daily digest. */
const LIGHT_DIGEST_MINUTES = 9 * 60;

/** "handed off 31 hours after the trigger (target: within 24 hours)", or null when on time. */
function lateness(handoff: Handoff, playbook: Playbook, now: Date): string | null {
  if (!handoff.triggerAt) return null;
  const elapsed = now.getTime() - handoff.triggerAt.getTime();
  if (elapsed <= playbook.handoffWithin.ms) return null;
  const hours = Math.round(elapsed / 3_600_000);
  return `handed off ${hours} hours after the trigger (target: within ${formatDuration(playbook.handoffWithin)})`;
}

/** The giver's receipt: who has it, and by when in both local times (how late, when it is). */
function receipt(f: OpenFacts, handoff: Handoff, receiverLocal: string, due: Date): DecidedEmail {
  const { playbook, giver, receiver } = f;
  return {
    kind: 'handoff-receipt',
    to: giver,
    thread: 'giver',
    props: receiptProps({
      handoff,
      playbook,
      giver,
      receiver,
      receiverLocal,
      due,
      lateBy: lateness(handoff, playbook, f.now),
    }),
  };
}

/** Opens a complete draft; a handoff that is no longer a draft is not opened twice. */
export function decideOpen(f: OpenFacts): Decision<'opened' | 'opened-light'> | null {
  const next = transition(f.draft.state, { kind: 'complete' });
  if (!next.ok) return null;
  return f.fullRitual ? openFull(f, next.state) : openLight(f, next.state);
}

function openFull(f: OpenFacts, state: HandoffState): Decision<'opened'> {
  const { draft, playbook, giver, receiver, now } = f;
  const deadline = addDuration(now, playbook.ackWithin, receiver.schedule);
  const changes: HandoffChanges = {
    state,
    missingFields: [],
    openedAt: now,
    updatedAt: now,
    ackDeadline: deadline.at,
    ackDeadlineExplanation: deadline.explanation,
  };
  const handoff: Handoff = { ...draft, ...changes };
  return {
    outcome: 'opened',
    changes,
    cancel: null,
    plan: planWindow({
      now,
      window: deadline,
      playbook,
      directory: f.directory,
      receiver,
      giver,
      fromLevel: 1,
      remind: deadline.at > now,
    }),
    emails: [
      requestEmail({ handoff, playbook, giver, receiver, deadline, reassignedFrom: null }),
      receipt(f, handoff, formatLocal(deadline.at, receiver.schedule.timeZone), deadline.at),
    ],
    events: [
      {
        kind: 'opened',
        actor: 'baton',
        fromMessage: true,
        email: 0,
        data: {
          receiver: receiver.email,
          deadline: deadline.at.toISOString(),
          explanation: deadline.explanation,
        },
      },
    ],
  };
}

/**
 * A light handoff (below the triage cut): no acknowledgment window and no escalation; the receiver
 * gets it in the next daily digest, and the lead may get one short automated email.
 */
function openLight(f: OpenFacts, state: HandoffState): Decision<'opened-light'> {
  const { draft, playbook, receiver, now } = f;
  const digestAt = nextDailyTime(now, LIGHT_DIGEST_MINUTES, receiver.schedule);
  const share = Math.round((playbook.triage?.fullShare ?? 0) * 100);
  const explanation = `light handoff (score below the top ${share} %): in ${receiver.name}'s daily digest at 09:00 ${receiver.schedule.timeZone}`;
  const changes: HandoffChanges = { state, light: true, missingFields: [], openedAt: now, updatedAt: now };
  const handoff: Handoff = { ...draft, ...changes };
  const prospect = leadAddress(handoff.fields.lead);
  const writeToProspect = Boolean(playbook.light?.prospectEmail && prospect && !f.prospectAlreadyWritten);
  return {
    outcome: 'opened-light',
    changes,
    cancel: null,
    plan: [{ kind: 'light-digest', level: 0, recipient: receiver.email, dueAt: digestAt, explanation }],
    emails: [
      receipt(
        f,
        handoff,
        `in the daily digest, ${formatLocal(digestAt, receiver.schedule.timeZone)}`,
        digestAt,
      ),
      ...(writeToProspect && prospect
        ? [
            {
              kind: 'prospect-intro' as const,
              to: { email: prospect, name: leadName(handoff.fields.lead) },
              thread: 'handoff' as const,
              fromName: receiver.name,
              replyTo: receiver.email,
              props: {
                leadName: leadName(handoff.fields.lead),
                receiverName: receiver.name,
                summary: handoff.fields.summary ?? handoff.fields.need ?? '',
                calendarLink: receiver.calendarLink,
              },
            },
          ]
        : []),
    ],
    events: [
      {
        kind: 'opened',
        actor: 'baton',
        fromMessage: true,
        data: { receiver: receiver.email, light: true, digestAt: digestAt.toISOString(), explanation },
      },
    ],
  };
}

/** The giver is asked for what is missing, with a block to fill in by reply. */
/** What Baton read of a forwarded lead that names nobody it can write to: "Jane Roe", or null. */
function forwardWithoutAddress(handoff: Handoff): string | null {
  const from = handoff.forwarded?.from;
  if (!from || from.address || !handoff.missingFields.includes('lead')) return null;
  return from.name || null;
}

export function decideAskForFields(f: {
  handoff: Handoff;
  playbook: Playbook;
  giver: Member;
}): Decision<'fields-requested'> {
  const { handoff, playbook, giver } = f;
  const missing = playbook.fields.filter((field) => handoff.missingFields.includes(field.key));
  return {
    outcome: 'fields-requested',
    changes: null,
    cancel: null,
    plan: [],
    emails: [
      {
        kind: 'missing-fields',
        to: giver,
        thread: 'giver',
        props: {
          giverName: giver.name,
          playbookName: playbook.name,
          missing: missing.map((field) => ({ label: field.label, hint: field.hint })),
          provided: fieldList(playbook, handoff.fields),
          fillInBlock: fillInBlock(missing),
          forwardWithoutAddress: forwardWithoutAddress(handoff),
          reference: formatReference(handoff.number),
        },
      },
    ],
    events: [
      {
        kind: 'fields-requested',
        actor: 'baton',
        fromMessage: true,
        email: 0,
        data: { missing: missing.map((field) => field.key) },
      },
    ],
  };
}
