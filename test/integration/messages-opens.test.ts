import { afterAll, beforeEach, expect, it } from 'vitest';
import { startSmtpSink, type SinkMail } from '../helpers/smtp-sink.ts';
import { addSupporters, sendAndWait } from '../helpers/fixtures.ts';
import { describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const sink = await startSmtpSink();
afterAll(() => sink.close());

const PIXEL = /<img src="([^"]*\/o\/[^"]*)"[^>]*>/;

/** The pixel's URL in a mail, or undefined. */
const pixelOf = (mail: SinkMail) => PIXEL.exec(mail.parsed.html as string)?.[1]?.replace(/&amp;/g, '&');
const mailTo = (address: string) => sink.mails.find((m) => m.envelopeTo.includes(address))!;
const statisticsOf = async (ctx: TestContext, id: number) => (await ctx.api('GET', `/api/v1/messages/${id}`)).body.statistics;

describeEachDatabase('tracking opens', (ctx, dialect) => {
  beforeEach(() => { sink.mails.length = 0; });

  it('adds no pixel and shows no opens when a message does not ask for it', async () => {
    const tag = `no-pixel-${dialect}`;
    await addSupporters(ctx().runtime.deps.db, [{ email: `${tag}@example.org`, tags: [tag] }]);
    const id = await sendAndWait(ctx(), { subject: 'Hello', body: 'Hi [there](https://example.org/a)', targets: { tags: [tag] } });
    const html = mailTo(`${tag}@example.org`).parsed.html as string;
    expect(html).not.toContain('/o/');
    expect(html).not.toMatch(/<img/);
    const message = (await ctx().api('GET', `/api/v1/messages/${id}`)).body;
    expect(message.track_opens).toBe(false);
    expect(message.statistics.opened).toBeNull();
    expect(message.statistics).not.toHaveProperty('opens_are_estimates');
  });

  it('records one open per recipient from a signed first-party pixel, and says opens are estimates', async () => {
    const tag = `pixel-${dialect}`;
    await addSupporters(ctx().runtime.deps.db, [
      { email: `${tag}-a@example.org`, tags: [tag] },
      { email: `${tag}-b@example.org`, tags: [tag] },
      { email: `${tag}-c@example.org`, tags: [tag] },
    ]);
    const id = await sendAndWait(ctx(), { subject: 'Hello', body: 'Hi', targets: { tags: [tag] }, track_opens: true });
    expect((await ctx().api('GET', `/api/v1/messages/${id}`)).body.track_opens).toBe(true);
    const a = pixelOf(mailTo(`${tag}-a@example.org`))!;
    const b = pixelOf(mailTo(`${tag}-b@example.org`))!;
    expect(a).toMatch(new RegExp(`^${ctx().baseUrl}/o/[A-Za-z0-9_-]{22}\\.gif\\?s=[A-Za-z0-9_-]+$`));
    expect(mailTo(`${tag}-a@example.org`).parsed.text).not.toContain('/o/');

    const res = await fetch(a);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/gif');
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin'); // webmail shows it in its own page
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0);
    await fetch(a); // opened again
    await fetch(b);
    expect(await statisticsOf(ctx(), id)).toMatchObject({ opened: 2, opens_are_estimates: true, clicked: 0 });
    const events = await ctx().runtime.deps.db.selectFrom('events').select('person_id')
      .where('message_id', '=', id).where('kind', '=', 'open').execute();
    expect(events).toHaveLength(2);
  });

  it('records nothing for a tampered pixel, a token nobody has, or a HEAD request, but still answers with the image', async () => {
    const tag = `tampered-${dialect}`;
    await addSupporters(ctx().runtime.deps.db, [{ email: `${tag}@example.org`, tags: [tag] }]);
    const id = await sendAndWait(ctx(), { subject: 'Hello', body: 'Hi', targets: { tags: [tag] }, track_opens: true });
    const pixel = new URL(pixelOf(mailTo(`${tag}@example.org`))!);
    const badSignature = new URL(pixel);
    badSignature.searchParams.set('s', 'AAAAAAAAAAAAAAAAAAAAAA');
    const noSignature = new URL(pixel);
    noSignature.search = '';
    const otherToken = new URL(pixel);
    otherToken.pathname = `/o/${'B'.repeat(22)}.gif`;
    for (const url of [badSignature, noSignature, otherToken]) {
      const res = await fetch(url);
      expect(res.status, url.toString()).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/gif');
    }
    expect((await fetch(pixel, { method: 'HEAD' })).status).toBe(200);
    expect((await statisticsOf(ctx(), id)).opened).toBe(0);
  });
}, () => ({ env: { SMTP_URL: sink.url } }));
