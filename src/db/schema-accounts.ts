// Table types of accounts: API tokens, users, their sessions and set-up links, failed logins, the audit log.
// Part of the schema (schema.ts re-exports them), kept apart because they are one idea.
import type { Generated } from 'kysely';

export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  role: Generated<UserRole>;
  /** The user who made it through the API (migration 0013); null: made on the command line. */
  created_by: number | null;
}

/** owner: users, settings, tokens; campaigner: supporters, messages, storms; viewer: numbers only. */
export type UserRole = 'owner' | 'campaigner' | 'viewer';

export interface UsersTable {
  id: Generated<number>;
  name: string;
  /** Trimmed, lower-case. */
  email: string;
  role: UserRole;
  /** PHC-style scrypt string; null until an invited user has chosen a password. */
  password_hash: string | null;
  /** Base32 TOTP secret once confirmed; totp_pending_secret while being enrolled. */
  totp_secret: string | null;
  totp_pending_secret: string | null;
  /** The last TOTP time step accepted, so no code is accepted twice. */
  totp_last_step: number | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: Generated<number>;
  /** SHA-256 of the cookie's random token. */
  token_hash: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  /** The absolute end, whatever the activity. */
  expires_at: string;
}

export interface AccountLinksTable {
  id: Generated<number>;
  token_hash: string;
  kind: 'setup' | 'invite';
  user_id: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  /** The address tried (lower-case), known or not. */
  account: string;
  ip: string;
  at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  /** system: the command line. */
  actor_type: 'user' | 'token' | 'anonymous' | 'system';
  actor_id: number | null;
  actor_name: string;
  action: string;
  subject: string | null;
  ip: string | null;
}
