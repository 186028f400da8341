import { buildReport, type MetricsFilter, type MetricsReport, playbookWindows } from '../core/metrics.ts';
import type { Deps, Reader } from './ports.ts';

/** The figures of a period, counted by the store against the configured playbooks' windows. */
export async function getMetrics(
  deps: Deps,
  filter: MetricsFilter,
  on: Reader = deps.store.pool,
): Promise<MetricsReport> {
  const { store, config } = deps;
  const groups = await store.metrics.count(on, filter, playbookWindows(config.playbooks));
  return buildReport(filter, groups);
}
