// The API calls the organiser's app needed that the modules did not have: the organisation's look, its
// sender identities and a relay test (accounts), the post lengths and the page preview (storms).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addOrganiser, sessionApi, type CookieJar } from '../helpers/accounts.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';
import { describeEachDatabase } from '../helpers/test-app.ts';

let sink: SmtpSink;
beforeAll(async () => { sink = await startSmtpSink(); });
afterAll(async () => sink?.close());

describeEachDatabase('the app\'s supporting API', (ctx) => {
  let campaigner: CookieJar;
  beforeAll(async () => {
    ({ jar: campaigner } = await addOrganiser(ctx(), 'campaigner@example.org', 'campaigner'));
  });

  it('keeps the organisation\'s name and colours, refusing bad ones field by field, and only from an owner', async () => {
    const { api } = ctx();
    expect((await api('GET', '/api/v1/settings/organisation')).body).toEqual({ name: 'Outcry', logo_url: null, primary_color: '#0b5cad', accent_color: '#b3261e' });
    // the logo is uploaded (organisation-brand.test.ts), never an address elsewhere; a colour must be readable on white
    const bad = await api('PUT', '/api/v1/settings/organisation', { name: ' ', logo_url: 'http://example.org/a.png', primary_color: 'red', accent_color: '#FFAA00' });
    expect(bad.status).toBe(422);
    expect(bad.body.invalid_params.map((p: { name: string }) => p.name)).toEqual(['name', 'logo_url', 'primary_color', 'accent_color']);
    const good = await api('PUT', '/api/v1/settings/organisation', { name: 'Uyghur Voices', logo_url: null, primary_color: '#123456', accent_color: '#8A4B00' });
    expect(good.body).toEqual({ name: 'Uyghur Voices', logo_url: null, primary_color: '#123456', accent_color: '#8a4b00' });
    expect((await api('GET', '/api/v1/settings/organisation')).body.name).toBe('Uyghur Voices');
    expect((await sessionApi(ctx(), campaigner, 'PUT', '/api/v1/settings/organisation', good.body)).status).toBe(403);
    expect((await sessionApi(ctx(), campaigner, 'PUT', '/api/v1/settings/organisation/logo', {})).status).toBe(403);
    expect((await sessionApi(ctx(), campaigner, 'GET', '/api/v1/settings/organisation')).status).toBe(200);
  });

  it('keeps the sender identities, each a real mailbox, and never shows the relay\'s password', async () => {
    const { api } = ctx();
    const bad = await api('PUT', '/api/v1/settings/senders', { items: ['Team <team@example.org>', 'not a mailbox'] });
    expect(bad.status).toBe(422);
    expect(bad.body.invalid_params).toEqual([{ name: 'items.1', reason: expect.stringContaining('not a mailbox') }]);
    const good = await api('PUT', '/api/v1/settings/senders', { items: ['Team <team@example.org>', 'Team <team@example.org>', 'press@example.org'] });
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ items: ['Team <team@example.org>', 'press@example.org'], default_from: 'Outcry <outcry@localhost>' });
    expect(good.body.smtp).toBe(`smtp://127.0.0.1:${sink.port}`);
    expect(JSON.stringify(good.body)).not.toContain('secret');
  });

  it('tries a test mail through the relay and shows the relay\'s own answer, here a refusal of its login', async () => {
    // the sink takes mail but no AUTH; the browser walk-through sees a 250 from a relay without a login
    const res = await ctx().api('POST', '/api/v1/settings/smtp/test', { email: 'owner@example.org' });
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ type: '/problems/smtp-refused', detail: expect.stringContaining('535 Authentication not implemented') });
    const bad = await ctx().api('POST', '/api/v1/settings/smtp/test', { email: 'nobody' });
    expect(bad.status).toBe(422);
    expect(bad.body.invalid_params[0].name).toBe('email');
  });

  it('measures posts as the storm\'s check does: hashtags and link added, X weights, graphemes, Mastodon links as 23', async () => {
    const res = await ctx().api('POST', '/api/v1/storms/post-lengths', {
      messages: [{ text: '中文 👍🏽' }, { text: 'Hi {target} #Uyghur' }], hashtags: ['#Uyghur'], article_url: 'https://example.org/a/very/long/path/to/an/article',
      targets: [{ name: 'The Committee', handles: { x: '@committee' } }],
    });
    expect(res.status).toBe(200);
    const [first, second] = res.body.items;
    expect(first.text).toBe('中文 👍🏽 #Uyghur https://example.org/a/very/long/path/to/an/article');
    const lengths = Object.fromEntries(first.networks.map((n: { network: string; length: number }) => [n.network, n.length]));
    expect(lengths).toEqual({ x: 4 + 1 + 2 + 8 + 1 + 23, bluesky: 2 + 1 + 1 + 8 + 1 + 50, mastodon: 2 + 1 + 1 + 8 + 1 + 23 });
    // X addresses the handle, Bluesky (no handle given) the name
    expect(second.networks.find((n: { network: string }) => n.network === 'x').length).toBe('Hi @committee #Uyghur '.length + 23);
    expect(second.networks.find((n: { network: string }) => n.network === 'bluesky').length).toBe('Hi The Committee #Uyghur https://example.org/a/very/long/path/to/an/article'.length);
  });

  it('previews the storm page in each state, counting nothing, framable only by our own origin', async () => {
    const { api } = ctx();
    const now = Date.now();
    const storm = await api('POST', '/api/v1/storms', {
      title: 'Preview me', slug: `preview-${Math.random().toString(36).slice(2, 8)}`, hashtags: ['Uyghur'], messages: [{ text: 'Stand with them' }],
      starts_at: new Date(now + 86_400_000).toISOString(), ends_at: new Date(now + 90_000_000).toISOString(),
    });
    const path = `/api/v1/storms/${storm.body.id}/preview`;
    const during = await api('GET', `${path}?state=during`);
    expect(during.status).toBe(200);
    expect(during.headers['content-type']).toContain('text/html');
    expect(during.body).toContain('Stand with them #Uyghur');
    expect(during.body).not.toContain('<script');
    expect(String(during.headers['content-security-policy'])).toContain("frame-ancestors 'self'");
    expect((await api('GET', `${path}?state=after`)).body).toContain('is over');
    expect((await api('GET', `${path}?state=before`)).body).not.toContain('Stand with them');
    expect((await api('GET', `${path}?state=soon`)).status).toBe(400);
    expect((await api('GET', `/api/v1/storms/${storm.body.id}/stats`)).body.views).toBe(0);
  });
}, () => ({ env: { SMTP_URL: `smtp://user:secret@127.0.0.1:${sink.port}` }, worker: false }));
