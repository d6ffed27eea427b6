import { describe, expect, it } from 'vitest';
import { HOME_AFTER_LOGIN, safeNext } from './safe-next.ts';

describe('where to go after logging in', () => {
  it('keeps a path on this site, with its query and fragment', () => {
    for (const path of ['/app', '/app/people?tag=x#top', '/app/storms/3', '/app/people?q=%2F%2Fnot-a-host', '/app/a%20b']) expect(safeNext(path), path).toBe(path);
    expect(safeNext('/app/./people/../storms')).toBe('/app/storms');
  });

  it('refuses anything that resolves, or decodes, to another host', () => {
    for (const next of [
      '//evil.example', '/.//evil.example', '/a/..//evil.example', '/%2e//evil.example', '/%2E%2E//evil.example', '/./%2e//evil.example',
      '/\\evil.example', '/%5Cevil.example', '/%5cevil.example', '/%2F/evil.example', '/%2f%2fevil.example', '/app%2F..%2F..%2F%2Fevil.example',
      '/\t/evil.example', '/\n/evil.example', 'https://evil.example/', 'evil.example', '', '/%E0%A4%A',
    ]) expect(safeNext(next), JSON.stringify(next)).toBe(HOME_AFTER_LOGIN);
  });

  it('does not go back to the login or set-up pages, however spelled', () => {
    for (const next of ['/login', '/%6cogin', '/setup/abc', '/a/../setup/abc']) expect(safeNext(next), next).toBe(HOME_AFTER_LOGIN);
    expect(safeNext(undefined)).toBe(HOME_AFTER_LOGIN);
    expect(safeNext(`/${'a'.repeat(2001)}`)).toBe(HOME_AFTER_LOGIN);
  });
});
