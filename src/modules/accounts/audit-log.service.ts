// Who did what, when, from where: logins (and failed ones), logouts, set-up, changes to users, roles,
// tokens and second factors, and every successful change made through the API. No request bodies: they
// may hold supporters' personal data.
import type { Deps } from '../../deps.ts';
import { insertAuditEntry, selectAuditEntries } from './audit-log.repo.ts';

export interface Actor {
  type: 'user' | 'token' | 'anonymous' | 'system';
  id: number | null;
  name: string;
}

export interface AuditEntry {
  actor: Actor;
  action: string;
  subject?: string | null;
  ip?: string | null;
}

export const anonymous: Actor = { type: 'anonymous', id: null, name: 'anonymous' };
/** Whoever runs `outcry` commands on the server. */
export const commandLine: Actor = { type: 'system', id: null, name: 'command line' };

export async function recordAudit(deps: Pick<Deps, 'db' | 'clock'>, entry: AuditEntry): Promise<void> {
  await insertAuditEntry(deps.db, {
    at: deps.clock.now().toISOString(),
    actor_type: entry.actor.type,
    actor_id: entry.actor.id,
    actor_name: entry.actor.name.slice(0, 300),
    action: entry.action,
    subject: entry.subject?.slice(0, 500) ?? null,
    ip: entry.ip ?? null,
  });
}

export async function listAuditEntries(deps: Pick<Deps, 'db'>, query: { limit?: number; before?: number }) {
  const rows = await selectAuditEntries(deps.db, query.limit ?? 50, query.before);
  return {
    items: rows.map((r) => ({
      id: r.id, at: r.at, actor: r.actor_name, actor_type: r.actor_type, actor_id: r.actor_id, action: r.action, subject: r.subject, ip: r.ip,
    })),
  };
}
