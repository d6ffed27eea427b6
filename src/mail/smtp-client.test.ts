import { describe, expect, it } from 'vitest';
import { dotStuffed } from './smtp-client.ts';

const latin1 = (b: Buffer) => b.toString('latin1');

describe('the DATA payload', () => {
  it('ends with the lone dot line, whether or not the message ends with a line break', () => {
    expect(latin1(dotStuffed(Buffer.from('Subject: x\r\n\r\nbody\r\n')))).toBe('Subject: x\r\n\r\nbody\r\n.\r\n');
    expect(latin1(dotStuffed(Buffer.from('Subject: x\r\n\r\nbody')))).toBe('Subject: x\r\n\r\nbody\r\n.\r\n');
  });

  it('doubles a dot that starts a line, so the relay cannot read it as the end', () => {
    expect(latin1(dotStuffed(Buffer.from('.first\r\n.\r\nlast\r\n')))).toBe('..first\r\n..\r\nlast\r\n.\r\n');
  });
});
