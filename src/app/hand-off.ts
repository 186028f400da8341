import { findMember, type Member, type Recipient } from '../core/directory.ts';
import type { Attachment } from '../core/handoff/attachments.ts';
import { decideAskForFields, decideOpen } from '../core/handoff/decide-open.ts';
import { missingFields, unknownFields } from '../core/handoff/fields.ts';
import type { ForwardedEmail, Handoff } from '../core/handoff/handoff.ts';
import { partiesOf } from '../core/handoff/parties.ts';
import { defaultPlaybookOn, type Playbook } from '../core/handoff/playbook.ts';
import { localDate } from '../core/time/business-time.ts';
import { isFullRitual, leadAddress } from '../core/triage.ts';
import type { Deps, Tx } from './ports.ts';
import { applyDecision } from './steps/apply-decision.ts';

export interface HandoffInput {
  playbookId: string | null;
  giverEmail: string;
  recipient: Recipient;
  values: Record<string, string>;
  note: string | null;
  forwarded: ForwardedEmail | null;
  /** Files attached to the giver's email. */
  attachments: Attachment[];
  score: number | null;
  triggerAt: Date | null;
  sourceInboundId: number | null;
  /** The giver's own Message-ID: Baton's answers to the giver thread under it. */
  giverMessageId: string | null;
  /** The API's Idempotency-Key and a fingerprint of the request it came with. */
  idempotency: { key: string; fingerprint: string } | null;
}

export type CreateRefusal =
  | { ok: false; code: 'unknown_giver'; message: string }
  | { ok: false; code: 'unknown_playbook'; message: string }
  | { ok: false; code: 'idempotency_conflict'; message: string }
  | { ok: false; code: 'missing_fields'; message: string; missing: { key: string; label: string }[] }
  | { ok: false; code: 'unknown_fields'; message: string; unknown: string[]; fields: string[] };

export type CreateResult = { ok: true; handoff: Handoff; created: boolean } | CreateRefusal;

/** The playbook a new handoff uses: the addressed one, or the default (seasons apply, on the giver's date). */
export function pickPlaybook(deps: Deps, playbookId: string | null, giver: Member): Playbook | null {
  const { config } = deps;
  const id =
    playbookId ??
    defaultPlaybookOn(
      localDate(deps.clock.now(), giver.schedule.timeZone).toString(),
      config.defaultPlaybook,
      config.seasons,
    );
  return config.playbooks.find((p) => p.id === id) ?? null;
}

/**
 * Creates a handoff. Missing required fields either refuse (API: the caller answers 422) or
 * create a draft and ask the giver for them by email (the giver's reply completes the draft).
 */
export async function createHandoff(
  deps: Deps,
  input: HandoffInput,
  onMissing: 'refuse' | 'draft',
): Promise<CreateResult> {
  const giver = findMember(deps.config.directory, input.giverEmail);
  if (!giver) return { ok: false, code: 'unknown_giver', message: `${input.giverEmail} is not a member` };
  const playbook = pickPlaybook(deps, input.playbookId, giver);
  if (!playbook)
    return { ok: false, code: 'unknown_playbook', message: `unknown playbook '${input.playbookId}'` };
  const { store } = deps;
  if (input.idempotency) {
    const existing = await store.handoffs.findByIdempotencyKey(store.pool, input.idempotency.key);
    if (existing && existing.idempotencyFingerprint !== input.idempotency.fingerprint)
      return {
        ok: false,
        code: 'idempotency_conflict',
        message: `Idempotency-Key '${input.idempotency.key}' was first used with a different request`,
      };
    if (existing) return { ok: true, handoff: existing, created: false };
  }
  const unknown = onMissing === 'refuse' ? unknownFields(playbook, input.values) : [];
  if (unknown.length > 0) {
    const fields = playbook.fields.map((f) => f.key);
    return {
      ok: false,
      code: 'unknown_fields',
      message: `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')}: the playbook ${playbook.id} has ${fields.join(', ')}`,
      unknown,
      fields,
    };
  }
  const missing = missingFields(playbook, input.values);
  if (missing.length > 0 && onMissing === 'refuse') {
    return {
      ok: false,
      code: 'missing_fields',
      message: `missing required fields: ${missing.map((f) => f.key).join(', ')}`,
      missing: missing.map((f) => ({ key: f.key, label: f.label })),
    };
  }

  const now = deps.clock.now();
  const outboxIds: string[] = [];
  const handoff = await store.transaction(async (tx) => {
    const row = await store.handoffs.insert(tx, {
      playbookId: playbook.id,
      state: 'draft',
      giverEmail: giver.email,
      receiverEmail: input.recipient.member.email,
      receiverTeam: input.recipient.kind === 'team' ? input.recipient.team.id : null,
      fields: input.values,
      missingFields: missing.map((f) => f.key),
      note: input.note,
      forwarded: input.forwarded,
      attachments: input.attachments,
      score: input.score,
      triggerAt: input.triggerAt,
      createdAt: now,
      updatedAt: now,
      threadMessageIds: input.giverMessageId ? [input.giverMessageId] : [],
      sourceInboundId: input.sourceInboundId,
      idempotencyKey: input.idempotency?.key ?? null,
      idempotencyFingerprint: input.idempotency?.fingerprint ?? null,
    });
    await store.events.append(tx, [
      {
        handoffId: row.id,
        at: now,
        actor: giver.email,
        kind: 'created',
        inboundMessageId: input.sourceInboundId,
        data: {
          playbook: playbook.id,
          receiver: row.receiverEmail,
          team: row.receiverTeam,
          fields: Object.keys(input.values),
        },
      },
    ]);
    if (missing.length > 0) {
      outboxIds.push(await askForMissingFields(tx, deps, row, playbook, giver, input.sourceInboundId));
      return row;
    }
    return openHandoff(tx, deps, row, playbook, input.sourceInboundId, outboxIds);
  });
  await deps.deliver(outboxIds);
  return { ok: true, handoff, created: true };
}

/** Writes the missing-fields question to the giver; returns its outbox id. */
export async function askForMissingFields(
  tx: Tx,
  deps: Deps,
  handoff: Handoff,
  playbook: Playbook,
  giver: Member,
  inboundId: number | null,
): Promise<string> {
  const decision = decideAskForFields({ handoff, playbook, giver });
  const applied = await applyDecision(tx, deps, handoff, decision, { inboundId, messageId: null });
  return applied.outboxIds[0]!;
}

/**
 * Opens a complete draft: the full ritual, or a light handoff when triage puts its score below the
 * cut. Queues its emails (their ids go to `outboxIds`) inside the caller's transaction.
 */
export async function openHandoff(
  tx: Tx,
  deps: Deps,
  draft: Handoff,
  playbook: Playbook,
  inboundId: number | null,
  outboxIds: string[],
): Promise<Handoff> {
  const { store, config } = deps;
  const now = deps.clock.now();
  const parties = partiesOf(draft, config);
  if (!parties) throw new Error(`handoff ${draft.id}: giver or receiver left the config`);
  const { giver, receiver } = parties;
  let fullRitual = true;
  if (playbook.triage && draft.score !== null) {
    const since = new Date(now.getTime() - playbook.triage.windowDays * 86_400_000);
    const others = await store.handoffs.recentScores(tx, playbook.id, since, draft.id);
    fullRitual = isFullRitual(draft.score, others, playbook.triage.fullShare);
  }
  const prospect = fullRitual ? null : leadAddress(draft.fields.lead);
  const decision = decideOpen({
    draft,
    playbook,
    giver,
    receiver,
    directory: config.directory,
    now,
    fullRitual,
    prospectAlreadyWritten: prospect ? await store.handoffs.prospectWasWritten(tx, prospect) : false,
  });
  if (!decision) return draft;
  const applied = await applyDecision(tx, deps, draft, decision, { inboundId, messageId: null });
  outboxIds.push(...applied.outboxIds);
  return applied.handoff;
}
