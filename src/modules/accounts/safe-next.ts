// Where to go after logging in: a path on this site only, so the login page cannot be made to send someone
// on to another site. Not only `//other.example` and `https://…`: what counts is the path once a browser
// has resolved it (`/.//evil`, `/a/..//evil` and `/%2e//evil` all become `//evil`, a link to another host)
// and decoded it (`/%5Cevil`: browsers read a backslash as a slash). Anything doubtful goes to the app.
export const HOME_AFTER_LOGIN = '/app';

const BASE = 'http://outcry.invalid';
const CONTROL_OR_BACKSLASH = /[\\\u0000-\u001f\u007f]/;

function decoded(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

/** A path that, decoded, still leads nowhere but here: no backslash, no `//` at its start before or after resolving. */
function staysHere(path: string): boolean {
  const plain = decoded(path);
  if (plain === undefined || CONTROL_OR_BACKSLASH.test(plain) || plain.startsWith('//')) return false;
  const again = new URL(plain, BASE);
  return again.origin === BASE && !again.pathname.startsWith('//');
}

export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2000 || !value.startsWith('/') || value.startsWith('//')) return HOME_AFTER_LOGIN;
  if (CONTROL_OR_BACKSLASH.test(value) || /%5c/i.test(value)) return HOME_AFTER_LOGIN;
  const url = new URL(value, BASE);
  if (url.origin !== BASE || !staysHere(url.pathname)) return HOME_AFTER_LOGIN;
  const path = decoded(url.pathname)!;
  if (path === '/login' || path.startsWith('/setup/')) return HOME_AFTER_LOGIN;
  return url.pathname + url.search + url.hash;
}
