// Reads a page needs, started when the router enters the page rather than when its code has arrived
// (issue 14.10: the guardian's home asked for the children only after its chunk and the chunk's
// dependencies had loaded, a waterfall of three round trips after the login). A route's loader calls
// `prefetch(path)`; the page's query takes the answer with `prefetched(path)` once, if it is recent,
// and otherwise asks as usual. Nothing is cached beyond that one hand-over.
import { api } from './client';

// An answer older than this is asked again: it was for a visit that did not render the page.
const FRESH_MS = 5_000;

const started = new Map<string, { at: number; answer: Promise<unknown> }>();

export function prefetch(path: string): void {
  const answer = api.get<unknown>(path);
  // Read by the page or dropped: a failure is the page's to report when it asks itself.
  answer.catch(() => undefined);
  started.set(path, { at: Date.now(), answer });
}

/** The answer a loader started for `path`, once; undefined when none is recent (the caller asks). */
export function prefetched<T>(path: string): Promise<T> | undefined {
  const entry = started.get(path);
  started.delete(path);
  if (!entry || Date.now() - entry.at > FRESH_MS) return undefined;
  return entry.answer as Promise<T>;
}
