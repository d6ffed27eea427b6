// Moving an installation from the embedded database to PostgreSQL: a SQLite installation with people,
// tags, storms, a sent message with its recipients and delivery log, and events is copied by
// `outcry db copy --to`; every table has the same rows and the same checksum on both sides, ids go on
// from where they were, and a second copy into the now full database is refused.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeTables } from '../../src/db/catalog.repo.ts';
import { checksumTable, copyDatabase } from '../../src/db/copy.ts';
import { openDatabase } from '../../src/db/database.ts';
import type { Db } from '../../src/db/schema.ts';
import { createTestDatabase, skipReason, type TestDatabase } from '../helpers/databases.ts';
import { addSupporters, sendAndWait } from '../helpers/fixtures.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';
import { startTestApp } from '../helpers/test-app.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PEOPLE = 2_500;
const reason = skipReason('postgres');
if (reason) console.warn(`\n*** db copy to PostgreSQL: ${reason} ***\n`);

(reason ? describe.skip : describe)(`copying an installation to PostgreSQL${reason ? ` — ${reason}` : ''}`, () => {
  let sink: SmtpSink;
  let sqliteDir: string;
  let dropSqlite: () => Promise<void>;
  const targets: TestDatabase[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink();
    const app = await startTestApp('sqlite', { env: { SMTP_URL: sink.url } });
    sqliteDir = app.database.dataDir;
    dropSqlite = () => app.database.drop();
    const db = app.runtime.deps.db;
    // names and tags that sort differently by bytes and by a language's collation
    const tags = ['zeta', 'Alpha', 'émile', 'Ärger', 'b_2', 'b-1'];
    for (let start = 0; start < PEOPLE; start += 500) {
      await addSupporters(db, Array.from({ length: 500 }, (_, i) => ({
        email: `copy-${start + i}@example.org`, given_name: i % 7 === 0 ? `Zoë "${i}" O'Brien` : `P${start + i}`,
        tags: [tags[(start + i) % tags.length]!, ...((start + i) % 3 === 0 ? ['copy-all'] : [])],
      })));
    }
    const storm = await app.api('POST', '/api/v1/storms', {
      title: 'Copy storm', slug: 'copy-storm', starts_at: '2022-02-20T13:00:00+01:00', ends_at: '2022-02-20T15:00:00+01:00',
      hashtags: ['CopyStorm'], messages: [{ text: 'First post #CopyStorm' }, { text: 'Second post #CopyStorm' }],
    });
    expect(storm.status).toBe(201);
    await sendAndWait(app, { subject: 'Hello', body: 'Hi {{ first_name }}', targets: { tags: ['copy-all'] } });
    await app.api('PUT', `/api/v1/people/1/subscription`, { status: 'unsubscribed' });
    for (let i = 0; i < 3; i++) await fetch(`${app.baseUrl}/s/copy-storm`);
    await db.insertInto('events').values(Array.from({ length: 1_500 }, (_, i) => ({
      kind: 'click' as const, storm_id: storm.body.id, message_id: 1, person_id: (i % PEOPLE) + 1,
      url: `https://example.org/${i}`, created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    }))).execute();
    await app.runtime.close();
  }, 120_000);

  afterAll(async () => {
    await sink?.close();
    for (const t of targets) await t.drop();
    await dropSqlite?.();
  });

  it('copies every table with equal counts and checksums, and new ids follow the copied ones', async () => {
    const target = await createTestDatabase('postgres');
    targets.push(target);
    const source = openDatabase({ dataDir: sqliteDir });
    const pg = openDatabase({ databaseUrl: target.databaseUrl, dataDir: sqliteDir });
    try {
      const reports = await copyDatabase(source, pg);
      const byTable = Object.fromEntries(reports.map((r) => [r.table, r]));
      console.log(JSON.stringify(reports.map((r) => ({ table: r.table, rows: r.targetRows, sha256: r.targetChecksum.slice(0, 16), ok: r.matches }))));
      for (const table of ['people', 'person_tags', 'subscription_changes', 'storms', 'storm_variants', 'messages', 'message_recipients', 'delivery_attempts', 'events', 'settings', 'api_tokens']) {
        expect(byTable[table], table).toBeDefined();
        expect(byTable[table]!.sourceRows, table).toBeGreaterThan(0);
      }
      expect(byTable.people!.sourceRows).toBe(PEOPLE);
      expect(byTable.message_recipients!.sourceRows).toBe(Math.ceil(PEOPLE / 3));
      for (const r of reports) {
        expect(r.targetRows, r.table).toBe(r.sourceRows);
        expect(r.targetChecksum, r.table).toBe(r.sourceChecksum);
      }
      // the source, read on its own, gives the same numbers
      for (const table of await describeTables(pg)) {
        const fromSource = await checksumTable(source, table);
        expect(fromSource.checksum, table.name).toBe(byTable[table.name]!.targetChecksum);
      }
      const { id } = await pg.insertInto('people').values({
        email: 'after-copy@example.org', given_name: null, family_name: null, language: null, country: null, postal_code: null,
        custom_fields: '{}', status: 'subscribed', status_changed_at: new Date().toISOString(), created_at: new Date().toISOString(), updated_at: new Date().toISOString(),
      }).returning('id').executeTakeFirstOrThrow();
      expect(id).toBe(PEOPLE + 1);
      // a changed row changes the checksum
      await pg.updateTable('people').set({ given_name: 'Changed' }).where('id', '=', 2).execute();
      const people = (await describeTables(pg)).find((t) => t.name === 'people')!;
      expect((await checksumTable(pg, people)).checksum).not.toBe(byTable.people!.sourceChecksum);
    } finally {
      await source.destroy();
      await pg.destroy();
    }
  }, 60_000);

  it('`outcry db copy --to` prints each table as ok and exits 0, then refuses the database it filled', async () => {
    const target = await createTestDatabase('postgres');
    targets.push(target);
    const run = () => spawnSync(process.execPath, [`${ROOT}bin/outcry.js`, '--data', sqliteDir, 'db', 'copy', '--to', target.databaseUrl!], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' }, timeout: 60_000,
    });
    const first = run();
    expect(first.status, first.stderr).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^table\s+source\s+target/);
    expect(lines.find((l) => l.startsWith('people '))).toMatch(new RegExp(`^people\\s+${PEOPLE}\\s+${PEOPLE}\\s+([0-9a-f]{16})\\s+\\1\\s+ok$`));
    expect(first.stdout).not.toContain('MISMATCH');
    expect(first.stderr).toMatch(/counts and checksums match/);

    const again = run();
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/not empty/);
    const check: Db = openDatabase({ databaseUrl: target.databaseUrl, dataDir: sqliteDir });
    try {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from people`.execute(check);
      expect(rows[0]!.n).toBe(PEOPLE);
    } finally {
      await check.destroy();
    }
  }, 90_000);
});
