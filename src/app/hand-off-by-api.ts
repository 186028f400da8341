import { resolveRecipient } from '../core/directory.ts';
import type { Handoff } from '../core/handoff/handoff.ts';
import { resolveByLine } from '../core/receiver.ts';
import { type CreateRefusal, createHandoff } from './hand-off.ts';
import type { Deps } from './ports.ts';

export interface SubmittedHandoff {
  playbook?: string | undefined;
  giver: string;
  receiver: string;
  fields: Record<string, string>;
  note?: string | undefined;
  score?: number | undefined;
  triggerAt?: Date | undefined;
}

export type SubmitResult =
  | { ok: true; handoff: Handoff; created: boolean }
  | CreateRefusal
  | { ok: false; code: 'unknown_receiver'; message: string };

/** A handoff from the API (CRM automation): the same validation and effects as by email, minus the draft. */
export async function submitHandoff(
  deps: Deps,
  input: SubmittedHandoff,
  idempotency: { key: string; fingerprint: string } | null,
): Promise<SubmitResult> {
  const { directory } = deps.config;
  const recipient = resolveRecipient(directory, input.receiver) ?? resolveByLine(directory, input.receiver);
  if (!recipient)
    return { ok: false, code: 'unknown_receiver', message: `'${input.receiver}' is not a member or team` };
  const values = Object.fromEntries(
    Object.entries(input.fields)
      .map(([k, v]) => [k, v.trim()] as const)
      .filter(([, v]) => v !== ''),
  );
  return createHandoff(
    deps,
    {
      playbookId: input.playbook ?? null,
      giverEmail: input.giver,
      recipient,
      values,
      note: input.note?.trim() || null,
      forwarded: null,
      attachments: [],
      score: input.score ?? null,
      triggerAt: input.triggerAt ?? null,
      sourceInboundId: null,
      giverMessageId: null,
      idempotency,
    },
    'refuse',
  );
}
