// `outcry people`: import a CSV with a progress bar, and list people. Thin: each calls the people module.
import { createReadStream, statSync } from 'node:fs';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { importPeople, listPeople, type ImportResult } from '../modules/people/index.ts';
import { fail, withRuntime } from './context.ts';

const SHOWN_REJECTS = 50;

const collect = (value: string, previous: string[]) => [...previous, value];

function wholeNumber(value: string, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) fail(`${what} must be a whole number (got "${value}")`);
  return n;
}

/** The file's size, or a clear exit when it cannot be read. */
function sizeOf(file: string): number {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) fail(`${file} is not a file`);
    return stat.size;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    fail(code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file} (${code ?? String(err)})`);
  }
}

export function summarise(result: ImportResult): string[] {
  const lines = [`Imported ${result.imported} new, updated ${result.updated}, rejected ${result.rejected.length}`];
  for (const r of result.rejected.slice(0, SHOWN_REJECTS)) {
    lines.push(r.field === null ? `row ${r.row}: ${r.reason}` : `row ${r.row}, ${r.field}: ${r.reason}`);
  }
  if (result.rejected.length > SHOWN_REJECTS) lines.push(`… and ${result.rejected.length - SHOWN_REJECTS} more`);
  return lines;
}

export function registerPeopleCommands(program: Command): void {
  const people = program.command('people').description('supporters: import a CSV, list people');

  people.command('import')
    .argument('<file>', 'a CSV file in UTF-8 whose first row names the columns, one of them email')
    .option('--tag <tag>', 'add this tag to every imported person (repeat for more)', collect, [])
    .description('import people from a CSV export (Action Network, Mailchimp, NationBuilder…); people already stored are updated, never resubscribed')
    .action(async (file: string, opts: { tag: string[] }) => {
      const size = sizeOf(file);
      const result = await withRuntime(program.opts(), async (rt) => {
        const stream = createReadStream(file);
        const bar = new cliProgress.SingleBar({
          stream: process.stderr,
          format: 'Importing |{bar}| {percentage}% · {rows} rows',
          hideCursor: true,
        }, cliProgress.Presets.shades_classic);
        bar.start(Math.max(size, 1), 0, { rows: 0 });
        try {
          const result = await importPeople(rt.deps, stream, {
            tags: opts.tag,
            onProgress: ({ rows, bytes }) => bar.update(Math.min(bytes, size), { rows }),
          });
          bar.update(Math.max(size, 1));
          return result;
        } finally {
          bar.stop();
          stream.destroy();
        }
      });
      for (const line of summarise(result)) console.log(line);
    });

  people.command('list')
    .option('--tag <tag>', 'only people with this tag (repeat for any of several)', collect, [])
    .option('--limit <n>', 'how many (at most 500)', '50')
    .option('--after <id>', 'only people with a larger id (the next page)')
    .description('list people by id: id, email, status, name, tags')
    .action(async (opts: { tag: string[]; limit: string; after?: string }) => {
      const limit = Math.min(wholeNumber(opts.limit, '--limit'), 500);
      const after = opts.after === undefined ? undefined : wholeNumber(opts.after, '--after');
      const page = await withRuntime(program.opts(), (rt) => listPeople(rt.deps, {
        limit, ...(opts.tag.length > 0 ? { tag: opts.tag } : {}), ...(after !== undefined ? { after } : {}),
      }));
      if (page.items.length === 0) console.error('Nobody here yet: `outcry people import FILE` adds people.');
      for (const p of page.items) {
        const name = [p.given_name, p.family_name].filter(Boolean).join(' ');
        console.log(`#${p.id}\t${p.email_addresses[0]!.address}\t${p.email_addresses[0]!.status}\t${name}\t${p.tags.join(', ')}`);
      }
      if (page.next_after !== undefined) console.error(`More: add --after ${page.next_after}`);
    });
}
