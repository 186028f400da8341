import { findMember } from '../core/directory.ts';
import { leadSummary } from '../core/handoff/fields.ts';
import { formatReference } from '../core/handoff/reference.ts';
import { describeEvent } from '../core/handoff/timeline.ts';
import { isOpenState, type MetricsReport, OPEN_AGE_BUCKETS, type OpenState } from '../core/metrics.ts';
import { canSee, type Viewer, viewerMembers } from '../core/visibility.ts';
import { getHandoff } from './get-handoff.ts';
import { getMetrics } from './get-metrics.ts';
import type { Deps, OpenHandoffFilter } from './ports.ts';

/** What the dashboard's first page shows: the period's figures and the open handoffs by age. */
export interface DashboardView {
  report: MetricsReport;
  openByAge: { label: string; count: number }[];
  playbooks: { id: string; name: string; fields: { key: string; label: string }[] }[];
}

export async function viewDashboard(
  deps: Deps,
  viewer: Viewer,
  period: { from: Date; to: Date; playbook: string | null },
): Promise<DashboardView> {
  const { store, config } = deps;
  const members = viewerMembers(viewer);
  const bounds = OPEN_AGE_BUCKETS.flatMap((b) => (b.underHours === null ? [] : [b.underHours * 3600]));
  const [report, ages] = await Promise.all([
    getMetrics(deps, { ...period, giver: null, receiver: null, members }),
    store.open.countByAge(store.pool, deps.clock.now(), bounds, {
      state: null,
      receiver: null,
      playbook: period.playbook,
      members,
    }),
  ]);
  return {
    report,
    openByAge: OPEN_AGE_BUCKETS.map((b, i) => ({ label: b.label, count: ages[i] ?? 0 })),
    playbooks: config.playbooks.map((p) => ({
      id: p.id,
      name: p.name,
      fields: p.fields.map((f) => ({ key: f.key, label: f.label })),
    })),
  };
}

/** One line of the open-handoffs list. */
export interface OpenHandoffLine {
  reference: string;
  playbook: string;
  state: OpenState;
  lead: string;
  giver: string;
  receiver: string | null;
  openedAt: Date;
  ackDeadline: Date | null;
  escalationLevel: number;
}

const LIST_LIMIT = 500;

/** The open handoffs a viewer sees, oldest first, narrowed by state, receiver and playbook. */
export async function listOpenHandoffs(
  deps: Deps,
  viewer: Viewer,
  filter: Omit<OpenHandoffFilter, 'members'>,
): Promise<OpenHandoffLine[]> {
  const { store, config } = deps;
  const handoffs = await store.open.list(
    store.pool,
    { ...filter, members: viewerMembers(viewer) },
    LIST_LIMIT,
  );
  return handoffs.flatMap((h) =>
    !isOpenState(h.state)
      ? []
      : [
          {
            reference: formatReference(h.number),
            playbook: config.playbooks.find((p) => p.id === h.playbookId)?.name ?? h.playbookId,
            state: h.state,
            lead: leadSummary(h.fields, '(no lead given)'),
            giver: h.giverEmail,
            receiver: h.receiverEmail,
            openedAt: h.openedAt ?? h.createdAt,
            ackDeadline: h.ackDeadline,
            escalationLevel: h.escalationLevel,
          },
        ],
  );
}

/** A handoff's page: its fields, deadlines with their explanations, and the timeline told in words. */
export async function viewHandoff(deps: Deps, viewer: Viewer, idOrReference: string) {
  const view = await getHandoff(deps, idOrReference);
  if (!view || !canSee(viewer, { giverEmail: view.giver, receiverEmail: view.receiver })) return null;
  const { directory } = deps.config;
  const name = (address: string) => findMember(directory, address)?.name ?? address;
  const playbook = deps.config.playbooks.find((p) => p.id === view.playbook);
  return {
    ...view,
    playbookName: playbook?.name ?? view.playbook,
    giverName: name(view.giver),
    receiverName: view.receiver ? name(view.receiver) : null,
    fieldList: (playbook?.fields ?? []).flatMap((f) =>
      view.fields[f.key] ? [{ label: f.label, value: view.fields[f.key]! }] : [],
    ),
    story: view.timeline.map((e) => ({
      at: e.at,
      kind: e.kind,
      text: describeEvent(e.kind, name(e.actor), e.data),
    })),
  };
}

export type HandoffPage = NonNullable<Awaited<ReturnType<typeof viewHandoff>>>;
