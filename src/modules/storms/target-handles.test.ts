import { describe, expect, it } from 'vitest';
import { checkTargets } from './target-fields.ts';
import { addressFor, normalizeHandle } from './target-handles.ts';

describe('handles per network', () => {
  it('takes an X handle of up to 15 letters, digits and underscores, with or without @', () => {
    expect(normalizeHandle('x', 'iocmedia')).toBe('@iocmedia');
    expect(normalizeHandle('x', ' @IOC_media ')).toBe('@IOC_media');
    expect(normalizeHandle('x', '@a23456789012345')).toBe('@a23456789012345');
    expect(normalizeHandle('x', '@a234567890123456')).toBeUndefined();
    expect(normalizeHandle('x', '@ioc.media')).toBeUndefined();
    expect(normalizeHandle('x', '@')).toBeUndefined();
  });

  it('takes a Bluesky handle that is a domain name, in lower case', () => {
    expect(normalizeHandle('bluesky', '@IOCMedia.bsky.social')).toBe('@iocmedia.bsky.social');
    expect(normalizeHandle('bluesky', 'olympics.com')).toBe('@olympics.com');
    expect(normalizeHandle('bluesky', '@iocmedia')).toBeUndefined();
    expect(normalizeHandle('bluesky', '@ioc_media.bsky.social')).toBeUndefined();
    expect(normalizeHandle('bluesky', '@name.local')).toBeUndefined();
    expect(normalizeHandle('bluesky', '@name.123')).toBeUndefined();
  });

  it('takes a Mastodon handle as @user@instance, the server in lower case', () => {
    expect(normalizeHandle('mastodon', '@iocmedia@Mastodon.Social')).toBe('@iocmedia@mastodon.social');
    expect(normalizeHandle('mastodon', 'olympics@social.example.org')).toBe('@olympics@social.example.org');
    expect(normalizeHandle('mastodon', '@iocmedia')).toBeUndefined();
    expect(normalizeHandle('mastodon', '@ioc media@mastodon.social')).toBeUndefined();
    expect(normalizeHandle('mastodon', '@ioc@https://mastodon.social/x')).toBeUndefined();
    expect(normalizeHandle('mastodon', '@ioc@localhost')).toBeUndefined();
  });

  it('takes a Threads handle as Instagram writes names', () => {
    expect(normalizeHandle('threads', '@olympics')).toBe('@olympics');
    expect(normalizeHandle('threads', 'the.olympics_')).toBe('@the.olympics_');
    expect(normalizeHandle('threads', '@the..olympics')).toBeUndefined();
    expect(normalizeHandle('threads', '@olympics.')).toBeUndefined();
    expect(normalizeHandle('threads', `@${'a'.repeat(31)}`)).toBeUndefined();
  });

  it('addresses a target by its handle where it has one, by its name elsewhere', () => {
    const bach = { name: 'Thomas Bach', handles: { x: '@iocmedia', mastodon: '@ioc@mastodon.social' } };
    expect(addressFor(bach, 'x')).toBe('@iocmedia');
    expect(addressFor(bach, 'mastodon')).toBe('@ioc@mastodon.social');
    expect(addressFor(bach, 'bluesky')).toBe('Thomas Bach');
    for (const network of ['facebook', 'linkedin', 'whatsapp', 'telegram', 'email'] as const) expect(addressFor(bach, network)).toBe('Thomas Bach');
  });
});

describe('a storm\'s list of targets', () => {
  const check = (input: Parameters<typeof checkTargets>[0]) => {
    const problems: { name: string; reason: string }[] = [];
    const targets = checkTargets(input, (name, reason) => problems.push({ name, reason }));
    return { targets, problems };
  };

  it('keeps the name and each handle in its network\'s form', () => {
    expect(check([{ name: ' Thomas  Bach ', handles: { x: 'iocmedia', bluesky: '@IOC.bsky.social', threads: '' } }])).toEqual({
      targets: [{ name: 'Thomas Bach', handles: { x: '@iocmedia', bluesky: '@ioc.bsky.social' } }], problems: [],
    });
  });

  it('names the target and the network of a handle in the wrong form', () => {
    const { problems } = check([
      { name: 'IOC', handles: { x: '@iocmedia' } },
      { name: 'Kirsty Coventry', handles: { mastodon: '@kirsty', x: '@kirsty coventry' } },
    ]);
    expect(problems).toEqual([
      { name: 'targets.1.handles.mastodon', reason: 'Target 2 (Kirsty Coventry): "@kirsty" is not a handle on Mastodon; write it like @user@mastodon.social' },
      { name: 'targets.1.handles.x', reason: 'Target 2 (Kirsty Coventry): "@kirsty coventry" is not a handle on X; write it like @iocmedia' },
    ]);
  });

  it('refuses a target without a name, the same name twice, and a network without mentions', () => {
    const { problems } = check([{ name: 'IOC' }, { name: '  ' }, { name: 'ioc' }, { name: 'Bach', handles: { facebook: 'bach' } }]);
    expect(problems.map((p) => p.name)).toEqual(['targets.1.name', 'targets.2.name', 'targets.3.handles.facebook']);
    expect(problems[1]!.reason).toBe('Target 3 has the same name as target 1, "ioc"');
  });
});
