import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { HANDOFF_STATES, type HandoffState } from '../../core/handoff/lifecycle.ts';

/**
 * The schemas the /api routes validate with, and the operations they belong to: the OpenAPI
 * document (openapi.ts) is generated from these very objects, never from a copy.
 */

/** Every error code the HTTP API can answer with. */
export const ERROR_CODES = [
  'unauthorized',
  'api_closed',
  'not_found',
  'invalid_request',
  'payload_too_large',
  'missing_fields',
  'unknown_fields',
  'unknown_giver',
  'unknown_receiver',
  'unknown_playbook',
  'idempotency_conflict',
  'already_closed',
  'not_a_draft',
  'already_open',
  'not_acknowledged',
  'webhook_closed',
  'webhook_unsigned',
  'webhook_bad_signature',
  'webhook_timestamp_out_of_range',
  'provider_unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The one mapping from refusal codes to HTTP statuses: no default, so a new code fails type-checking. */
export function codeToStatus(code: ErrorCode): ContentfulStatusCode {
  switch (code) {
    case 'unauthorized':
    case 'api_closed':
    case 'webhook_unsigned':
    case 'webhook_bad_signature':
    case 'webhook_timestamp_out_of_range':
      return 401;
    case 'not_found':
      return 404;
    case 'invalid_request':
      return 400;
    case 'payload_too_large':
      return 413;
    case 'missing_fields':
    case 'unknown_fields':
    case 'unknown_giver':
    case 'unknown_receiver':
    case 'unknown_playbook':
      return 422;
    case 'idempotency_conflict':
    case 'already_closed':
    case 'not_a_draft':
    case 'already_open':
    case 'not_acknowledged':
      return 409;
    case 'internal':
      return 500;
    // The provider retries a delivery answered 5xx: the message is fetched again next time.
    case 'provider_unavailable':
      return 502;
    case 'webhook_closed':
      return 503;
  }
}

/** Every refusal's body: a code, a message, the request id, and details some codes add. */
export const errorBody = z.strictObject({
  error: z.looseObject({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    requestId: z.string(),
  }),
});

export const handoffBody = z.strictObject({
  playbook: z.string().min(1).optional(),
  giver: z.string().min(3),
  receiver: z.string().min(1),
  fields: z.record(z.string(), z.string().max(20_000)),
  note: z.string().max(20_000).optional(),
  score: z.number().finite().optional(),
  triggerAt: z.iso.datetime({ offset: true }).optional(),
});

export const handoffHeaders = z.object({
  /** The same key with the same body answers the first result again; with another body, 409. */
  'idempotency-key': z.string().min(1).max(200).optional(),
});

/** A day ('2026-11-24', midnight UTC) or an instant with its offset. */
const instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).transform((v) => new Date(v));

export const metricsQuery = z
  .strictObject({
    from: instant.optional(),
    to: instant.optional(),
    playbook: z.string().min(1).optional(),
    giver: z.string().min(3).optional(),
    receiver: z.string().min(3).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: 'from must be before to', path: ['from'] });

export const listQuery = z.strictObject({
  state: z.enum(HANDOFF_STATES as [HandoffState, ...HandoffState[]]).optional(),
  receiver: z.string().min(3).optional(),
  playbook: z.string().min(1).optional(),
  cursor: z.string().min(1).max(40).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** A handoff named in a path: its id, or its `H-n` reference. */
export const handoffParams = z.strictObject({
  id: z.string().min(1).max(100),
});

export interface Operation {
  method: 'get' | 'post';
  /** In OpenAPI's form: `/api/handoffs/{id}`. */
  path: string;
  summary: string;
  params?: z.ZodType;
  query?: z.ZodType;
  headers?: z.ZodType;
  body?: z.ZodType;
  /** Success status and what it answers. */
  success: { status: number; description: string };
  /** The refusals this operation can answer with, besides 401 and 500 that every one can. */
  errors: readonly ErrorCode[];
}

export const API_OPERATIONS = {
  createHandoff: {
    method: 'post',
    path: '/api/handoffs',
    summary: 'Hand off a lead: opens a handoff (or a draft asking for missing fields)',
    headers: handoffHeaders,
    body: handoffBody,
    success: { status: 201, description: 'The handoff: { id, reference, state, deadline }' },
    errors: [
      'invalid_request',
      'missing_fields',
      'unknown_fields',
      'unknown_giver',
      'unknown_receiver',
      'unknown_playbook',
      'idempotency_conflict',
    ],
  },
  listHandoffs: {
    method: 'get',
    path: '/api/handoffs',
    summary: 'List handoffs, newest first, paged by an opaque cursor',
    query: listQuery,
    success: { status: 200, description: '{ handoffs, nextCursor }' },
    errors: ['invalid_request'],
  },
  getHandoff: {
    method: 'get',
    path: '/api/handoffs/{id}',
    summary: 'One handoff with its fields, deadlines, emails and timeline',
    params: handoffParams,
    success: { status: 200, description: 'The handoff' },
    errors: ['invalid_request', 'not_found'],
  },
  cancelHandoff: {
    method: 'post',
    path: '/api/handoffs/{id}/cancel',
    summary: 'Cancel a handoff; its receiver is told',
    params: handoffParams,
    success: { status: 200, description: '{ id, state: "cancelled" }' },
    errors: ['invalid_request', 'not_found', 'already_closed'],
  },
  replayInbound: {
    method: 'post',
    path: '/api/handoffs/{id}/replay-inbound',
    summary: "Process again the handoff's stored inbound messages whose processing failed",
    params: handoffParams,
    success: { status: 200, description: '{ replayed: [{ inboundId, status, outcome }] }' },
    errors: ['invalid_request', 'not_found'],
  },
  getMetrics: {
    method: 'get',
    path: '/api/metrics',
    summary: 'Leak rate, time to acknowledge and the other metrics, for a period and filters',
    query: metricsQuery,
    success: { status: 200, description: 'The metrics report' },
    errors: ['invalid_request'],
  },
} as const satisfies Record<string, Operation>;

export type Operations = Record<string, Operation>;
