import type { FunctionName, Topology } from '../topology.ts';
import { buildSite, type SiteFile } from '../web/build-site.ts';
import type { Route, RouteAnswer } from './http-server.ts';

interface HttpApiResponse {
  readonly statusCode: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** The request as API Gateway's HTTP API hands it over (payload 2.0); locally without an authorizer. */
function httpApiEvent(method: string, url: URL, body: string, routeKey: string) {
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(url.search && { queryStringParameters: Object.fromEntries(url.searchParams) }),
    headers: {},
    requestContext: { http: { method, path: url.pathname }, routeKey },
    ...(body && { body }),
    isBase64Encoded: false,
  };
}

/**
 * The topology's API routes and static sites on the local HTTP server. There is no sign-in
 * locally: the handlers run with DASHBOARD_ACCESS=local-no-sign-in, and the pages say so.
 */
export function dashboardRoutes(topology: Topology, repositoryRoot: string, invoke: (target: FunctionName, event: unknown) => Promise<unknown>): Route[] {
  const api = topology.apiRoutes.map((route): Route => async (request, body, url) => {
    if (request.method !== route.method || url.pathname !== route.path) return undefined;
    const response = (await invoke(route.target, httpApiEvent(route.method, url, body, `${route.method} ${route.path}`))) as HttpApiResponse;
    return { status: response.statusCode, type: response.headers?.['content-type'] ?? 'application/json', body: response.body ?? '', headers: { 'cache-control': 'no-store' } };
  });
  const sites = topology.staticSites.map((site): Route => {
    let files: Promise<Map<string, SiteFile>> | undefined;
    return async (request, _body, url): Promise<RouteAnswer | undefined> => {
      if (request.method !== 'GET') return undefined;
      if (url.pathname === site.pathPrefix) return { status: 301, type: 'text/plain', body: '', headers: { location: `${site.pathPrefix}/${url.search}` } };
      if (!url.pathname.startsWith(`${site.pathPrefix}/`)) return undefined;
      const name = url.pathname.slice(site.pathPrefix.length + 1) || 'index.html';
      if (name === 'config.json')
        return { status: 200, type: 'application/json', body: JSON.stringify({ apiBase: topology.apiRoutes.find((r) => r.workflow === site.workflow)?.path.replace(/\/[^/]+$/, '') ?? '/api', auth: { mode: 'local-no-sign-in' } }), headers: { 'cache-control': 'no-store' } };
      // Built on first request (a second or two), then kept: restarting `npm start` picks up page changes.
      files ??= buildSite(site, repositoryRoot);
      const file = (await files).get(name);
      return file ? { status: 200, type: file.contentType, body: file.body } : undefined;
    };
  });
  return [...api, ...sites];
}
