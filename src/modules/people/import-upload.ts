// A CSV upload for a background import, kept in a temporary file: the request is answered as soon as the
// file is here, and the import reads it at its own pace (a client never waits on the database).
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { Problem } from '../../http/problem.ts';

/** Bigger than any real list export (a million rows is about 100 MB); the temporary file lives on local disk. */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

export interface Upload {
  path: string;
  bytes: number;
  /** Deletes the temporary file. */
  dispose(): Promise<void>;
}

export async function receiveUpload(source: Readable): Promise<Upload> {
  const dir = await mkdtemp(join(tmpdir(), 'outcry-import-'));
  const path = join(dir, 'upload.csv');
  const dispose = () => rm(dir, { recursive: true, force: true });
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > MAX_UPLOAD_BYTES) done(new Problem(413, 'too-large', 'The file is too large', `An import takes files up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; split it in two.`));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(source, counter, createWriteStream(path));
  } catch (err) {
    await dispose();
    throw err;
  }
  return { path, bytes, dispose };
}

/** The first record of the file (its header row), or undefined when it has none or it cannot be read. */
export async function readFirstRecord(path: string): Promise<string[] | undefined> {
  const file = createReadStream(path);
  const parser = file.pipe(parse({ bom: true, to: 1, relax_column_count: true, relax_quotes: true, max_record_size: 1 << 20 }));
  try {
    for await (const record of parser as AsyncIterable<string[]>) return record;
    return undefined;
  } catch {
    return undefined;
  } finally {
    parser.destroy();
    file.destroy();
  }
}
