// The roll call's offline queue (B-4 "works through a dead network"). Every mark the teacher makes is
// first written to IndexedDB as part of a batch, then sent with `Idempotency-Key` = the batch id; the
// server also knows each mark by its own id, so a batch sent twice (an answer lost on the way back)
// is stored once. The queue survives a page reload, retries when the phone comes back online and on a
// timer with backoff, and keeps what the server refused — a conflict with someone's correction
// (MARK_CONFLICT) or a mark the child's day does not allow — for the teacher to resolve; nothing is
// dropped or overwritten silently.
import type { MarkInput, MarksResult } from '../../server/features/attendance/schemas';
import { ApiError, api } from '../api/client';
import { offlineStore } from './idb';

export interface QueuedBatch {
  batchId: string;
  schoolId: string;
  date: string;
  marks: MarkInput[];
  createdAt: string;
  attempts: number;
  // Set when the server refused the whole batch (e.g. the day was closed): the teacher decides.
  error: { code: string; message: string } | null;
}

export interface MarkProblem {
  markId: string;
  schoolId: string;
  date: string;
  studentId: string;
  mark: MarkInput['mark'];
  at: string;
  status: 'conflict' | 'refused';
  code: string;
  message: string;
  details: Record<string, unknown>;
}

export interface QueueState {
  batches: QueuedBatch[];
  problems: MarkProblem[];
  syncing: boolean;
  online: boolean;
  lastSyncedAt: string | null;
  // The next automatic retry, when one is waiting (backoff).
  retryAt: string | null;
}

const batchStore = offlineStore<QueuedBatch>('markBatches');
const problemStore = offlineStore<MarkProblem>('markProblems');

const MIN_RETRY_MS = 2_000;
const MAX_RETRY_MS = 60_000;
const POLL_MS = 30_000;

type Listener = (state: QueueState) => void;
type SyncedListener = (batch: QueuedBatch, result: MarksResult) => void;

function batchKey(b: Pick<QueuedBatch, 'createdAt' | 'batchId'>): string {
  return `${b.createdAt}|${b.batchId}`;
}

export function newId(): string {
  return crypto.randomUUID();
}

/** A stable id of this phone (browser profile), stored with each mark. */
export function deviceId(): string {
  const key = 'kehou.deviceId';
  try {
    const known = localStorage.getItem(key);
    if (known) return known;
    const made = `web-${newId()}`;
    localStorage.setItem(key, made);
    return made;
  } catch {
    return 'web-unknown';
  }
}

class MarkQueue {
  private state: QueueState = {
    batches: [],
    problems: [],
    syncing: false,
    online: typeof navigator === 'undefined' ? true : navigator.onLine,
    lastSyncedAt: null,
    retryAt: null,
  };
  private listeners = new Set<Listener>();
  private syncedListeners = new Set<SyncedListener>();
  private started = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private loaded: Promise<void> | null = null;

  getState = (): QueueState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    this.start();
    return () => this.listeners.delete(listener);
  };

  /** Called after a batch was accepted by the server (to read the roll call again). */
  onSynced(listener: SyncedListener): () => void {
    this.syncedListeners.add(listener);
    return () => this.syncedListeners.delete(listener);
  }

  private set(patch: Partial<QueueState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }

  private start() {
    if (this.started || typeof window === 'undefined') return;
    this.started = true;
    window.addEventListener('online', () => {
      this.set({ online: true });
      this.failures = 0;
      void this.sync();
    });
    window.addEventListener('offline', () => this.set({ online: false }));
    setInterval(() => {
      if (this.state.batches.some((b) => !b.error)) void this.sync();
    }, POLL_MS);
    void this.load().then(() => this.sync());
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      const [batches, problems] = await Promise.all([batchStore.all(), problemStore.all()]);
      this.set({ batches, problems });
    })();
    return this.loaded;
  }

  async enqueue(schoolId: string, date: string, marks: MarkInput[]): Promise<void> {
    if (marks.length === 0) return;
    await this.load();
    const batch: QueuedBatch = {
      batchId: newId(),
      schoolId,
      date,
      marks,
      createdAt: new Date().toISOString(),
      attempts: 0,
      error: null,
    };
    // Written to the phone first: once this resolves the marks survive a reload.
    await batchStore.put(batchKey(batch), batch);
    this.set({ batches: [...this.state.batches, batch] });
    void this.sync();
  }

  async dismissProblem(markId: string): Promise<void> {
    await problemStore.delete(markId);
    this.set({ problems: this.state.problems.filter((p) => p.markId !== markId) });
  }

  /** Drops a batch the server refused as a whole (after the teacher has read why). */
  async discardBatch(batchId: string): Promise<void> {
    const batch = this.state.batches.find((b) => b.batchId === batchId);
    if (!batch) return;
    await batchStore.delete(batchKey(batch));
    this.set({ batches: this.state.batches.filter((b) => b.batchId !== batchId) });
  }

  private scheduleRetry() {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const wait = Math.min(MAX_RETRY_MS, MIN_RETRY_MS * 2 ** Math.min(this.failures, 10));
    this.failures += 1;
    this.set({ retryAt: new Date(Date.now() + wait).toISOString() });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.sync();
    }, wait);
  }

  /** Sends the waiting batches in the order they were made; stops at the first network failure. */
  async sync(): Promise<void> {
    await this.load();
    if (this.state.syncing) return;
    this.set({ syncing: true });
    try {
      for (;;) {
        const batch = this.state.batches.find((b) => !b.error);
        if (!batch) break;
        let result: MarksResult;
        try {
          result = await api.post<MarksResult>(
            `/api/schools/${batch.schoolId}/days/${batch.date}/marks`,
            { marks: batch.marks },
            { idempotencyKey: batch.batchId },
          );
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          const retryable =
            error.isNetworkError ||
            error.status >= 500 ||
            error.status === 401 ||
            error.status === 429 ||
            error.code === 'IDEMPOTENCY_IN_PROGRESS' ||
            error.code === 'CSRF_REJECTED';
          if (retryable) {
            const updated = { ...batch, attempts: batch.attempts + 1 };
            await batchStore.put(batchKey(updated), updated);
            this.replace(updated);
            if (error.isNetworkError) this.set({ online: false });
            this.scheduleRetry();
            return;
          }
          // Refused as a whole (day closed, not a service day, a child not in the teacher's care):
          // kept and shown until the teacher discards it.
          const refused = { ...batch, error: { code: error.code, message: error.serverMessage } };
          await batchStore.put(batchKey(refused), refused);
          this.replace(refused);
          continue;
        }
        const problems: MarkProblem[] = [];
        for (const r of result.results) {
          if (r.status !== 'conflict' && r.status !== 'refused') continue;
          const sent = batch.marks.find((m) => m.id === r.id);
          if (!sent) continue;
          problems.push({
            markId: r.id,
            schoolId: batch.schoolId,
            date: batch.date,
            studentId: r.studentId,
            mark: sent.mark,
            at: sent.at,
            status: r.status,
            code: r.error?.code ?? r.status,
            message: r.error?.message ?? '',
            details: r.error?.details ?? {},
          });
        }
        for (const p of problems) await problemStore.put(p.markId, p);
        await batchStore.delete(batchKey(batch));
        this.failures = 0;
        this.set({
          batches: this.state.batches.filter((b) => b.batchId !== batch.batchId),
          problems: [
            ...this.state.problems.filter((p) => !problems.some((n) => n.markId === p.markId)),
            ...problems,
          ],
          online: true,
          lastSyncedAt: new Date().toISOString(),
          retryAt: null,
        });
        for (const l of this.syncedListeners) l(batch, result);
      }
    } finally {
      this.set({ syncing: false });
    }
  }

  private replace(batch: QueuedBatch) {
    this.set({ batches: this.state.batches.map((b) => (b.batchId === batch.batchId ? batch : b)) });
  }
}

export const markQueue = new MarkQueue();
