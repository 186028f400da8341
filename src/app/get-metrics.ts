import { buildReport, type MetricsFilter, type MetricsReport, playbookWindows } from '../core/metrics.ts';
import type { Deps } from './ports.ts';

/** The figures of a period, counted by the store against the configured playbooks' windows. */
export async function getMetrics(deps: Deps, filter: MetricsFilter): Promise<MetricsReport> {
  const { store, config } = deps;
  const groups = await store.metrics.count(store.pool, filter, playbookWindows(config.playbooks));
  return buildReport(filter, groups);
}
