// The fields that make an organiser's account, checked the same way wherever they are typed (set-up page,
// invitation, API): a name, an address of reasonable shape, a role.
import type { InvalidParam } from '../../http/problem.ts';
import { isRole } from './roles.ts';

export function normaliseEmail(value: string): string {
  return value.trim().normalize('NFC').toLowerCase();
}

export function checkName(name: string): InvalidParam[] {
  const clean = name.trim();
  if (!clean) return [{ name: 'name', reason: 'is empty' }];
  if (clean.length > 200) return [{ name: 'name', reason: 'must have at most 200 characters' }];
  return [];
}

export function checkEmail(email: string): InvalidParam[] {
  if (email.length > 254 || !/^[^\s@<>,;:"]+@[^\s@<>,;:"]+\.[^\s@<>,;:".]+$/.test(email)) {
    return [{ name: 'email', reason: 'is not an email address' }];
  }
  return [];
}

export function checkRole(role: unknown): InvalidParam[] {
  return isRole(role) ? [] : [{ name: 'role', reason: 'must be owner, campaigner or viewer' }];
}
