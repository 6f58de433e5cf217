import type { StandardRecordView, TargetView } from '../../schemas/dashboard-api.ts';

const compareQuarters = (a: string, b: string) => a.localeCompare(b);

/**
 * The targets that apply to `quarter`: per measure and tier, the record with the latest
 * `fromQuarter` not after it; of two records from the same quarter, the one set last.
 */
export function targetsInForce(history: readonly StandardRecordView[], quarter: string): TargetView[] {
  const chosen = new Map<string, StandardRecordView>();
  for (const record of history) {
    if (compareQuarters(record.fromQuarter, quarter) > 0) continue;
    const key = `${record.measure}|${record.tier ?? ''}`;
    const held = chosen.get(key);
    if (held === undefined || compareQuarters(record.fromQuarter, held.fromQuarter) > 0 || (record.fromQuarter === held.fromQuarter && record.at > held.at))
      chosen.set(key, record);
  }
  return [...chosen.values()].map((r) => ({ measure: r.measure, ...(r.tier !== undefined && { tier: r.tier }), target: r.target, fromQuarter: r.fromQuarter }));
}
