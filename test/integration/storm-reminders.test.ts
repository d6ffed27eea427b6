// "Remind me" before a storm, its calendar entry, and the reminder wave at the start, through the real
// HTTP server, database, worker and an SMTP sink. Each test has its own storms on its own day, and the
// clock only moves forward, so one test's wave never mails another's requesters.
import ICAL from 'ical.js';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { manualClock } from '../../src/lib/clock.ts';
import { sendDueReminderWaves, sendReminderWave } from '../../src/modules/storms/reminder-wave.service.ts';
import { addEmailRecipient, addSupporters, listUnsubscribeUrl, quietSink, sendAndWait } from '../helpers/fixtures.ts';
import { startSmtpSink, type SinkMail } from '../helpers/smtp-sink.ts';
import { describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const sink = await startSmtpSink();
afterAll(() => sink.close());

type Clock = ReturnType<typeof manualClock>;
const clockOf = (ctx: TestContext) => ctx.runtime.deps.clock as Clock;

let n = 0;
async function newStorm(ctx: TestContext, day: string, overrides: Record<string, unknown> = {}) {
  const slug = `remind-${ctx.dialect}-${++n}`;
  const res = await ctx.api('POST', '/api/v1/storms', {
    title: 'The genocide is not over', slug, starts_at: `2030-02-${day}T12:00:00Z`, ends_at: `2030-02-${day}T14:00:00Z`,
    hashtags: ['StandWithUyghurs'], messages: [{ text: 'Stand with the Uyghurs.' }], timezone: 'Asia/Urumqi', ...overrides,
  });
  expect(res.status).toBe(201);
  return { id: res.body.id as number, slug: res.body.slug as string };
}

function cookieHeader(cookies: Record<string, string>): string {
  return Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; ');
}

async function page(ctx: TestContext, path: string, cookies: Record<string, string> = {}) {
  const res = await fetch(`${ctx.baseUrl}${path}`, { headers: { accept: 'text/html', cookie: cookieHeader(cookies) }, redirect: 'manual' });
  const setCookies = res.headers.getSetCookie();
  const visitor = setCookies.find((c) => c.startsWith('oc_v='))?.slice(5).split(';')[0];
  return { status: res.status, headers: res.headers, html: await res.text(), visitor: visitor ?? cookies.oc_v };
}

const emailField = (html: string) => /<input type="email" id="remind-email" name="email" value="([^"]*)"/.exec(html)?.[1];
const formToken = (html: string) => /<input type="hidden" name="form" value="([^"]*)">/.exec(html)?.[1];

interface Asking { ip?: string; lang?: string; site?: string; accept?: string; token?: string | null; cookies?: Record<string, string>; r?: string }

/** A visitor opens the page (getting their cookie and the form) and submits "Remind me", as a browser would. */
async function askReminder(ctx: TestContext, slug: string, email: string, asking: Asking = {}) {
  const query = new URLSearchParams({ ...(asking.lang ? { lang: asking.lang } : {}), ...(asking.r ? { r: asking.r } : {}) });
  const opened = await page(ctx, `/s/${slug}${query.size ? `?${query}` : ''}`, asking.cookies);
  const token = asking.token === undefined ? formToken(opened.html) : asking.token;
  const fields = new URLSearchParams({ email, ...(token === null ? {} : { form: token ?? '' }), ...(asking.r ? { r: asking.r } : {}) });
  const res = await fetch(`${ctx.baseUrl}/s/${slug}/remind?lang=${asking.lang ?? 'en'}`, {
    method: 'POST', redirect: 'manual', body: fields,
    headers: {
      accept: asking.accept ?? 'text/html', 'content-type': 'application/x-www-form-urlencoded',
      cookie: cookieHeader({ ...asking.cookies, oc_v: opened.visitor! }),
      'sec-fetch-site': asking.site ?? 'same-origin',
      'x-forwarded-for': asking.ip ?? '198.51.100.1',
    },
  });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, location: res.headers.get('location') ?? '', body: type.includes('json') ? await res.json() : await res.text() };
}

async function requestsOf(ctx: TestContext, stormId: number) {
  return ctx.runtime.deps.db.selectFrom('storm_reminders').selectAll().where('storm_id', '=', stormId).orderBy('id').execute();
}

async function personByEmail(ctx: TestContext, email: string) {
  return ctx.runtime.deps.db.selectFrom('people').selectAll().where('email', '=', email).executeTakeFirst();
}

const mailsTo = (address: string) => sink.mails.filter((m) => m.envelopeTo.includes(address));
/** The personal link to the storm page in a reminder's text part: our tracked /l/ redirect. */
const trackedLink = (mail: SinkMail) => /(http:\/\/127\.0\.0\.1:\d+\/l\/[A-Za-z0-9_-]+\?m=[^\s\]]+)/.exec(mail.parsed.text ?? '')![1]!;

describeEachDatabase('reminders of a storm', (ctx, dialect) => {
  beforeEach(() => { sink.mails.length = 0; });

  it('offers "Remind me" and a calendar entry before the start; from an email link it needs no address and prints none', async () => {
    clockOf(ctx()).set('2030-02-01T08:00:00Z');
    const { slug } = await newStorm(ctx(), '01');
    const plain = await page(ctx(), `/s/${slug}`);
    expect(plain.html).toContain(`<form method="post" action="/s/${slug}/remind?lang=en">`);
    expect(plain.html).toMatch(/<label for="remind-email">Your email address<\/label>/);
    expect(emailField(plain.html)).toBe('');
    expect(plain.html).toContain(`href="/s/${slug}/storm.ics?lang=en"`);

    const { token, personId } = await addEmailRecipient(ctx().runtime.deps.db);
    const { email } = await ctx().runtime.deps.db.selectFrom('people').select('email').where('id', '=', personId).executeTakeFirstOrThrow();
    // a forwarded link must not show the supporter's address to whoever opens it
    const fromEmail = await page(ctx(), `/s/${slug}?r=${token}`);
    expect(emailField(fromEmail.html)).toBe('');
    expect(fromEmail.html).not.toContain(email);
    expect(fromEmail.html).toContain(`<input type="hidden" name="r" value="${token}">`);
    expect(fromEmail.html).toContain('Leave it empty and we will use the address our email reached you at.');
    // a token-shaped guess names nobody: the address is required
    const guess = await page(ctx(), `/s/${slug}?r=${'A'.repeat(22)}`);
    expect(guess.html).not.toContain('name="r"');
    expect(guess.html).toMatch(/name="email" value="" required/);

    const turkish = await page(ctx(), `/s/${slug}?lang=tr`);
    expect(turkish.html).toContain('<h2 id="remind-title">Bana hatırlat</h2>');

    clockOf(ctx()).set('2030-02-01T12:30:00Z');
    expect((await page(ctx(), `/s/${slug}`)).html).not.toContain('remind-email');
  });

  it('stores one request per address and storm, confirms alike whoever asks, and puts nobody on the list', async () => {
    clockOf(ctx()).set('2030-02-01T08:10:00Z');
    const { id, slug } = await newStorm(ctx(), '01');
    const address = `sam-${dialect}@example.org`;
    for (const written of [address, ` SAM-${dialect.toUpperCase()}@Example.ORG `, address]) {
      const res = await askReminder(ctx(), slug, written);
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/s/${slug}/reminded?lang=en`);
    }
    expect(await requestsOf(ctx(), id)).toHaveLength(1);
    const asker = await personByEmail(ctx(), address);
    expect(asker).toMatchObject({ status: 'reminder only', language: 'en' });
    const history = await ctx().runtime.deps.db.selectFrom('subscription_changes').selectAll().where('person_id', '=', asker!.id).execute();
    expect(history).toMatchObject([{ status: 'reminder only', previous_status: null, source: 'reminder-request', detail: `storm:${id}` }]);

    // an address that unsubscribed gets the same answer, and stays unsubscribed
    const gone = `gone-${dialect}@example.org`;
    await addSupporters(ctx().runtime.deps.db, [{ email: gone, status: 'unsubscribed' }]);
    const theirs = await askReminder(ctx(), slug, gone, { ip: '198.51.100.2' });
    expect(theirs).toMatchObject({ status: 303, location: `/s/${slug}/reminded?lang=en` });
    expect((await personByEmail(ctx(), gone))!.status).toBe('unsubscribed');

    const confirmation = await page(ctx(), `/s/${slug}/reminded?lang=en`);
    expect(confirmation.status).toBe(200);
    expect(confirmation.html).toContain('<h1>We will remind you</h1>');
    expect(confirmation.html).toContain('When “<bdi>The genocide is not over</bdi>” starts, a reminder goes to the address you gave');
    expect((await page(ctx(), `/s/${slug}/reminded?lang=ug`)).html).toMatch(/<html lang="ug" dir="rtl">[\s\S]*سىزگە ئەسكەرتىمىز/);

    const storm = await ctx().api('GET', `/api/v1/storms/${id}`);
    expect(storm.body).toMatchObject({ reminders_requested: 2, reminder_audience: 'requested' });
    expect((await ctx().api('GET', '/api/v1/storms')).body.items.find((s: { id: number }) => s.id === id).reminders_requested).toBe(2);
    const wrong = await ctx().api('PATCH', `/api/v1/storms/${id}`, { reminder_audience: 'everyone' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.invalid_params.map((p: { name: string }) => p.name)).toContain('reminder_audience');
    const chosen = await ctx().api('PATCH', `/api/v1/storms/${id}`, { reminder_audience: 'requested_and_invited' });
    expect(chosen.body).toMatchObject({ reminder_audience: 'requested_and_invited', reminders_requested: 2 });

    // a message to everyone subscribed does not reach someone who only asked for a reminder
    const member = `member-${dialect}@example.org`;
    await addSupporters(ctx().runtime.deps.db, [{ email: member }]);
    await sendAndWait(ctx(), { subject: 'News', body: 'Hello' });
    const reached = sink.mails.flatMap((m) => m.envelopeTo);
    expect(reached).toContain(member);
    expect(reached).not.toContain(address);
    expect(reached).not.toContain(gone);

    // the organiser's import of the address is what puts it on the list; an unsubscribe stays one
    const imported = await ctx().api('POST', '/api/v1/people/import', `email\n${address}\n${gone}\n`, { 'content-type': 'text/csv' });
    expect(imported.status).toBe(200);
    expect((await personByEmail(ctx(), address))!.status).toBe('subscribed');
    expect((await personByEmail(ctx(), gone))!.status).toBe('unsubscribed');
  });

  it('reminds the address the email link names when the field is left empty', async () => {
    clockOf(ctx()).set('2030-02-01T08:20:00Z');
    const { id, slug } = await newStorm(ctx(), '01');
    const { token, personId } = await addEmailRecipient(ctx().runtime.deps.db);
    const res = await askReminder(ctx(), slug, '', { r: token, ip: '198.51.100.20' });
    expect(res).toMatchObject({ status: 303, location: `/s/${slug}/reminded?lang=en` });
    expect((await requestsOf(ctx(), id)).map((r) => r.person_id)).toContain(personId);
    // without a token that names someone, an empty address is a mistake
    expect((await askReminder(ctx(), slug, '', { r: 'A'.repeat(22), ip: '198.51.100.20' })).status).toBe(400);
  });

  it('refuses a form from another site or without this visitor\'s token, and names a bad address', async () => {
    clockOf(ctx()).set('2030-02-01T08:20:00Z');
    const { id, slug } = await newStorm(ctx(), '01');
    const json = 'application/json';
    const noToken = await askReminder(ctx(), slug, `a-${dialect}@example.org`, { token: null, accept: json });
    expect(noToken.status).toBe(403);
    expect(noToken.body).toMatchObject({ type: '/problems/form-expired' });
    const crossSite = await askReminder(ctx(), slug, `b-${dialect}@example.org`, { site: 'cross-site', accept: json });
    expect(crossSite.status).toBe(403);
    // a token made for another visitor's cookie is no good with this one
    const another = formToken((await page(ctx(), `/s/${slug}`)).html)!;
    const stolen = await askReminder(ctx(), slug, `c-${dialect}@example.org`, { token: another, accept: json });
    expect(stolen.status).toBe(403);

    const bad = await askReminder(ctx(), slug, 'not-an-address', { accept: json });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ type: '/problems/email-invalid', invalid_params: [{ name: 'email', reason: 'needs exactly one @' }] });
    const badPage = await askReminder(ctx(), slug, 'Name <x@example.org>', { lang: 'tr' });
    expect(badPage.status).toBe(400);
    expect(badPage.body).toContain('<h1>Bu bir e-posta adresi değil</h1>');
    expect(await requestsOf(ctx(), id)).toHaveLength(0);
  });

  it('lets one IP address ask ten times an hour, not more, and forgets the address after the hour', async () => {
    const clock = clockOf(ctx());
    clock.set('2030-02-01T08:30:00Z');
    const { id, slug } = await newStorm(ctx(), '01');
    const ip = '203.0.113.7';
    for (let i = 0; i < 10; i++) expect((await askReminder(ctx(), slug, `limit-${dialect}-${i}@example.org`, { ip })).status).toBe(303);
    const refused = await askReminder(ctx(), slug, `limit-${dialect}-10@example.org`, { ip });
    expect(refused.status).toBe(429);
    expect(refused.body).toContain('<h1>Too many reminder requests</h1>');
    expect((await askReminder(ctx(), slug, `limit-${dialect}-10@example.org`, { ip: '203.0.113.8' })).status).toBe(303);
    expect(await requestsOf(ctx(), id)).toHaveLength(11);
    // asking again for an address already asked for is free, even from an address at its limit
    expect((await askReminder(ctx(), slug, `limit-${dialect}-3@example.org`, { ip })).status).toBe(303);

    clock.advance(61 * 60_000);
    expect((await askReminder(ctx(), slug, `limit-${dialect}-11@example.org`, { ip })).status).toBe(303);
    await sendDueReminderWaves(ctx().runtime.deps);
    const marks = (await requestsOf(ctx(), id)).map((r) => r.ip_mark);
    expect(marks.slice(0, 10)).toEqual(Array(10).fill(null));
    expect(marks.at(-1)).not.toBeNull();
    expect(marks.at(-1)).not.toContain('203.0.113');
  });

  it('serves a calendar entry that parses, folds long lines and holds the start as a UTC instant', async () => {
    const title = 'ئۇيغۇرلار ئۈچۈن ئاۋاز چىقىرايلى، بىرلىكتە; a long title, with commas; semicolons and a \\ backslash';
    const { slug } = await newStorm(ctx(), '02', {
      title, language: 'ug', starts_at: '2030-02-02T18:00:00+06:00', ends_at: '2030-02-02T20:00:00+06:00', timezone: 'Asia/Urumqi',
    });
    const res = await fetch(`${ctx().baseUrl}/s/${slug}/storm.ics?lang=en`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${slug}.ics"`);
    const text = await res.text();

    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true); // the title had to be folded
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(text).toContain('\r\nDTSTART:20300202T120000Z\r\n');
    expect(text).toContain('\r\nDTEND:20300202T140000Z\r\n');
    expect(text).toContain('\r\nX-WR-TIMEZONE:Asia/Urumqi\r\n');

    const calendar = new ICAL.Component(ICAL.parse(text));
    const vevent = calendar.getFirstSubcomponent('vevent')!;
    const event = new ICAL.Event(vevent);
    expect(event.summary).toBe(title);
    expect(event.startDate.toJSDate().toISOString()).toBe('2030-02-02T12:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2030-02-02T14:00:00.000Z');
    expect(event.startDate.zone?.tzid).toBe('UTC');
    const pageUrl = `${ctx().baseUrl}/s/${slug}`;
    expect(vevent.getFirstPropertyValue('url')).toBe(pageUrl);
    expect(event.description).toBe(`Take part on the storm’s page: ${pageUrl}`);
    expect(String(event.uid)).toMatch(/^storm-\d+@127\.0\.0\.1$/);
    const alarm = vevent.getFirstSubcomponent('valarm')!;
    expect(String(alarm.getFirstPropertyValue('trigger'))).toBe('-PT10M');
    expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect(vevent.getFirstProperty('summary')!.getParameter('language')).toBe('ug');

    expect((await fetch(`${ctx().baseUrl}/s/no-such-storm/storm.ics`)).status).toBe(404);
  });

  it('sends one reminder to each who asked, in their language, once, with their own link to the live page', async () => {
    const clock = clockOf(ctx());
    clock.set('2030-02-03T09:00:00Z');
    const { id, slug } = await newStorm(ctx(), '03', { title: 'Closing ceremony' });
    const asked = { en: `en-${dialect}@example.org`, tr: `tr-${dialect}@example.org`, ug: `ug-${dialect}@example.org` };
    for (const [lang, address] of Object.entries(asked)) expect((await askReminder(ctx(), slug, address, { lang, ip: `198.51.100.${lang.length}` })).status).toBe(303);
    const quitter = `quit-${dialect}@example.org`;
    await askReminder(ctx(), slug, quitter, { ip: '198.51.100.9' });
    const quitterId = (await personByEmail(ctx(), quitter))!.id;
    expect((await ctx().api('PUT', `/api/v1/people/${quitterId}/subscription`, { status: 'unsubscribed' })).status).toBe(200);

    await new Promise((r) => setTimeout(r, 5_500)); // a tick passes before the start
    expect(sink.mails).toHaveLength(0);

    clock.set('2030-02-03T12:00:05Z');
    // the worker's tick runs too: three at once still make one wave
    await Promise.all([sendDueReminderWaves(ctx().runtime.deps), sendDueReminderWaves(ctx().runtime.deps)]);
    await sink.waitFor(3, 20_000);
    await quietSink(sink, 500);
    expect(sink.mails.map((m) => m.envelopeTo[0]).sort()).toEqual(Object.values(asked).sort());

    const en = mailsTo(asked.en)[0]!;
    expect(en.parsed.subject).toBe('It’s time: \u2068Closing ceremony\u2069');
    expect(en.parsed.text).toMatch(/“\u2068Closing ceremony\u2069” has started\. It runs until 8:00\sPM GMT\+6\./);
    expect(en.parsed.text).toContain('You get this email because you asked for a reminder on the storm’s page.');
    expect(en.parsed.text).toContain('sends this reminder once, when the storm starts; it adds you to no mailing list.');
    expect(listUnsubscribeUrl(en)).toMatch(/\/u\/[A-Za-z0-9_-]{22}\?s=/);
    expect(en.raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const tr = mailsTo(asked.tr)[0]!;
    expect(tr.parsed.subject).toBe('Zamanı geldi: \u2068Closing ceremony\u2069');
    expect(tr.parsed.html).toMatch(/<html[^>]*\blang="tr"/);
    const ug = mailsTo(asked.ug)[0]!;
    expect(ug.parsed.subject).toBe('ۋاقىت كەلدى: \u2068Closing ceremony\u2069');
    expect(ug.parsed.html).toMatch(/<html[^>]*\blang="ug"[^>]*\bdir="rtl"/);

    // the link goes through our redirect to the page, which now offers the post and knows who came
    const link = await fetch(trackedLink(tr), { redirect: 'manual' });
    expect(link.status).toBe(302);
    const landing = new URL(link.headers.get('location')!);
    expect(landing.pathname).toBe(`/s/${slug}`);
    const live = await page(ctx(), `${landing.pathname}${landing.search}`);
    expect(live.html).toContain('<textarea');
    expect(live.html).toMatch(/<input type="hidden" name="r" value="[A-Za-z0-9_-]{22}">/);
    const trPerson = (await personByEmail(ctx(), asked.tr))!;
    const views = await ctx().runtime.deps.db.selectFrom('events').selectAll()
      .where('storm_id', '=', id).where('kind', '=', 'page_view').where('person_id', '=', trPerson.id).execute();
    expect(views).toHaveLength(1);

    // the messages, one per language, are reminders the API shows as such; a repeat of the wave adds nothing
    const reminders = (await ctx().api('GET', '/api/v1/messages')).body.items.filter((m: { kind: string; subject: string }) => m.kind === 'reminder' && m.subject.includes('storm_title'));
    expect(reminders.map((m: { language: string }) => m.language).sort()).toEqual(['en', 'tr', 'ug']);
    const storm = await ctx().runtime.deps.db.selectFrom('storms').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(storm.reminders_sent_for).toBe(storm.starts_at);
    await Promise.all([sendReminderWave(ctx().runtime.deps, storm), sendReminderWave(ctx().runtime.deps, storm)]);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(sink.mails).toHaveLength(3);
    const send = await ctx().api('POST', `/api/v1/messages/${reminders[0].id}/send`);
    expect(send.status).toBe(409);
  });

  it('with requested_and_invited also reminds everyone the invitations reached who is still subscribed', async () => {
    const clock = clockOf(ctx());
    clock.set('2030-02-05T09:00:00Z');
    const { id, slug } = await newStorm(ctx(), '05', { reminder_audience: 'requested_and_invited' });
    const other = await newStorm(ctx(), '05', { slug: `${slug}-more` });
    const tag = `invited-${dialect}`;
    const invited = [0, 1, 2, 3].map((i) => `${tag}-${i}@example.org`);
    const [, , , leaves] = await addSupporters(ctx().runtime.deps.db, invited.map((email, i) => ({ email, tags: [tag], language: i === 1 ? 'tr' : null })));
    const elsewhere = `elsewhere-${dialect}@example.org`;
    await addSupporters(ctx().runtime.deps.db, [{ email: elsewhere, tags: [`${tag}-other`] }]);
    // the invitation links to the storm's page; a message linking to a page whose address starts the same does not count
    await sendAndWait(ctx(), { subject: 'Will you take part?', body: `Hi!\n\n[Send your post](${ctx().baseUrl}/s/${slug})`, targets: { tags: [tag] } });
    await sendAndWait(ctx(), { subject: 'Another', body: `[Go](${ctx().baseUrl}/s/${other.slug})`, targets: { tags: [`${tag}-other`] } });
    // invited twice, the second time with another language: still one reminder
    await ctx().runtime.deps.db.updateTable('people').set({ language: 'zh-Hans' }).where('email', '=', invited[0]!).execute();
    await sendAndWait(ctx(), { subject: 'Tomorrow', body: `See you at ${ctx().baseUrl}/s/${slug}?from=email.`, targets: { tags: [tag] } });
    expect((await ctx().api('PUT', `/api/v1/people/${leaves}/subscription`, { status: 'unsubscribed' })).status).toBe(200);
    // one of the invited also asked; someone not invited asked too
    const alsoAsked = invited[2]!;
    const onlyAsked = `only-asked-${dialect}@example.org`;
    expect((await askReminder(ctx(), slug, alsoAsked, { lang: 'ug' })).status).toBe(303);
    expect((await askReminder(ctx(), slug, onlyAsked, { ip: '198.51.100.77' })).status).toBe(303);
    sink.mails.length = 0;

    clock.set('2030-02-05T12:00:10Z');
    await sink.waitFor(4, 20_000);
    await quietSink(sink, 500);
    const reached = sink.mails.map((m) => m.envelopeTo[0]).sort();
    expect(reached).toEqual([invited[0]!, invited[1]!, alsoAsked, onlyAsked].sort());
    expect(reached).not.toContain(invited[3]);
    expect(reached).not.toContain(elsewhere);

    expect(mailsTo(invited[0]!)).toHaveLength(1);
    expect(mailsTo(invited[0]!)[0]!.parsed.text).toContain('You get this email because you were invited to take part.');
    expect(mailsTo(invited[1]!)[0]!.parsed.subject).toMatch(/^Zamanı geldi: /);
    // who asked gets it as one who asked, in the language they asked in, once
    expect(mailsTo(alsoAsked)).toHaveLength(1);
    expect(mailsTo(alsoAsked)[0]!.parsed.subject).toMatch(/^ۋاقىت كەلدى: /);
    expect(mailsTo(onlyAsked)[0]!.parsed.text).toContain('you asked for a reminder');
  });
// as behind one reverse proxy, so each test's X-Forwarded-For is the client's address
}, () => ({ env: { SMTP_URL: sink.url, SMTP_CONNECTIONS: '2', TRUST_PROXY: '1' }, clock: manualClock('2030-02-01T08:00:00Z') }));
