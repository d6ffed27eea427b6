// API tokens remember who made them through the API (null: made on the command line), so a token can go
// with its maker: when they are removed, or lose the role the token has. A user deleted some other way
// takes their tokens along too.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_tokens')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('api_tokens_created_by_idx').on('api_tokens').column('created_by').execute();
}
