// The gate board (F-13): a JSON snapshot, and the live board over Server-Sent Events fed by the
// process's LISTEN connection (day-listener.ts), so a release made through any server process shows
// on every open board within a second.
//
// The event stream is written on the raw response after `reply.hijack()`: compression (which would
// buffer it) and the reply serializer stay out of the way, and the app's request timeout, which only
// bounds receiving a request, does not cut a stream that was received long ago. A comment line every
// 15 s keeps proxies and phones from closing an idle stream; a reader that stops reading is dropped.
import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database, Db } from '../../../db/connect.js';
import type { Clock } from '../../clock.js';
import { errorResponse } from '../../schemas.js';
import {
  type BoardChild,
  type BoardReader,
  boardOf,
  boardSchema,
  boardSnapshot,
  loadBoardChildren,
  openBoard,
  visibleTo,
} from './board.js';
import { type DayChangeBatch, DayListener } from './day-listener.js';

const dayParams = z.object({ schoolId: z.uuid(), date: z.string() });
const denied = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };

export const HEARTBEAT_MS = 15_000;
// A reader this far behind (bytes not yet taken by the socket) is dropped; it reconnects and gets a
// fresh snapshot.
const MAX_BUFFERED = 1024 * 1024;

interface Connection {
  reader: BoardReader;
  res: ServerResponse;
  // Writes in order: the snapshot first, then the changes that arrived while it was read.
  chain: Promise<void>;
  closed: boolean;
}

interface Room {
  reader: BoardReader;
  connections: Set<Connection>;
  // Bumped by every change written to the room.
  version: number;
  // The whole board being read for boards that just connected; shared by those that arrive before
  // any change is written (a board joining later could otherwise miss a change made meanwhile).
  loading: { version: number; children: Promise<BoardChild[]> } | null;
}

function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

function write(connection: Connection, text: string): void {
  if (connection.closed) return;
  connection.res.write(text);
  if (connection.res.writableLength > MAX_BUFFERED) connection.res.destroy();
}

// The open boards of this process by school and day; each change is read once per room and written
// to every connection that may see the child.
class BoardRooms {
  private readonly rooms = new Map<string, Room>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: (message: string, error?: unknown) => void,
  ) {}

  get connectionCount(): number {
    let n = 0;
    for (const room of this.rooms.values()) n += room.connections.size;
    return n;
  }

  add(connection: Connection): () => void {
    const { setting } = connection.reader;
    const key = `${setting.school.schoolId}|${setting.date}`;
    let room = this.rooms.get(key);
    if (!room) {
      room = {
        reader: { ...connection.reader, whole: true, groupIds: new Set() },
        connections: new Set(),
        version: 0,
        loading: null,
      };
      this.rooms.set(key, room);
    }
    room.connections.add(connection);
    return () => {
      connection.closed = true;
      room.connections.delete(connection);
      if (room.connections.size === 0 && this.rooms.get(key) === room) this.rooms.delete(key);
    };
  }

  private room(connection: Connection): Room | undefined {
    const { setting } = connection.reader;
    return this.rooms.get(`${setting.school.schoolId}|${setting.date}`);
  }

  snapshot(connection: Connection): void {
    const room = this.room(connection);
    if (!room) return;
    let loading = room.loading;
    if (!loading || loading.version !== room.version) {
      const current = { version: room.version, children: loadBoardChildren(this.db, room.reader.setting) };
      loading = current;
      room.loading = current;
      const clear = () => {
        if (room.loading === current) room.loading = null;
      };
      current.children.then(clear, clear);
    }
    const children = loading.children;
    connection.chain = connection.chain
      .then(async () => {
        if (connection.closed) return;
        const board = boardOf(connection.reader, await children, this.clock.now());
        write(connection, sse('snapshot', board));
      })
      .catch((error: unknown) => this.log('gate board: snapshot failed', error));
  }

  changed(change: DayChangeBatch): void {
    const room = this.rooms.get(`${change.schoolId}|${change.date}`);
    if (!room) return;
    room.version++;
    const loaded = loadBoardChildren(this.db, room.reader.setting, change.studentIds);
    const at = this.clock.now().toISOString();
    // One text for every whole-school board; a care teacher's is cut to their groups.
    let wholeText: string | null = null;
    for (const connection of room.connections) {
      connection.chain = connection.chain
        .then(async () => {
          const all = await loaded;
          if (connection.reader.whole) {
            if (all.length === 0) return;
            wholeText ??= sse('change', { at, children: all });
            write(connection, wholeText);
            return;
          }
          const children: BoardChild[] = all.filter((c) => visibleTo(connection.reader, c));
          if (children.length > 0) write(connection, sse('change', { at, children }));
        })
        .catch((error: unknown) => this.log('gate board: change failed', error));
    }
  }

  resync(): void {
    for (const room of this.rooms.values()) {
      room.version++;
      for (const c of room.connections) this.snapshot(c);
    }
  }

  endAll(): void {
    for (const room of this.rooms.values()) {
      for (const c of room.connections) {
        c.closed = true;
        c.res.end();
      }
    }
    this.rooms.clear();
  }
}

const routes: FastifyPluginAsyncZod<{ database: Database; clock: Clock }> = async (app, options) => {
  const log = (message: string, error?: unknown) => app.log.warn({ err: error }, message);
  const listener = new DayListener({ url: options.database.url, log });
  const rooms = new BoardRooms(options.database.db, options.clock, log);
  listener.onChange((change) => rooms.changed(change));
  listener.onResync(() => rooms.resync());
  // Streams are ended before the server closes (it waits for open connections), the LISTEN
  // connection after.
  app.addHook('preClose', async () => rooms.endAll());
  app.addHook('onClose', async () => listener.close());

  app.get(
    '/api/schools/:schoolId/days/:date/board',
    {
      schema: {
        tags: ['gate-board'],
        summary:
          '校门看板：等待（按批次）、已叫到、已离校、延时托管、未到校（F-13）/ The gate board of the day',
        params: dayParams,
        response: { 200: boardSchema, ...denied, 409: errorResponse },
      },
    },
    async (request) => {
      const ctx = await request.requireActor();
      const reader = await openBoard(ctx, request.params);
      return boardSnapshot(ctx.db, reader, ctx.clock.now());
    },
  );

  app.get(
    '/api/schools/:schoolId/days/:date/board/events',
    {
      schema: {
        tags: ['gate-board'],
        summary:
          '校门看板实时推送（Server-Sent Events：先 snapshot，再逐个 change）/ The live gate board as Server-Sent Events',
        params: dayParams,
        response: {
          200: z
            .unknown()
            .describe('text/event-stream: event snapshot (Board), event change ({at, children})'),
          ...denied,
          409: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const ctx = await request.requireActor();
      const reader = await openBoard(ctx, request.params);
      // LISTEN first, so nothing committed after the snapshot is read can be missed.
      await listener.ensure();
      reply.hijack();
      const res = reply.raw;
      request.raw.socket.setNoDelay(true);
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-store, no-transform',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
        connection: 'keep-alive',
      });
      res.write('retry: 2000\n\n');
      const connection: Connection = { reader, res, chain: Promise.resolve(), closed: false };
      const leave = rooms.add(connection);
      rooms.snapshot(connection);
      const heartbeat = setInterval(() => {
        if (!connection.closed) res.write(': keep-alive\n\n');
      }, HEARTBEAT_MS);
      const cleanup = () => {
        clearInterval(heartbeat);
        leave();
      };
      res.on('close', cleanup);
      res.on('error', cleanup);
    },
  );
};

export default routes;
