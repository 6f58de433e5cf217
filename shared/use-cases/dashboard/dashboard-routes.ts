import type { DashboardSource } from '../../ports/dashboard-source.ts';
import { dashboardRoutes } from '../../schemas/dashboard-api.ts';
import { readClosedLoop, readOverview, readProgramme, readSegments, readStandards, NoScoresError } from './read-dashboard.ts';

export interface DashboardReadPorts {
  readonly source: DashboardSource;
  readonly tierNames: ReadonlyMap<string, string>;
  readonly now: () => Date;
  readonly timeZoneYear: (at: Date) => number;
}

export type DashboardReadRoute = keyof typeof dashboardRoutes;

/** Which read a path asks for: the last segment after the API base ("/api/dashboard/segments" -> segments). */
export function readRouteOf(path: string): DashboardReadRoute | undefined {
  const tail = `/${path.split('/').filter(Boolean).at(-1) ?? ''}`;
  return (Object.keys(dashboardRoutes) as DashboardReadRoute[]).find((route) => dashboardRoutes[route] === tail);
}

/** One read of the dashboard; every one reads precomputed figures only. */
export async function readDashboard(route: DashboardReadRoute, query: { quarter?: string; year?: number }, ports: DashboardReadPorts): Promise<unknown> {
  switch (route) {
    case 'overview':
      return readOverview(ports.source);
    case 'segments':
      return readSegments(ports.source, query.quarter, ports.tierNames);
    case 'standards':
      return readStandards(ports.source, ports.tierNames);
    case 'closedLoop':
      return readClosedLoop(ports.source, query.quarter);
    case 'programme': {
      const latest = (await ports.source.scoredQuarters()).at(-1);
      const year = query.year ?? (latest ? Number(latest.slice(0, 4)) : ports.timeZoneYear(ports.now()));
      return readProgramme(ports.source, year, ports.tierNames);
    }
  }
}

export { NoScoresError };
