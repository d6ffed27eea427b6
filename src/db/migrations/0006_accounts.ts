// Organisers: user accounts with a role and an optional TOTP second factor, their login sessions, the
// one-time links that set up the first owner or invite a user, failed logins (the rate limit) and the
// audit log. API tokens get a role too; the ones that exist keep full rights (owner).
import type { Kysely } from 'kysely';
import { timestampType, withIdColumn } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ts = timestampType(db);

  await db.schema.alterTable('api_tokens').addColumn('role', 'text', (c) => c.notNull().defaultTo('owner')).execute();

  await withIdColumn(db, db.schema.createTable('users'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    // null until the invited user has chosen a password
    .addColumn('password_hash', 'text')
    .addColumn('totp_secret', 'text')
    // a secret being enrolled, confirmed by a first code
    .addColumn('totp_pending_secret', 'text')
    // the last time step whose code was accepted: a code is never accepted twice
    .addColumn('totp_last_step', 'integer')
    .addColumn('last_login_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await withIdColumn(db, db.schema.createTable('sessions'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_seen_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await withIdColumn(db, db.schema.createTable('account_links'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    // setup: creates the first owner; invite: lets an existing user set their password
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('used_at', ts)
    .execute();

  await withIdColumn(db, db.schema.createTable('login_failures'))
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_failures_account_idx').on('login_failures').columns(['account', 'at']).execute();
  await db.schema.createIndex('login_failures_ip_idx').on('login_failures').columns(['ip', 'at']).execute();
  await db.schema.createIndex('login_failures_at_idx').on('login_failures').column('at').execute();

  await withIdColumn(db, db.schema.createTable('audit_log'))
    .addColumn('at', ts, (c) => c.notNull())
    // user, token, or anonymous (a failed login); the name is kept as it was, so the log outlives the actor
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('ip', 'text')
    .execute();
}
