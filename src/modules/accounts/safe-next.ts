// Where to go after logging in: a path on this site only (never //other.example or https://…), so the
// login page cannot be made to send someone on to another site.
export const HOME_AFTER_LOGIN = '/app';

export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2000 || !value.startsWith('/') || value.startsWith('//')) return HOME_AFTER_LOGIN;
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return HOME_AFTER_LOGIN;
  const base = 'http://outcry.invalid';
  const url = new URL(value, base);
  if (url.origin !== base || url.pathname === '/login' || url.pathname.startsWith('/setup/')) return HOME_AFTER_LOGIN;
  return url.pathname + url.search + url.hash;
}
