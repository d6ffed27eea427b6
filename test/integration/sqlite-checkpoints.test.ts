// The embedded database's WAL and its checkpoint thread (src/db/checkpoint-thread.ts), on a real file,
// and how each connection to it is set up (src/db/sqlite-file.ts).
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../src/db/database.ts';

const dirs: string[] = [];
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }); });

describe('the embedded database file', () => {
  it('is whole once destroyed: the write-ahead log is copied back and removed, and the folder can go at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outcry-checkpoints-'));
    dirs.push(dir);
    const db = openDatabase({ dataDir: dir });
    await migrateToLatest(db);
    await sql`insert into settings (key, value) values ('checkpoint-test', '1')`.execute(db);
    // by now the checkpoint thread has its own connection open, so the process's own is not the file's last
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await db.destroy();
    expect(readdirSync(dir).sort()).toEqual(['outcry.db']);
    expect(existsSync(join(dir, 'outcry.db-wal'))).toBe(false);

    // and what was written is in the file itself
    const again = openDatabase({ dataDir: dir });
    const row = await sql<{ value: string }>`select value from settings where key = 'checkpoint-test'`.execute(again);
    await again.destroy();
    expect(row.rows[0]?.value).toBe('1');
  });

  it("keeps SQLite's own 2 MB page cache on a connection, not better-sqlite3's 16 MB", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outcry-cache-'));
    dirs.push(dir);
    const db = openDatabase({ dataDir: dir });
    const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(db);
    await db.destroy();
    expect(rows[0]?.cache_size).toBe(-2000);
  });
});
