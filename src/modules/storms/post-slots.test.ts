import { describe, expect, it } from 'vitest';
import { describeSlotError, fillSlots, parseSlots } from './post-slots.ts';

describe('slots in a message', () => {
  it('finds {target}, {hashtag} and {link} between the literal text', () => {
    const parsed = parseSlots('{target}: the games are over, the camps are not. {hashtag} {link}');
    expect(parsed).toEqual({
      pieces: [{ slot: 'target' }, ': the games are over, the camps are not. ', { slot: 'hashtag' }, ' ', { slot: 'link' }],
      slots: new Set(['target', 'hashtag', 'link']),
    });
  });

  it('reads {{ and }} as literal braces, and a message without slots as it is', () => {
    expect(parseSlots('Set {{x}} free')).toEqual({ pieces: ['Set {x} free'], slots: new Set() });
    expect(parseSlots('ئۇيغۇرلار بىلەن بىللە تۇرايلى')).toEqual({ pieces: ['ئۇيغۇرلار بىلەن بىللە تۇرايلى'], slots: new Set() });
  });

  it('takes a slot name with spaces round it or in capitals', () => {
    expect(parseSlots('Hi { Target }')).toEqual({ pieces: ['Hi ', { slot: 'target' }], slots: new Set(['target']) });
  });

  it('names an unknown slot, and a brace that opens or closes nothing', () => {
    expect(parseSlots('Dear {tagret}, act now')).toEqual({ error: { kind: 'unknown-slot', slot: '{tagret}' } });
    expect(parseSlots('Dear {}, act')).toEqual({ error: { kind: 'unknown-slot', slot: '{}' } });
    expect(parseSlots('an open { brace')).toEqual({ error: { kind: 'unclosed-brace' } });
    expect(parseSlots('a {target {link}')).toEqual({ error: { kind: 'unclosed-brace' } });
    expect(parseSlots('a close } brace')).toEqual({ error: { kind: 'stray-brace' } });
    expect(describeSlotError({ kind: 'unknown-slot', slot: '{tagret}' }, 2))
      .toBe('Message 2 uses the slot {tagret}, which does not exist; the slots are {target}, {hashtag} and {link} (write {{ and }} for a brace)');
  });

  it('fills each slot, and leaves a message that does not parse as written', () => {
    expect(fillSlots('{target} {target}, see {link}', { target: '@iocmedia', link: 'https://example.org' })).toBe('@iocmedia @iocmedia, see https://example.org');
    expect(fillSlots('a } b', { target: 'x' })).toBe('a } b');
  });
});
