// Importing supporters from a CSV export (API and CLI alike): the stream is parsed as it arrives, each row
// checked, and rows stored in batches, each in its own transaction, so a file of any size never sits in memory.
//
// Row numbers are spreadsheet row numbers: the header is row 1, the first data row is row 2, and a cell with
// line breaks inside quotes stays within its row, as Excel, LibreOffice and Google Sheets show it. Blank rows
// count (a spreadsheet shows them) but are otherwise ignored. After a quoted multi-line cell the row number is
// smaller than the line number a text editor shows; the row number is what an organiser fixing the file sees.
//
// The same address twice in one file is merged, not rejected: the later row's non-empty values win and the tags
// add up, as if the file had been imported twice. It counts once, as imported or as updated.
import { parse, type CsvError } from 'csv-parse';
import type { Readable } from 'node:stream';
import type { Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { storeImportBatch } from './import-batch.service.ts';
import { mapHeaders, type HeaderMap } from './import-headers.ts';
import { MAX_TAG_LENGTH, mergeRows, readRow, splitTags, type ImportedPerson, type Rejection } from './import-row.ts';

export interface ImportProgress {
  /** Data rows read so far (the header not counted). */
  rows: number;
  /** Bytes of the file read so far, for a progress bar when the caller knows the size. */
  bytes: number;
  /** The outcome so far; its `rejected` grows in the order rows are refused (sorted only at the end). */
  result: ImportResult;
}

export interface ImportOptions {
  /** Added to every imported person, on top of the file's own tags. */
  tags?: string[];
  /** Told after each stored batch; an import waits for a promise it returns (to store its progress). */
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
  batchSize?: number;
}

export interface ImportResult {
  /** New people. */
  imported: number;
  /** People already stored whom the file matched (by address); their empty cells left their values alone. */
  updated: number;
  rejected: Rejection[];
}

/** The reason given for a row whose address was erased on request: it is not added back silently. */
export const ERASED = 'erased on request: this person asked for their data to be deleted, so the address is not added again';

/** A row bigger than this is a quote left open swallowing the rest of the file, not a supporter. */
const MAX_ROW_BYTES = 1 << 20;

export async function importPeople(deps: Pick<Deps, 'db' | 'clock' | 'secret'>, source: Readable, options: ImportOptions = {}): Promise<ImportResult> {
  const extraTags = checkTags(options.tags ?? []);
  const batchSize = options.batchSize ?? 500;
  const result: ImportResult = { imported: 0, updated: 0, rejected: [] };
  // addresses stored by this import, so a repeat in a later batch is not counted a second time
  const stored = new Set<string>();
  let pending = new Map<string, ImportedPerson>();
  let header: HeaderMap | undefined;
  let row = 0;
  let flushedAt = 1;

  const parser = parse({
    bom: true,
    // cells are checked against the header here, so one ragged row is reported instead of ending the import
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: MAX_ROW_BYTES,
    // a quote never closed cannot be recovered from: report the row where it starts, keep what came before
    skip_records_with_error: true,
    on_skip: (err) => { result.rejected.push(unreadable(err)); },
  });

  const flush = async () => {
    if (pending.size > 0) {
      const outcome = await storeImportBatch(deps, [...pending.values()], extraTags);
      result.imported += outcome.inserted.length;
      result.updated += outcome.matched.filter((email) => !stored.has(email)).length;
      for (const email of [...outcome.inserted, ...outcome.matched]) stored.add(email);
      for (const p of outcome.erased) result.rejected.push({ row: p.row, field: 'email', reason: ERASED });
      pending = new Map();
    }
    flushedAt = row;
    await options.onProgress?.({ rows: Math.max(row - 1, 0), bytes: parser.info.bytes, result });
  };

  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row += 1;
      if (!header) {
        header = readHeader(cells);
        continue;
      }
      const read = readRow(cells, header, row);
      if ('rejection' in read) result.rejected.push(read.rejection);
      if ('person' in read) {
        const earlier = pending.get(read.person.email);
        pending.set(read.person.email, earlier ? mergeRows(earlier, read.person) : read.person);
      }
      // by rows read rather than rows kept, so progress moves through a stretch of rejected rows too
      if (row - flushedAt >= batchSize) await flush();
    }
  } finally {
    source.unpipe(parser);
    // read the rest of an abandoned upload, so the reply (say, a missing email column) still reaches the client
    if (!source.readableEnded && !source.destroyed) source.resume();
  }
  if (!header) {
    const why = result.rejected[0]?.reason;
    throw new Problem(400, 'empty-file', why ? 'The header row could not be read' : 'The file is empty', why);
  }
  await flush();
  result.rejected.sort((a, b) => a.row - b.row);
  return result;
}

/** The file's header row read, or the problem that stops the import (not UTF-8, no email column…). */
export function readHeader(cells: string[]): HeaderMap {
  if (cells.some((c) => c.includes('\uFFFD') || c.includes('\u0000'))) {
    throw new Problem(400, 'not-utf8', 'The file is not UTF-8 text',
      'Save it as "CSV UTF-8" (Excel) or choose the UTF-8 character set when exporting, then import it again.');
  }
  const header = mapHeaders(cells);
  if (header.headers.every((h) => h === '')) {
    throw new Problem(400, 'empty-file', 'The first row is empty', 'It should name the columns: email, first_name, last_name, tags…');
  }
  if (header.fields.email === undefined) {
    const found = header.headers.filter((h) => h !== '').map((h) => `"${h}"`).join(', ');
    throw new Problem(400, 'no-email-column', 'The file has no email column',
      `People are matched by their email address, so one column must be named "email" (or "Email Address", "e-mail"). The columns found were: ${found}.`);
  }
  return header;
}

function unreadable(err: CsvError | undefined): Rejection {
  // `records` counts the rows read before the one that failed
  const row = ((err as unknown as { records?: number } | undefined)?.records ?? 0) + 1;
  const reason = err?.code === 'CSV_QUOTE_NOT_CLOSED' || err?.code === 'CSV_MAX_RECORD_SIZE'
    ? 'a quote opened in this row is never closed, so the rest of the file could not be read'
    : `could not be read (${err?.message ?? 'unknown error'})`;
  return { row, field: null, reason };
}

/** The tags given to everyone in a file, split and checked as the file's own are. */
export function checkTags(tags: string[]): string[] {
  const all = [...new Set(tags.flatMap(splitTags))];
  const long = all.find((t) => [...t].length > MAX_TAG_LENGTH);
  if (long) throw new Problem(400, 'bad-request', `A tag is longer than ${MAX_TAG_LENGTH} characters`, `"${long.slice(0, 40)}…"`);
  return all;
}
