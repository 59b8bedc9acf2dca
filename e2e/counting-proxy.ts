// A pass-through HTTP proxy in front of a kehou server that counts, per address, how many times it was
// asked for and how many body bytes went back as sent (compressed when the server compressed them).
// It sees every request a browser makes — the page's, and its service worker's, which the browser's
// own tools do not report — so a test can tell whether a file was downloaded twice (issue 14.18) and
// bench/page-weight.ts what a page really cost on the wire (issue 14.19).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Fetched {
  requests: number;
  bytes: number;
}

export interface CountingProxy {
  baseUrl: string;
  /** Per path (no query): requests and body bytes since the last reset. */
  counts(): Map<string, Fetched>;
  reset(): void;
  close(): Promise<void>;
}

export async function startCountingProxy(targetBaseUrl: string): Promise<CountingProxy> {
  const target = new URL(targetBaseUrl);
  let counts = new Map<string, Fetched>();
  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const entry = counts.get(path) ?? { requests: 0, bytes: 0 };
    entry.requests += 1;
    counts.set(path, entry);
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        // The Host the browser sent: the server's same-origin checks compare it with Origin.
        headers: request.headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.on('data', (chunk: Buffer) => {
          entry.bytes += chunk.length;
        });
        answer.pipe(response);
      },
    );
    upstream.on('error', () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    response.on('close', () => upstream.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    counts: () => counts,
    reset() {
      counts = new Map();
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
