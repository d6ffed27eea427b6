// `outcry db copy --to postgres://…`: moves this installation's data into an empty PostgreSQL database and
// prints, per table, the rows on each side and their checksums. Exits non-zero unless every table matches.
import type { Command } from 'commander';
import { copyDatabase, type TableCopyReport } from '../db/copy.ts';
import { openDatabase } from '../db/database.ts';
import { configFrom, fail } from './context.ts';

function printReport(reports: TableCopyReport[]): void {
  const width = Math.max(5, ...reports.map((r) => r.table.length));
  console.log(`${'table'.padEnd(width)}  ${'source'.padStart(9)}  ${'target'.padStart(9)}  ${'source sha256'.padEnd(16)}  ${'target sha256'.padEnd(16)}`);
  for (const r of reports) {
    console.log(`${r.table.padEnd(width)}  ${String(r.sourceRows).padStart(9)}  ${String(r.targetRows).padStart(9)}  `
      + `${r.sourceChecksum.slice(0, 16)}  ${r.targetChecksum.slice(0, 16)}  ${r.matches ? 'ok' : 'MISMATCH'}`);
  }
}

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('the database: copy this installation to PostgreSQL');

  db.command('copy')
    .requiredOption('--to <url>', 'an empty PostgreSQL database: postgres://user:password@host/outcry')
    .description('copy every table of this installation (the embedded database, or DATABASE_URL) into an empty PostgreSQL database, then compare both sides')
    .action(async (opts: { to: string }) => {
      if (!/^postgres(ql)?:\/\//.test(opts.to)) fail('--to must be a postgres:// URL');
      const config = configFrom(program.opts());
      if (config.databaseUrl === opts.to) fail('--to is the database this installation already runs on');
      const source = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      const target = openDatabase({ databaseUrl: opts.to, dataDir: config.dataDir });
      let reports: TableCopyReport[];
      try {
        console.error(`Copying ${config.databaseUrl ? 'the PostgreSQL database in DATABASE_URL' : `the embedded database in ${config.dataDir}`} to ${redact(opts.to)}…`);
        reports = await copyDatabase(source, target, {
          onProgress: (table, rows) => { if (process.stderr.isTTY) process.stderr.write(`\r  ${table}: ${rows} rows`.padEnd(60)); },
        });
        if (process.stderr.isTTY) process.stderr.write('\r'.padEnd(61) + '\r');
      } finally {
        await source.destroy();
        await target.destroy();
      }
      printReport(reports);
      const bad = reports.filter((r) => !r.matches);
      const total = reports.reduce((n, r) => n + r.targetRows, 0);
      if (bad.length > 0) fail(`${bad.length} of ${reports.length} tables differ after the copy: ${bad.map((r) => r.table).join(', ')}`);
      console.error(`All ${reports.length} tables copied (${total} rows); counts and checksums match. Set DATABASE_URL to the new database and start Outcry.`);
    });
}

/** The URL without its password, for printing. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the target database';
  }
}
