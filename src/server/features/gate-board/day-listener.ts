// One PostgreSQL connection per server process that LISTENs on `kehou_day` (DAY_CHANNEL): every
// child-day write anywhere — this process or another — sends {schoolId, date, studentIds, kind} on
// commit (`notifyDayChange`), and this listener hands the changed children to whoever watches that
// school and day, coalesced per ~100 ms so a burst of releases is one reload. The gate boards of all
// processes stay in step without any other broker (F-13: works across several server processes).
//
// The connection is its own `pg.Client` (not one of the pool's, which would be taken for good) and
// opened when the first board connects. If it drops, it is opened again with a growing pause, and the
// watchers are told to resynchronise (notifications sent meanwhile were lost).
import pg from 'pg';
import { DAY_CHANNEL, type DayChange } from '../../daily/child-days.js';

export interface DayChangeBatch {
  schoolId: string;
  date: string;
  studentIds: string[];
}

export interface DayListenerOptions {
  url: string;
  coalesceMs?: number;
  log?: (message: string, error?: unknown) => void;
}

type ChangeHandler = (change: DayChangeBatch) => void;

export class DayListener {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;
  private retryMs = 250;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly pending = new Map<string, { schoolId: string; date: string; ids: Set<string> }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly changeHandlers = new Set<ChangeHandler>();
  private readonly resyncHandlers = new Set<() => void>();
  private readonly coalesceMs: number;

  constructor(private readonly options: DayListenerOptions) {
    this.coalesceMs = options.coalesceMs ?? 100;
  }

  onChange(handler: ChangeHandler): () => void {
    this.changeHandlers.add(handler);
    return () => this.changeHandlers.delete(handler);
  }

  // Called after a reconnect: changes may have been missed.
  onResync(handler: () => void): () => void {
    this.resyncHandlers.add(handler);
    return () => this.resyncHandlers.delete(handler);
  }

  // Resolves once LISTEN is in place (so a snapshot read afterwards misses nothing).
  async start(): Promise<void> {
    if (this.closed) throw new Error('day listener closed');
    if (this.client) return;
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  // Like start, but a failure only schedules another try (the board still answers, and resyncs once
  // the connection is back).
  async ensure(): Promise<boolean> {
    try {
      await this.start();
      return true;
    } catch (error) {
      this.options.log?.('day listener: cannot listen, retrying', error);
      this.scheduleReconnect();
      return false;
    }
  }

  get listening(): boolean {
    return this.client !== null;
  }

  // The backend's process id of the LISTEN connection (tests cut it to check the reconnect).
  get backendPid(): number | null {
    const client = this.client as (pg.Client & { processID?: number }) | null;
    return client?.processID ?? null;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.url, keepAlive: true });
    client.on('notification', (message) => {
      if (message.channel === DAY_CHANNEL && message.payload) this.receive(message.payload);
    });
    const lost = (error?: unknown) => {
      if (this.client !== client) return;
      this.client = null;
      client.removeAllListeners('notification');
      client.end().catch(() => undefined);
      if (this.closed) return;
      this.options.log?.('day listener: connection lost, reconnecting', error);
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    await client.connect();
    await client.query(`LISTEN ${DAY_CHANNEL}`);
    if (this.closed) {
      await client.end();
      return;
    }
    this.client = client;
    this.retryMs = 250;
  }

  private scheduleReconnect(): void {
    if (this.retryTimer || this.closed) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 5_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.closed) return;
      this.start().then(
        () => {
          for (const handler of this.resyncHandlers) handler();
        },
        (error: unknown) => {
          this.options.log?.('day listener: reconnect failed', error);
          this.scheduleReconnect();
        },
      );
    }, wait);
  }

  private receive(payload: string): void {
    let change: DayChange;
    try {
      change = JSON.parse(payload) as DayChange;
    } catch {
      return;
    }
    if (typeof change.schoolId !== 'string' || typeof change.date !== 'string') return;
    const key = `${change.schoolId}|${change.date}`;
    let entry = this.pending.get(key);
    if (!entry) {
      entry = { schoolId: change.schoolId, date: change.date, ids: new Set() };
      this.pending.set(key, entry);
    }
    for (const id of Array.isArray(change.studentIds) ? change.studentIds : []) {
      if (typeof id === 'string') entry.ids.add(id);
    }
    if (this.timers.has(key)) return;
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        const batch = this.pending.get(key);
        this.pending.delete(key);
        if (!batch || batch.ids.size === 0) return;
        const change = { schoolId: batch.schoolId, date: batch.date, studentIds: [...batch.ids] };
        for (const handler of this.changeHandlers) handler(change);
      }, this.coalesceMs),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.pending.clear();
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }
}
