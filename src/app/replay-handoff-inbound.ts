import type { Deps, ParseMime } from './ports.ts';
import { replayFailedInbound } from './receive-email.ts';
import { findHandoff } from './steps/find-handoff.ts';

export type ReplayHandoffInboundResult =
  | { ok: true; replayed: { inboundId: number; status: string; outcome: string }[] }
  | { ok: false; code: 'not_found' };

/** Replays the failed inbound messages of the handoff an API path names (by id or `H-n`). */
export async function replayHandoffInbound(
  deps: Deps,
  parse: ParseMime,
  idOrReference: string,
): Promise<ReplayHandoffInboundResult> {
  const handoff = await findHandoff(deps, idOrReference);
  if (!handoff) return { ok: false, code: 'not_found' };
  const outcomes = await replayFailedInbound(deps, parse, handoff.id);
  return {
    ok: true,
    replayed: outcomes.map((o) => ({ inboundId: o.inboundId, status: o.status, outcome: o.outcome })),
  };
}
