// Who may do what. Each /api/v1 route names the least role it needs in its Fastify config
// (`config: { role: 'viewer' }`); a route that names none needs a campaigner. `public: true` marks the
// few API routes that need no login at all (logging in), `audit: false` those that write their own
// audit entries, `revokesAccess: true` those after which open requests' credentials are checked again.
import type { UserRole } from '../../db/schema.ts';

export type Role = UserRole;

export const ROLES: readonly Role[] = ['viewer', 'campaigner', 'owner'];

export const DEFAULT_ROUTE_ROLE: Role = 'campaigner';

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Does `actual` include everything `required` may do? Each role includes the ones below it. */
export function hasRole(actual: Role, required: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(required);
}

export interface RouteAccess {
  role?: Role;
  public?: boolean;
  audit?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The least role the route needs (default: campaigner). */
    role?: Role;
    /** No login needed (the login itself). */
    public?: boolean;
    /** false: the route writes its own audit entries. */
    audit?: boolean;
    /** The route may take access away (a logout, a removed user, a lower role): open requests are looked at again after it. */
    revokesAccess?: boolean;
  }
}
