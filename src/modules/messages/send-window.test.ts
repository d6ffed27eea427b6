import { describe, expect, it } from 'vitest';
import { sendWindow } from './send-loop.ts';

describe('the mails a send keeps in flight', () => {
  it('are eight per connection when the sender has no pace to keep', () => {
    expect(sendWindow({ connections: 10, perSecond: 0, perHour: 0 })).toBe(80);
  });

  it('are no more than ten seconds\' worth at the sender\'s pace, and at least one', () => {
    expect(sendWindow({ connections: 10, perSecond: 2, perHour: 0 })).toBe(20);
    expect(sendWindow({ connections: 10, perSecond: 100, perHour: 0 })).toBe(80);
    expect(sendWindow({ connections: 5, perSecond: 0, perHour: 3600 })).toBe(10);
    expect(sendWindow({ connections: 5, perSecond: 14, perHour: 100 })).toBe(1);
  });
});
