// Import benchmark (F-27: "3,000 rows must import in seconds"). A plain script:
//   npx tsx bench/import.bench.ts
// It starts the embedded PostgreSQL in a temporary folder (or uses BENCH_DATABASE_URL, an admin URL of
// a server where it may create a database), migrates a fresh database, and times, for 3,000 students
// with their guardians: reading and parsing the xlsx alone, the preview request and the commit request
// (through the real app with app.inject, a new school per run). It prints the figures and asserts
// nothing about time, so a slow machine never fails a build.
import { randomBytes } from 'node:crypto';
import { parseStudentRows } from '../src/domain/roster-import.js';
import { buildApp } from '../src/server/app.js';
import { systemClock } from '../src/server/clock.js';
import { createSession, SESSION_COOKIE } from '../src/server/features/auth/sessions.js';
import { multipartOf, studentRows, xlsxOf } from '../src/server/features/roster-import/fixtures.js';
import { readFirstSheet } from '../src/server/features/roster-import/read-sheet.js';
import { buildMember, buildSchool } from '../test/factories.js';
import { openBenchDatabase } from './bench-database.js';

const ROWS = 3_000;
const RUNS = 3;
const GOAL_MS = 5_000;

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main() {
  const bench = await openBenchDatabase({ label: 'import', poolSize: 10 });
  try {
    const database = bench.database;
    const app = await buildApp({ database, secret: randomBytes(32), clock: systemClock, webRoot: null });
    await app.ready();

    const parse: number[] = [];
    const preview: number[] = [];
    const commit: number[] = [];
    let counts: unknown = null;
    let size = 0;
    for (let run = 0; run <= RUNS; run++) {
      // Other mobiles in every run, so each commit makes its 3,300 guardian accounts anew.
      const file = await xlsxOf(studentRows(ROWS, 1, `13${9 - run}`));
      size = file.length;
      // A new school per run, so each commit imports into an empty one (run 0 warms up).
      const school = await buildSchool(database.db);
      const { user } = await buildMember(database.db, 'school_admin', { school });
      const { token, csrfToken } = await createSession(database.db, {
        userId: user.id,
        clock: systemClock,
        meta: { ip: '127.0.0.1', userAgent: 'bench' },
      });
      const headers = { cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': csrfToken };
      const body = multipartOf(file);
      const send = async (step: 'preview' | 'commit') => {
        const started = performance.now();
        const res = await app.inject({
          method: 'POST',
          url: `/api/schools/${school.schoolId}/import/students/${step}`,
          payload: body.payload,
          headers: { ...headers, ...body.headers },
        });
        const ms = performance.now() - started;
        if (res.statusCode !== 200) throw new Error(`${step}: ${res.statusCode} ${res.body.slice(0, 400)}`);
        return { ms, json: res.json() };
      };

      let started = performance.now();
      const rows = await readFirstSheet(file);
      parseStudentRows(rows, {
        schoolGrades: [1, 2, 3, 4, 5, 6],
        existingStudentNos: [],
        existingClasses: [],
        allowNewClasses: true,
      });
      const parseMs = performance.now() - started;
      const p = await send('preview');
      started = performance.now();
      const c = await send('commit');
      counts = c.json.counts;
      if (run === 0) continue;
      parse.push(parseMs);
      preview.push(p.ms);
      commit.push(c.ms);
    }
    await app.close();

    const m = { parse: median(parse), preview: median(preview), commit: median(commit) };
    console.log(
      `import of ${ROWS.toLocaleString('en')} students with guardians (${(size / 1024).toFixed(0)} kB xlsx)`,
    );
    console.log(
      `database        ${bench.kind === 'embedded' ? 'embedded PostgreSQL' : 'BENCH_DATABASE_URL'}, node ${process.version}`,
    );
    console.log(`runs            ${RUNS} (after 1 warm-up), medians:`);
    console.log(`read + parse    ${m.parse.toFixed(0)} ms`);
    console.log(`preview request ${m.preview.toFixed(0)} ms`);
    console.log(`commit request  ${m.commit.toFixed(0)} ms`);
    console.log(
      `goal ratio      ${(m.commit / GOAL_MS).toFixed(3)} of ${GOAL_MS} ms (commit), ${((m.preview + m.commit) / GOAL_MS).toFixed(3)} (preview + commit)`,
    );
    console.log(`saved           ${JSON.stringify(counts)}`);
  } finally {
    await bench.close();
  }
}

await main();
