// Who is signed in and what their role lets them do. The API enforces the roles; the app only hides what
// would be refused: owners run users and settings, campaigners supporters, messages and storms, viewers read.
import { api, setCsrfToken } from './api.ts';

export type Role = 'owner' | 'campaigner' | 'viewer';

export interface User { id: number; name: string; email: string; role: Role; totp_enabled: boolean }

let current: User | undefined;

export async function loadSession(): Promise<User> {
  const session = await api<{ user: User; csrf_token: string }>('GET', '/api/v1/session');
  setCsrfToken(session.csrf_token);
  current = session.user;
  return session.user;
}

export function currentUser(): User {
  if (!current) throw new Error('no session loaded');
  return current;
}

/** May change supporters, messages and storms. */
export const canEdit = () => current?.role === 'owner' || current?.role === 'campaigner';
/** May run users, tokens and the organisation's settings. */
export const canManage = () => current?.role === 'owner';

export async function signOut(): Promise<void> {
  await api('DELETE', '/api/v1/session');
  location.assign('/login');
}
