import { afterAll, beforeEach, expect, it } from 'vitest';
import { sign } from '../../src/lib/tokens.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import { addSupporter, until } from '../helpers/fixtures.ts';
import { describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const sink = await startSmtpSink();
afterAll(() => sink.close());

/** Sends a message with a storm link and an article link to one new person; returns their tracked links. */
async function sendWithLinks(ctx: TestContext, tag: string) {
  await addSupporter(ctx.runtime.deps.db, `${tag}@example.org`, tag);
  const { body } = await ctx.api('POST', '/api/v1/messages', {
    subject: 'Storm on Sunday', targets: { tags: [tag] },
    body: `[Send your post](${ctx.baseUrl}/s/closing-ceremony)\n\n[Read and share this article](https://example.org/article?a=1)`,
  });
  await ctx.api('POST', `/api/v1/messages/${body.id}/send`);
  await until(async () => (await ctx.api('GET', `/api/v1/messages/${body.id}`)).body.status === 'sent');
  const html = sink.mails.find((m) => m.envelopeTo.includes(`${tag}@example.org`))!.parsed.html as string;
  const links = [...html.matchAll(/href="([^"]*\/l\/[^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  const storm = links.find((l) => new URL(l).searchParams.get('u')!.includes('/s/'))!;
  const article = links.find((l) => new URL(l).searchParams.get('u')!.startsWith('https://example.org/'))!;
  return { messageId: body.id as number, storm, article };
}

const follow = (url: string, method = 'GET') => fetch(url, { method, redirect: 'manual' });

describeEachDatabase('tracked links', (ctx, dialect) => {
  beforeEach(() => { sink.mails.length = 0; });

  it('redirects a tracked link to its destination and counts the click once per person', async () => {
    const { messageId, article } = await sendWithLinks(ctx(), `click-${dialect}`);
    const res = await follow(article);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://example.org/article?a=1');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    await follow(article);
    const stats = (await ctx().api('GET', `/api/v1/messages/${messageId}`)).body.statistics;
    expect(stats.clicked).toBe(1);
    expect(stats.links).toEqual([{ url: 'https://example.org/article?a=1', clicked: 1 }]);
  });

  it('sends a storm link on with the recipient token and counts it under the storm page address', async () => {
    const { messageId, storm } = await sendWithLinks(ctx(), `storm-${dialect}`);
    const token = new URL(storm).pathname.split('/')[2];
    const res = await follow(storm);
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.pathname).toBe('/s/closing-ceremony');
    expect(location.searchParams.get('r')).toBe(token);
    const stats = (await ctx().api('GET', `/api/v1/messages/${messageId}`)).body.statistics;
    expect(stats.links).toEqual([{ url: `${ctx().baseUrl}/s/closing-ceremony`, clicked: 1 }]);
  });

  it('refuses a tampered tracked link with a page, never a redirect', async () => {
    const { messageId, article } = await sendWithLinks(ctx(), `tamper-${dialect}`);
    const changedUrl = new URL(article);
    changedUrl.searchParams.set('u', 'https://evil.example/phish');
    const changedSignature = new URL(article);
    changedSignature.searchParams.set('s', 'AAAAAAAAAAAAAAAAAAAAAA');
    const badShape = new URL(article);
    badShape.pathname = '/l/not-a-token';
    const noSignature = new URL(article);
    noSignature.searchParams.delete('s');
    for (const url of [changedUrl, changedSignature, badShape, noSignature]) {
      const res = await fetch(url, { redirect: 'manual', headers: { accept: 'text/html' } });
      expect(res.status, url.toString()).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('This link is not valid');
    }
    expect((await ctx().api('GET', `/api/v1/messages/${messageId}`)).body.statistics.clicked).toBe(0);
  });

  it('counts a link whose token was changed to a recipient of another message for nobody', async () => {
    const first = await sendWithLinks(ctx(), `first-${dialect}`);
    const second = await sendWithLinks(ctx(), `second-${dialect}`);
    const swapped = new URL(first.article);
    swapped.pathname = new URL(second.article).pathname;
    const res = await follow(swapped.toString());
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://example.org/article?a=1');
    for (const messageId of [first.messageId, second.messageId]) {
      expect((await ctx().api('GET', `/api/v1/messages/${messageId}`)).body.statistics.clicked).toBe(0);
    }
    // and the link for another message's number no longer holds
    const otherMessage = new URL(first.article);
    otherMessage.searchParams.set('m', String(second.messageId));
    expect((await fetch(otherMessage, { redirect: 'manual', headers: { accept: 'text/html' } })).status).toBe(400);
  });

  it('sends a link whose token was changed only to its own destination, and counts it for nobody', async () => {
    const { messageId, storm } = await sendWithLinks(ctx(), `other-token-${dialect}`);
    const otherToken = new URL(storm);
    otherToken.pathname = `/l/${'B'.repeat(22)}`;
    const res = await follow(otherToken.toString());
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(`${ctx().baseUrl}/s/closing-ceremony`);
    expect(location.searchParams.get('r')).toBe('B'.repeat(22));
    expect((await ctx().api('GET', `/api/v1/messages/${messageId}`)).body.statistics.clicked).toBe(0);
  });

  it('follows a link made as mails were before links were signed once per send (token and attribution signed)', async () => {
    const { messageId, article } = await sendWithLinks(ctx(), `old-link-${dialect}`);
    const token = new URL(article).pathname.split('/')[2]!;
    const destination = 'https://example.org/article?a=1';
    const old = new URL(article);
    old.searchParams.delete('m');
    old.searchParams.set('s', sign(ctx().runtime.deps.secret, 'link', token, destination));
    const res = await follow(old.toString());
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(destination);
    expect((await ctx().api('GET', `/api/v1/messages/${messageId}`)).body.statistics.clicked).toBe(1);
  });

  it('does not count a HEAD request (a link scanner) as a click', async () => {
    const { messageId, article } = await sendWithLinks(ctx(), `head-${dialect}`);
    expect((await follow(article, 'HEAD')).status).toBe(302);
    expect((await ctx().api('GET', `/api/v1/messages/${messageId}`)).body.statistics.clicked).toBe(0);
  });
}, () => ({ env: { SMTP_URL: sink.url } }));
