import type { Migration } from 'kysely';
import * as initial from './2026-11-24T09-00-initial.ts';
import * as noticeRecipients from './2026-11-24T10-00-notice-recipients.ts';
import * as renderAtDelivery from './2026-11-24T11-00-render-at-delivery.ts';
import * as idempotencyFingerprint from './2026-12-03T10-00-idempotency-fingerprint.ts';
import * as senderAuthentication from './2026-12-10T09-00-sender-authentication.ts';
import * as metrics from './2026-12-10T09-30-metrics.ts';
import * as signIn from './2026-12-10T10-00-sign-in.ts';
import * as inboundClaims from './2026-12-15T09-00-inbound-claims.ts';
import * as attachments from './2026-12-15T10-00-attachments.ts';
import * as weeklyDigests from './2026-12-15T11-00-weekly-digests.ts';
import * as webhookDeliveries from './2026-12-16T09-00-webhook-deliveries.ts';
import * as metricsAtScale from './2026-12-16T10-00-metrics-at-scale.ts';
import * as metricFacts from './2026-12-17T09-00-metric-facts.ts';

/** Every migration, by name. Static imports so a bundler (Workers) sees them too. */
export const migrations: Record<string, Migration> = {
  '2026-11-24T09-00-initial': initial,
  '2026-11-24T10-00-notice-recipients': noticeRecipients,
  '2026-11-24T11-00-render-at-delivery': renderAtDelivery,
  '2026-12-03T10-00-idempotency-fingerprint': idempotencyFingerprint,
  '2026-12-10T09-00-sender-authentication': senderAuthentication,
  '2026-12-10T09-30-metrics': metrics,
  '2026-12-10T10-00-sign-in': signIn,
  '2026-12-15T09-00-inbound-claims': inboundClaims,
  '2026-12-15T10-00-attachments': attachments,
  '2026-12-15T11-00-weekly-digests': weeklyDigests,
  '2026-12-16T09-00-webhook-deliveries': webhookDeliveries,
  '2026-12-16T10-00-metrics-at-scale': metricsAtScale,
  '2026-12-17T09-00-metric-facts': metricFacts,
};
