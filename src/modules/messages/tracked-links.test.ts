import { describe, expect, it } from 'vitest';
import { randomToken } from '../../lib/tokens.ts';
import { trackedLinkPieces, trackedLinkUrl, verifyTrackedLink } from './tracked-links.ts';

const deps = { secret: 'a'.repeat(64), config: { publicUrl: 'https://storm.example.org' } } as Parameters<typeof trackedLinkUrl>[0];

const destinations = [
  'https://example.org/article?a=1&b=two words#part',
  'https://storm.example.org/s/closing-ceremony',
  'https://storm.example.org/s/closing-ceremony?lang=ug&r=someone-else#join',
  'https://storm.example.org/a/what-is-happening?x=%E2%9C%93',
  'http://example.org/ünïcode/path?q=晓明',
];

describe('a tracked link', () => {
  it('is the same two pieces for every recipient of a message, around that recipient\'s token', () => {
    for (const destination of destinations) {
      const { before, after } = trackedLinkPieces(deps, 7, destination);
      for (let i = 0; i < 20; i++) {
        const token = randomToken();
        const url = new URL(trackedLinkUrl(deps, 7, token, destination));
        expect(url.toString()).toBe(new URL(before + token + after).toString());
        expect(url.pathname).toBe(`/l/${token}`);
        expect(url.searchParams.get('m')).toBe('7');
        expect(url.searchParams.get('u')).toBe(destination);
      }
    }
  });

  it('carries a signature that holds for its message and destination and for no other', () => {
    for (const destination of destinations) {
      const signature = new URL(trackedLinkUrl(deps, 7, randomToken(), destination)).searchParams.get('s');
      expect(verifyTrackedLink(deps, signature, '7', destination)).toBe(true);
      expect(verifyTrackedLink(deps, signature, '8', destination)).toBe(false);
      expect(verifyTrackedLink(deps, signature, '07', destination)).toBe(false);
      expect(verifyTrackedLink(deps, signature, undefined, destination)).toBe(false);
      expect(verifyTrackedLink(deps, signature, '7', `${destination}x`)).toBe(false);
      expect(verifyTrackedLink({ ...deps, secret: 'b'.repeat(64) }, signature, '7', destination)).toBe(false);
    }
  });
});
