// The API's shapes for imports that run in the background.
import { Type } from 'typebox';

export const ImportId = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const ImportStarted = Type.Object({ id: Type.Integer() });

export const Import = Type.Object({
  id: Type.Integer(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  tags: Type.Array(Type.String()),
  rows_done: Type.Integer({ description: 'Data rows read so far' }),
  added: Type.Integer({ description: 'New people' }),
  updated: Type.Integer({ description: 'People already stored, matched by address' }),
  rejected: Type.Integer({ description: 'Rows refused: see rejected.csv' }),
  bytes_done: Type.Integer({ description: 'Of the file, read so far: bytes_done / bytes_total is the progress' }),
  bytes_total: Type.Integer(),
  error: Type.Union([Type.String(), Type.Null()], { description: 'Why a failed import stopped; "interrupted: …" when its process stopped' }),
  created_at: Type.String({ format: 'date-time' }),
  started_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  finished_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const ImportList = Type.Object({ items: Type.Array(Import) });
