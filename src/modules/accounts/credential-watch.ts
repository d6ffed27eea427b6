// A request may outlive the credential it came with: a storm's live numbers stream for hours. Each API
// request still open is looked at again every 30 seconds, and at once after a change in this process that
// may take access away (a logout, a removed user, a lowered role, a revoked token): once its session or
// token is gone, or no longer has the route's role, its response is ended. A change made by another
// process is noticed at the next round.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from './principal.ts';
import { hasRole, type Role } from './roles.ts';

export const RECHECK_EVERY_MS = 30_000;

interface Held {
  req: FastifyRequest;
  reply: FastifyReply;
  principal: Principal;
  required: Role;
}

export interface CredentialWatch {
  /** Watches the request's credential until its response is over. */
  hold(req: FastifyRequest, reply: FastifyReply, principal: Principal, required: Role): void;
  /** Looks at every request held now but `except` (the one that made the change). */
  recheck(except?: FastifyRequest): Promise<void>;
  /** How many requests are held (tests). */
  size(): number;
  close(): void;
}

export interface CredentialWatchOptions {
  /** The principal as it is now (its role may have changed), or undefined when its session or token is gone. */
  current(principal: Principal): Promise<Principal | undefined>;
  everyMs?: number;
  onError(err: unknown): void;
}

const credentialOf = (p: Principal) => (p.type === 'user' ? `session:${p.sessionHash}` : `token:${p.id}`);

function end(held: Held): void {
  const res = held.reply.raw;
  if (res.writableEnded || res.destroyed) return;
  // a stream already under way ends cleanly (the browser's reconnection is then refused); anything else is cut off
  if (res.headersSent) res.end();
  else res.destroy();
}

export function createCredentialWatch(options: CredentialWatchOptions): CredentialWatch {
  const held = new Set<Held>();
  const timer = setInterval(() => void recheck(), options.everyMs ?? RECHECK_EVERY_MS).unref();

  async function recheck(except?: FastifyRequest): Promise<void> {
    const byCredential = new Map<string, Held[]>();
    for (const h of held) {
      if (h.req === except) continue;
      const key = credentialOf(h.principal);
      byCredential.set(key, [...(byCredential.get(key) ?? []), h]);
    }
    await Promise.all([...byCredential.values()].map(async (list) => {
      let now: Principal | undefined;
      try {
        now = await options.current(list[0]!.principal);
      } catch (err) {
        // the database did not answer: look again next round rather than drop every stream
        options.onError(err);
        return;
      }
      for (const h of list) {
        if (now && hasRole(now.role, h.required)) continue;
        held.delete(h);
        end(h);
      }
    }));
  }

  return {
    hold(req, reply, principal, required) {
      const entry: Held = { req, reply, principal, required };
      held.add(entry);
      const release = () => held.delete(entry);
      reply.raw.once('finish', release);
      reply.raw.once('close', release);
    },
    recheck,
    size: () => held.size,
    close() {
      clearInterval(timer);
      held.clear();
    },
  };
}
