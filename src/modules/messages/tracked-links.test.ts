import { describe, expect, it } from 'vitest';
import { randomToken } from '../../lib/tokens.ts';
import { compileTrackedLink, trackedLinkUrl } from './tracked-links.ts';

const deps = { secret: 'a'.repeat(64), config: { publicUrl: 'https://storm.example.org' } } as Parameters<typeof trackedLinkUrl>[0];

describe('a tracked link made once per send', () => {
  it('is the same link, for any recipient, as one made for that recipient alone', () => {
    const destinations = [
      'https://example.org/article?a=1&b=two words#part',
      'https://storm.example.org/s/closing-ceremony',
      'https://storm.example.org/s/closing-ceremony?lang=ug&r=someone-else#join',
      'https://storm.example.org/a/what-is-happening?x=%E2%9C%93',
      'http://example.org/ünïcode/path?q=晓明',
      // the mark a link is cut at, written into a destination: made the slow way, still the same link
      'https://storm.example.org/s/x?note=TOKENxMARKxTOKENxMARKx&y=TOKENxMARKxTOKENxMARKx',
    ];
    for (const destination of destinations) {
      const link = compileTrackedLink(deps, destination);
      for (let i = 0; i < 20; i++) {
        const token = randomToken();
        expect(link(token), destination).toBe(trackedLinkUrl(deps, token, destination));
      }
    }
  });
});
