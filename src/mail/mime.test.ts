import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { buildMime } from './mime.ts';

const base = {
  from: 'Outcry <outcry@example.org>', to: 'john@example.org', subject: 'Hello',
  text: 'plain', html: '<p>html</p>', messageId: 'id-1@example.org', date: new Date('2026-02-20T12:00:00Z'),
};

describe('building a message', () => {
  it('carries a long subject and a sender name in Uyghur script through encoded words a parser reads back', async () => {
    const subject = 'ئۇيغۇرلار ئۈچۈن ئاۋاز چىقىرايلى — يەكشەنبە كۈنى بىز بىلەن بىللە بولۇڭ، دۇنيا قاراۋاتىدۇ';
    const raw = buildMime({ ...base, subject, from: 'رەھىمە ماھمۇت <rahima@example.org>', text: 'Hi گۈلنار', html: '<p>Hi 晓明</p>' });
    for (const line of raw.toString('latin1').split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe(subject);
    expect(parsed.from?.value[0]).toEqual({ name: 'رەھىمە ماھمۇت', address: 'rahima@example.org' });
    expect(parsed.text?.trim()).toBe('Hi گۈلنار');
    expect(parsed.html).toContain('Hi 晓明');
    expect(parsed.messageId).toBe('<id-1@example.org>');
  });

  it('quotes a sender name with punctuation and keeps extra headers as given', async () => {
    const parsed = await simpleParser(buildMime({ ...base, from: 'Stop, now <a@example.org>', headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } }));
    expect(parsed.from?.value[0]?.name).toBe('Stop, now');
    expect(parsed.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  });

  it('refuses a header value that would inject another header', () => {
    expect(() => buildMime({ ...base, headers: { 'List-Unsubscribe': '<x>\r\nBcc: someone@example.org' } })).toThrow(/one line/);
  });
});
