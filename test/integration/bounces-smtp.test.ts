import nodemailer from 'nodemailer';
import { afterAll, expect, it } from 'vitest';
import { mailSupporter, reportAbout, subscriptionOf } from '../helpers/bounce-fixtures.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import { describeEachDatabase, freePort, type TestContext } from '../helpers/test-app.ts';

const sink = await startSmtpSink();
afterAll(() => sink.close());

// one listener port for each database's run
const ports = [await freePort()];
while (ports.length < 2) {
  const port = await freePort();
  if (!ports.includes(port)) ports.push(port);
}

const DOMAIN = 'bounce.example.org';

/** Delivers a raw mail to the worker's bounce listener the way a mail server returning a bounce would. */
async function deliver(ctx: TestContext, raw: string, to: string) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: ctx.runtime.deps.bounce.smtpPort!, secure: false, ignoreTLS: true });
  try {
    return await transport.sendMail({ envelope: { from: 'MAILER-DAEMON@mx1.example.net', to: [to] }, raw });
  } finally {
    transport.close();
  }
}

const verpOf = (token: string) => `bounces+${token}@${DOMAIN}`;

describeEachDatabase('bounces mailed to the bounce domain', (ctx, dialect) => {
  const address = (name: string) => `${name}-${dialect}@example.org`;

  it('makes a person bouncing when a DSN comes back to the VERP address, and counts the mail bounced', async () => {
    const m = await mailSupporter(ctx(), sink, address('dsn-hard'));
    const info = await deliver(ctx(), reportAbout('postfix-user-unknown.eml', m), verpOf(m.token));
    expect(info.response).toMatch(/^250/);
    expect(await subscriptionOf(ctx(), m.personId)).toEqual({
      status: 'bouncing', history: [{ status: 'bouncing', source: 'bounce', detail: `smtp message:${m.messageId}` }],
    });
    expect((await ctx().api('GET', `/api/v1/messages/${m.messageId}`)).body.statistics.bounced).toBe(1);
  });

  it('finds the recipient of a DSN by our Message-ID when it came back to the plain sender address', async () => {
    const m = await mailSupporter(ctx(), sink, address('dsn-message-id'));
    const raw = reportAbout('postfix-user-unknown.eml', m)
      .replaceAll(verpOf(m.token), `outcry@${DOMAIN}`)
      .replace(/^List-Unsubscribe:.*\r\n/m, '');
    expect(raw).not.toContain(m.token);
    await deliver(ctx(), raw, `outcry@${DOMAIN}`);
    expect((await subscriptionOf(ctx(), m.personId)).status).toBe('bouncing');
  });

  it('records a delay warning as a soft bounce and leaves the person subscribed', async () => {
    const m = await mailSupporter(ctx(), sink, address('dsn-delayed'));
    await deliver(ctx(), reportAbout('sendmail-delayed.eml', m), verpOf(m.token));
    expect((await subscriptionOf(ctx(), m.personId)).status).toBe('subscribed');
    const events = await ctx().runtime.deps.db.selectFrom('bounce_events').select(['kind', 'provider', 'message_id', 'detail']).where('person_id', '=', m.personId).execute();
    expect(events).toEqual([{ kind: 'soft', provider: 'smtp', message_id: m.messageId, detail: '4.4.1' }]);
  });

  it('makes a spam complaint of an abuse report whose recipient address the provider redacted', async () => {
    const m = await mailSupporter(ctx(), sink, address('arf'));
    await deliver(ctx(), reportAbout('arf-abuse-redacted.eml', m), `fbl@${DOMAIN}`);
    expect(await subscriptionOf(ctx(), m.personId)).toEqual({
      status: 'spam complaint', history: [{ status: 'spam complaint', source: 'complaint', detail: `smtp message:${m.messageId}` }],
    });
  });

  it('changes nothing for a DSN that names the address alone, which anyone could send', async () => {
    const m = await mailSupporter(ctx(), sink, address('dsn-forged'));
    const forged = reportAbout('postfix-user-unknown.eml', m)
      .replaceAll(verpOf(m.token), `postmaster@${DOMAIN}`)
      .replace(/^List-Unsubscribe:.*\r\n/m, '')
      .replace(m.rfcMessageId, '<made-up@outcry.example.org>');
    const info = await deliver(ctx(), forged, `postmaster@${DOMAIN}`);
    expect(info.response).toMatch(/^250/);
    expect(await subscriptionOf(ctx(), m.personId)).toEqual({ status: 'subscribed', history: [] });
  });

  it('refuses mail for any other domain', async () => {
    await expect(deliver(ctx(), 'Subject: hi\r\n\r\nhello\r\n', 'someone@example.org')).rejects.toMatchObject({ responseCode: 550 });
  });
}, () => ({ env: { SMTP_URL: sink.url, BOUNCE_DOMAIN: DOMAIN, BOUNCE_SMTP_PORT: String(ports.shift()) } }));
