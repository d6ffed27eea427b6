// What a PostgreSQL database holds in its current schema, read from its catalog: Outcry's tables (not the
// migrator's), their columns, keys, identity columns, and which tables refer to which.
import { sql, type Kysely } from 'kysely';

export interface ColumnInfo {
  name: string;
  /** PostgreSQL's data_type, e.g. integer, text, timestamp with time zone. */
  type: string;
  identity: boolean;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  /** The primary key's columns, in key order. */
  key: string[];
  /** Tables this one refers to by foreign key. */
  parents: string[];
}

export async function describeTables(db: Kysely<any>): Promise<TableInfo[]> {
  const columns = await sql<{ table_name: string; column_name: string; data_type: string; is_identity: string }>`
    select c.table_name, c.column_name, c.data_type, c.is_identity
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.table_name not like 'kysely\\_%'
    order by c.table_name, c.ordinal_position`.execute(db);
  const keys = await sql<{ table_name: string; column_name: string }>`
    select tc.table_name, kcu.column_name
    from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu
      on kcu.constraint_schema = tc.constraint_schema and kcu.constraint_name = tc.constraint_name and kcu.table_name = tc.table_name
    where tc.constraint_type = 'PRIMARY KEY' and tc.table_schema = current_schema()
    order by tc.table_name, kcu.ordinal_position`.execute(db);
  const references = await sql<{ child: string; parent: string }>`
    select c.relname as child, p.relname as parent
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_class p on p.oid = k.confrelid
    join pg_namespace n on n.oid = k.connamespace
    where k.contype = 'f' and n.nspname = current_schema()`.execute(db);

  const tables = new Map<string, TableInfo>();
  for (const c of columns.rows) {
    let t = tables.get(c.table_name);
    if (!t) tables.set(c.table_name, t = { name: c.table_name, columns: [], key: [], parents: [] });
    t.columns.push({ name: c.column_name, type: c.data_type, identity: c.is_identity === 'YES' });
  }
  for (const k of keys.rows) tables.get(k.table_name)?.key.push(k.column_name);
  for (const r of references.rows) {
    const t = tables.get(r.child);
    if (t && r.parent !== r.child && !t.parents.includes(r.parent)) t.parents.push(r.parent);
  }
  return [...tables.values()];
}
