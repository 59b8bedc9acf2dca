// A small Server-Sent Events reader for the tests and the dismissal bench: opens the stream with
// Node's http client, parses events as they arrive and lets the caller wait for one. Not used by the
// running server.
import http from 'node:http';

export interface SseEvent {
  event: string;
  data: string;
  // performance.now() when the event was complete.
  receivedAt: number;
}

export interface SseStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: SseEvent[];
  comments: number;
  ended: Promise<void>;
  waitFor(match: (event: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  onEvent(listener: (event: SseEvent) => void): void;
  close(): void;
}

export function openSse(
  url: string,
  options: {
    cookie?: string;
    headers?: Record<string, string>;
    agent?: http.Agent;
    // false: events go to the listeners and waiters only (`events` stays empty), for a reader that
    // stays open long and needs no history, as the dismissal bench's boards.
    keep?: boolean;
  } = {},
): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      url,
      {
        headers: {
          accept: 'text/event-stream',
          ...(options.cookie ? { cookie: options.cookie } : {}),
          ...options.headers,
        },
        agent: options.agent,
      },
      (response) => {
        const events: SseEvent[] = [];
        const listeners: ((event: SseEvent) => void)[] = [];
        const waiters: { match: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];
        let buffer = '';
        let endedResolve: () => void = () => undefined;
        const ended = new Promise<void>((r) => {
          endedResolve = r;
        });
        const stream: SseStream = {
          status: response.statusCode ?? 0,
          headers: response.headers,
          events,
          comments: 0,
          ended,
          waitFor(match, timeoutMs = 5_000) {
            const found = events.find(match);
            if (found) return Promise.resolve(found);
            return new Promise((res, rej) => {
              const timer = setTimeout(() => {
                const i = waiters.indexOf(waiter);
                if (i >= 0) waiters.splice(i, 1);
                rej(new Error(`no matching event within ${timeoutMs} ms`));
              }, timeoutMs);
              const waiter = {
                match,
                resolve: (e: SseEvent) => {
                  clearTimeout(timer);
                  res(e);
                },
              };
              waiters.push(waiter);
            });
          },
          onEvent(listener) {
            listeners.push(listener);
          },
          close() {
            request.destroy();
            response.destroy();
          },
        };
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let at = buffer.indexOf('\n\n');
          while (at >= 0) {
            const block = buffer.slice(0, at);
            buffer = buffer.slice(at + 2);
            at = buffer.indexOf('\n\n');
            let event = 'message';
            const data: string[] = [];
            let comment = false;
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) comment = true;
              else if (line.startsWith('event: ')) event = line.slice(7);
              else if (line.startsWith('data: ')) data.push(line.slice(6));
            }
            if (data.length === 0) {
              if (comment) stream.comments++;
              continue;
            }
            const parsed: SseEvent = { event, data: data.join('\n'), receivedAt: performance.now() };
            if (options.keep !== false) events.push(parsed);
            for (const l of listeners) l(parsed);
            for (const w of [...waiters]) {
              if (w.match(parsed)) {
                waiters.splice(waiters.indexOf(w), 1);
                w.resolve(parsed);
              }
            }
          }
        });
        response.on('close', () => endedResolve());
        response.on('error', () => endedResolve());
        resolve(stream);
      },
    );
    request.on('error', reject);
  });
}
