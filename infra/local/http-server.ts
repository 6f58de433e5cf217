import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RouteAnswer {
  readonly status: number;
  readonly type: string;
  readonly body: string | Buffer;
  readonly headers?: Readonly<Record<string, string>>;
}

export type Route = (request: IncomingMessage, body: string, url: URL) => Promise<RouteAnswer | undefined>;

/**
 * The local stack's one HTTP server: the EventBridge PutEvents endpoint the handlers' SDK client
 * talks to, the control endpoints the `vip` command uses while `npm start` runs, and the pages
 * later workflows add. Routes are tried in order; the first answer wins.
 */
export async function startHttpServer(routes: readonly Route[], port = 0): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => void handle(routes, request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${actual}` };
}

async function handle(routes: readonly Route[], request: IncomingMessage, response: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const url = new URL(request.url ?? '/', 'http://localhost');
  try {
    for (const route of routes) {
      const answer = await route(request, body, url);
      if (answer) {
        response.writeHead(answer.status, { ...answer.headers, 'content-type': answer.type });
        response.end(answer.body);
        return;
      }
    }
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('Not found');
  } catch (error) {
    // Internals stay in the server's output; the caller learns only that it failed.
    console.error(`local HTTP ${request.method} ${url.pathname} failed:`, error);
    response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('Internal error');
  }
}

export const json = (status: number, value: unknown) => ({ status, type: 'application/json', body: JSON.stringify(value) });
