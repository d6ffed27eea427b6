// The relay's connections in their own thread (src/mail/smtp-thread.ts), against a real SMTP server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMime } from '../../src/mail/mime.ts';
import { createThreadedSmtpPool } from '../../src/mail/smtp-thread.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

let sink: SmtpSink;
beforeAll(async () => { sink = await startSmtpSink(); });
afterAll(async () => { await sink.close(); });

const mail = (to: string) => buildMime({
  from: 'Outcry <outcry@example.org>', to, subject: `Hello ${to}`, text: 'plain', html: '<p>html</p>',
  messageId: `${to}-id@example.org`, date: new Date('2026-02-20T12:00:00Z'),
});

describe('the mail thread', () => {
  it('settles every message handed in just before it is closed: delivered, or refused as closed, none left waiting', async () => {
    const pool = createThreadedSmtpPool({ url: `${sink.url}?ignoreTLS=true`, connections: 2 });
    const addresses = Array.from({ length: 12 }, (_, i) => `closing${i}@example.org`);
    const replies = addresses.map((to) => pool.send({ from: 'outcry@example.org', to }, mail(to)));
    pool.close();
    const settled = await Promise.allSettled(replies);
    const delivered = addresses.filter((_, i) => settled[i]!.status === 'fulfilled');
    expect(delivered.length).toBeGreaterThan(0);
    for (const s of settled) {
      if (s.status === 'fulfilled') expect(s.value).toMatch(/^250/);
      else expect(String(s.reason)).toMatch(/closed/);
    }
    await sink.waitFor(delivered.length);
    expect(sink.mails.map((m) => m.envelopeTo[0]).filter((to) => to?.startsWith('closing')).sort()).toEqual(delivered.sort());
    await expect(pool.send({ from: 'outcry@example.org', to: 'late@example.org' }, mail('late@example.org'))).rejects.toThrow(/closed/);
  });

  it('hands back a refusal with its code and step, and goes on with the next message', async () => {
    sink.refuse.add('gone@example.org');
    const pool = createThreadedSmtpPool({ url: `${sink.url}?ignoreTLS=true`, connections: 1 });
    try {
      await expect(pool.send({ from: 'outcry@example.org', to: 'gone@example.org' }, mail('gone@example.org')))
        .rejects.toMatchObject({ responseCode: 550, command: 'RCPT TO' });
      expect(await pool.send({ from: 'outcry@example.org', to: 'here@example.org' }, mail('here@example.org'))).toMatch(/^250/);
      const to = sink.mails.map((m) => m.envelopeTo[0]);
      expect(to).toContain('here@example.org');
      expect(to).not.toContain('gone@example.org');
    } finally {
      pool.close();
      sink.refuse.clear();
    }
  });
});
