import { afterAll, beforeEach, expect, it } from 'vitest';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import { until } from '../helpers/fixtures.ts';
import { describeEachDatabase } from '../helpers/test-app.ts';

const sink = await startSmtpSink();
afterAll(() => sink.close());

const draft = { subject: 'Will you take part, {{ first_name | default: "friend" }}?', body: 'Hi {{ first_name | default: "friend" }},\n\n[Send your post](https://example.org/s/x)' };

describeEachDatabase('the messages API', (ctx) => {
  beforeEach(() => { sink.mails.length = 0; });

  it('creates a draft and shows it with empty statistics', async () => {
    const created = await ctx().api('POST', '/api/v1/messages', { ...draft, from: 'Rahima Mahmut <rahima@example.org>', targets: { tags: ['volunteers'] }, language: 'ug' });
    expect(created.status).toBe(201);
    const got = await ctx().api('GET', `/api/v1/messages/${created.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      id: created.body.id, subject: draft.subject, body: draft.body, from: 'Rahima Mahmut <rahima@example.org>',
      targets: { tags: ['volunteers'] }, language: 'ug', status: 'draft', scheduled_at: null,
      statistics: { total: 0, sent: 0, failed: 0, clicked: 0, unsubscribed: 0, bounced: 0, links: [] },
    });
    expect(got.body.created_date).toEqual(got.body.modified_date);
    const list = await ctx().api('GET', '/api/v1/messages');
    expect(list.body.items.map((m: { id: number }) => m.id)).toContain(created.body.id);
  });

  it('sends from the configured address when no sender is given', async () => {
    const { body } = await ctx().api('POST', '/api/v1/messages', draft);
    expect((await ctx().api('GET', `/api/v1/messages/${body.id}`)).body.from).toBe('Outcry <outcry@localhost>');
  });

  it('refuses a body whose Liquid does not parse, naming the field and the line', async () => {
    const res = await ctx().api('POST', '/api/v1/messages', { subject: 'Hi', body: 'Hello,\n\nthis is {{ first_name | nope }} fine' });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.invalid_params).toEqual([{ name: 'body', reason: expect.stringMatching(/^line 3, column \d+: undefined filter: nope/) }]);
    const unclosed = await ctx().api('POST', '/api/v1/messages', { subject: 'Hi', body: 'one\n{% if x %} never closed' });
    expect(unclosed.body.invalid_params[0].reason).toMatch(/^line 2/);
  });

  it('refuses a bad sender, an empty body, a long subject and an unknown language', async () => {
    const bad = await ctx().api('POST', '/api/v1/messages', { subject: 'Hi', body: ' ', from: 'Someone <not-an-address>', language: '!!' });
    expect(bad.status).toBe(422);
    expect(bad.body.invalid_params.map((p: { name: string }) => p.name).sort()).toEqual(['body', 'from', 'language']);
    const injected = await ctx().api('POST', '/api/v1/messages', { ...draft, from: 'a@example.org\r\nBcc: all@example.org' });
    expect(injected.status).toBe(422);
    const long = await ctx().api('POST', '/api/v1/messages', { ...draft, subject: 'x'.repeat(301) });
    expect(long.status).toBe(400);
    expect(long.body.invalid_params[0].name).toBe('subject');
  });

  it('describes the messages API in the OpenAPI document', async () => {
    const doc = await (await fetch(`${ctx().baseUrl}/api/openapi.json`)).json();
    for (const path of ['/api/v1/messages', '/api/v1/messages/{id}', '/api/v1/messages/{id}/send', '/api/v1/messages/{id}/test', '/api/v1/messages/{id}/preview']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/l/') || p.startsWith('/u/'))).toBe(false);
  });

  it('sends a test copy with the person\'s own values and returns the relay\'s answer', async () => {
    const now = new Date().toISOString();
    await ctx().runtime.deps.db.insertInto('people').values({
      email: `tester-${ctx().dialect}@example.org`, given_name: 'Rahima', family_name: null, language: null, country: null,
      postal_code: null, custom_fields: '{}', status: 'subscribed', status_changed_at: now, created_at: now, updated_at: now,
    }).execute();
    const { body } = await ctx().api('POST', '/api/v1/messages', draft);
    const res = await ctx().api('POST', `/api/v1/messages/${body.id}/test`, { email: `tester-${ctx().dialect}@example.org` });
    expect(res.status).toBe(200);
    expect(res.body.response).toMatch(/^250 /);
    const [mail] = await sink.waitFor(1);
    expect(mail!.parsed.subject).toBe('[Test] Will you take part, Rahima?');
    expect(mail!.parsed.text).toContain('Hi Rahima,');
    expect(mail!.parsed.html).toContain('/l/');
    // a test copy is nobody's send
    expect((await ctx().api('GET', `/api/v1/messages/${body.id}`)).body).toMatchObject({ status: 'draft', statistics: { total: 0 } });
  });

  it('shows each merge tag by name in a test copy to an address nobody on the list has', async () => {
    const { body } = await ctx().api('POST', '/api/v1/messages', { subject: 'Hello {{ first_name }}', body: 'Dear {{ given_name }} ({{ email }})' });
    const res = await ctx().api('POST', `/api/v1/messages/${body.id}/test`, { email: 'stranger@example.org' });
    expect(res.status).toBe(200);
    const [mail] = await sink.waitFor(1);
    expect(mail!.parsed.subject).toBe('[Test] Hello [first_name]');
    expect(mail!.parsed.text).toContain('Dear [given_name] (stranger@example.org)');
  });

  it('previews the subject and both parts', async () => {
    const { body } = await ctx().api('POST', '/api/v1/messages', draft);
    const res = await ctx().api('GET', `/api/v1/messages/${body.id}/preview?email=nobody@example.org`);
    expect(res.status).toBe(200);
    expect(res.body.subject).toBe('Will you take part, [first_name]?');
    expect(res.body.html).toMatch(/^<!doctype html>/i);
    expect(res.body.text).toContain('Hi [first_name],');
    expect(res.body.text).toContain('Unsubscribe: ');
  });

  it('answers 409 when asked to send a message that was sent or cancelled, and 404 for none', async () => {
    const { body } = await ctx().api('POST', '/api/v1/messages', { ...draft, targets: { tags: ['nobody-has-this'] } });
    expect((await ctx().api('POST', `/api/v1/messages/${body.id}/send`)).status).toBe(202);
    await until(async () => (await ctx().api('GET', `/api/v1/messages/${body.id}`)).body.status === 'sent');
    const again = await ctx().api('POST', `/api/v1/messages/${body.id}/send`);
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('/problems/conflict');

    const other = (await ctx().api('POST', '/api/v1/messages', draft)).body.id;
    expect((await ctx().api('POST', `/api/v1/messages/${other}/cancel`)).body.status).toBe('cancelled');
    expect((await ctx().api('POST', `/api/v1/messages/${other}/send`, {})).status).toBe(409);
    expect((await ctx().api('POST', `/api/v1/messages/${other}/resume`)).status).toBe(409);
    expect((await ctx().api('POST', '/api/v1/messages/999999/send')).status).toBe(404);
  });
}, () => ({ env: { SMTP_URL: sink.url } }));
