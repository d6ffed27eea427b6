// A storm invitation in each language, and one message to supporters of many: the email is in the message's
// language and direction; its footer (who sends it, why, how to stop) in the recipient's own language where
// Outcry has a catalogue for it, else in the message's, each with its own lang and dir.
import { afterAll, beforeEach, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/index.ts';
import { addSupporters, listUnsubscribeUrl, sendAndWait } from '../helpers/fixtures.ts';
import { startSmtpSink, type SinkMail } from '../helpers/smtp-sink.ts';
import { describeEachDatabase } from '../helpers/test-app.ts';

const sink = await startSmtpSink();
afterAll(() => sink.close());

const ORG = 'Uyghur Solidarity';
const INVITATIONS: Record<string, { subject: string; body: string; dir: 'ltr' | 'rtl' }> = {
  en: { subject: 'Will you join the storm?', body: 'Hi {{ first_name }}, on Sunday we speak up together.', dir: 'ltr' },
  ug: { subject: 'ھەرىكەتكە قاتنىشامسىز؟', body: 'ياخشىمۇسىز {{ first_name }}، يەكشەنبە كۈنى بىرلىكتە ئاۋاز چىقىرايلى.', dir: 'rtl' },
  tr: { subject: 'Kampanyaya katılır mısınız?', body: 'Merhaba {{ first_name }}, pazar günü birlikte sesimizi yükseltiyoruz.', dir: 'ltr' },
  'zh-Hans': { subject: '你会参加这次行动吗？', body: '{{ first_name }}，你好！周日我们一起发声。', dir: 'ltr' },
};

const mailTo = (address: string) => sink.mails.find((m) => m.envelopeTo.includes(address))!;

/** The footer's block in the HTML part, and the words of its two paragraphs. */
function footerOf(mail: SinkMail) {
  const html = mail.parsed.html as string;
  const block = /<div lang="([^"]+)" dir="(ltr|rtl)" style="text-align:(left|right)">([\s\S]*?)<\/div>/.exec(html);
  expect(block, 'the footer block').not.toBeNull();
  const text = block![4]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
  return { lang: block![1], dir: block![2], align: block![3], text };
}

function expectFooterIn(mail: SinkMail, lang: string) {
  const t = createTranslator(lang);
  const footer = footerOf(mail);
  expect(footer).toEqual({
    lang, dir: t.dir, align: t.dir === 'rtl' ? 'right' : 'left',
    text: `${ORG} ${t.text('email.footer.reason', { org: ORG })} ${t.text('email.footer.unsubscribe')}`,
  });
  const unsubscribe = listUnsubscribeUrl(mail);
  expect(mail.parsed.html).toContain(`<a href="${unsubscribe.replace(/&/g, '&amp;')}">${t.text('email.footer.unsubscribe')}</a>`);
  // the plain-text part says the same; an isolate keeps a Latin name from reordering a right-to-left sentence
  const isolate = (s: string) => (t.dir === 'rtl' ? `\u2068${s}\u2069` : s);
  expect(mail.parsed.text).toContain(`--\n${ORG}\n${t.text('email.footer.reason', { org: isolate(ORG) })}\n${t.text('email.footer.unsubscribeLine', { url: unsubscribe })}\n`);
}

describeEachDatabase('emails in the supporter\'s language', (ctx, dialect) => {
  beforeEach(() => { sink.mails.length = 0; });

  it('sends a storm invitation in each language: the whole email in it, in its direction', async () => {
    const db = ctx().runtime.deps.db;
    for (const [lang, invitation] of Object.entries(INVITATIONS)) {
      const tag = `invite-${lang}-${dialect}`;
      const email = `${tag}@example.org`;
      await addSupporters(db, [{ email, given_name: 'Gulnar', language: lang, tags: [tag] }]);
      await sendAndWait(ctx(), { subject: invitation.subject, body: invitation.body, language: lang, targets: { tags: [tag] } });
      const mail = mailTo(email);
      expect(mail.parsed.subject).toBe(invitation.subject);
      expect(mail.parsed.html).toMatch(new RegExp(`<html[^>]*lang="${lang}"[^>]*dir="${invitation.dir}"`));
      expect(mail.parsed.text).toContain(invitation.body.replace('{{ first_name }}', 'Gulnar'));
      expectFooterIn(mail, lang);
    }
  });

  it('writes the footer of one message in each recipient\'s own language, the message\'s where there is no catalogue for theirs', async () => {
    const tag = `mixed-${dialect}`;
    const people = { ug: 'ug', 'zh-CN': 'zh-Hans', 'tr-TR': 'tr', de: 'en', none: 'en' } as const;
    await addSupporters(ctx().runtime.deps.db, Object.keys(people).map((language) => ({
      email: `${tag}-${language}@example.org`, given_name: 'Sam', language: language === 'none' ? null : language, tags: [tag],
    })));
    await sendAndWait(ctx(), { subject: 'Sunday', body: 'Hi {{ first_name }}, join us on Sunday.', language: 'en', targets: { tags: [tag] } });
    for (const [language, footer] of Object.entries(people)) {
      const mail = mailTo(`${tag}-${language}@example.org`);
      expect(mail.parsed.html).toMatch(/<html[^>]*lang="en"[^>]*dir="ltr"/);
      expectFooterIn(mail, footer);
    }

    // and the unsubscribe page the footer links to speaks the recipient's language too
    const page = await fetch(listUnsubscribeUrl(mailTo(`${tag}-ug@example.org`)), { headers: { accept: 'text/html' } });
    expect(await page.text()).toMatch(/<html lang="ug" dir="rtl">[\s\S]*<button type="submit">مۇشتەرىلىكتىن چېكىنىش<\/button>/);
  });

  it('sends one message in several languages: each supporter gets the version in theirs, the rest the original', async () => {
    const tag = `versions-${dialect}`;
    // who reads what: a regional tag finds its language, a language with no version gets the original
    const people = { ug: 'ug', 'zh-CN': 'zh-Hans', 'tr-TR': 'tr', en: 'en', de: 'en', none: 'en' } as const;
    await addSupporters(ctx().runtime.deps.db, Object.keys(people).map((language) => ({
      email: `${tag}-${language}@example.org`, given_name: 'Gulnar', language: language === 'none' ? null : language, tags: [tag],
    })));
    const { en, ...others } = INVITATIONS;
    await sendAndWait(ctx(), {
      subject: en!.subject, body: en!.body, language: 'en', targets: { tags: [tag] },
      translations: Object.entries(others).map(([language, v]) => ({ language, subject: v.subject, body: v.body })),
    });
    for (const [language, version] of Object.entries(people)) {
      const mail = mailTo(`${tag}-${language}@example.org`);
      const expected = INVITATIONS[version]!;
      expect(mail.parsed.subject, language).toBe(expected.subject);
      expect(mail.parsed.html).toMatch(new RegExp(`<html[^>]*lang="${version}"[^>]*dir="${expected.dir}"`));
      expect(mail.parsed.text).toContain(expected.body.replace('{{ first_name }}', 'Gulnar'));
      expectFooterIn(mail, version);
    }
  });

  it('refuses a translation in the message\'s own language or with a broken template, naming it', async () => {
    const res = await ctx().api('POST', '/api/v1/messages', {
      subject: 'Sunday', body: 'Hi', language: 'en',
      translations: [{ language: 'EN', subject: 'x', body: 'y' }, { language: 'tr', subject: 'Pazar', body: 'Merhaba {{ first_name | nope }}' }],
    });
    expect(res.status).toBe(422);
    const names = res.body.invalid_params.map((p: { name: string }) => p.name);
    expect(names).toEqual(['translations.0.language', 'translations.1.body']);
  });

  it('previews the version a reader of a language gets', async () => {
    const { body: { id } } = await ctx().api('POST', '/api/v1/messages', {
      subject: 'Sunday', body: 'Hi', language: 'en', translations: [{ language: 'tr', subject: 'Pazar', body: 'Merhaba' }],
    });
    expect((await ctx().api('GET', `/api/v1/messages/${id}/preview?language=tr-TR`)).body.subject).toBe('Pazar');
    expect((await ctx().api('GET', `/api/v1/messages/${id}/preview`)).body.subject).toBe('Sunday');
    expect((await ctx().api('GET', `/api/v1/messages/${id}`)).body.translations).toEqual([{ language: 'tr', subject: 'Pazar', body: 'Merhaba' }]);
  });

  it('uses the organisation\'s own wording of the footer', async () => {
    const tag = `override-${dialect}`;
    expect((await ctx().api('PUT', '/api/v1/settings/strings/tr', { 'email.footer.unsubscribe': 'Aboneliği bitir' })).status).toBe(200);
    try {
      await addSupporters(ctx().runtime.deps.db, [{ email: `${tag}@example.org`, language: 'tr', tags: [tag] }]);
      await sendAndWait(ctx(), { subject: 'Pazar', body: 'Merhaba!', language: 'tr', targets: { tags: [tag] } });
      expect(footerOf(mailTo(`${tag}@example.org`)).text).toMatch(/Aboneliği bitir$/);
    } finally {
      await ctx().api('PUT', '/api/v1/settings/strings/tr', {});
    }
  });

  it('puts the unsubscribe address wherever the organisation\'s wording does, in each recipient\'s language', async () => {
    const tag = `twice-${dialect}`;
    expect((await ctx().api('PUT', '/api/v1/settings/strings/tr', { 'email.footer.unsubscribeLine': 'Çıkmak için: {url} (ya da {url})' })).status).toBe(200);
    try {
      await addSupporters(ctx().runtime.deps.db, [
        { email: `${tag}-tr@example.org`, language: 'tr', tags: [tag] },
        { email: `${tag}-en@example.org`, language: 'en', tags: [tag] },
      ]);
      await sendAndWait(ctx(), { subject: 'Sunday', body: 'Hi!', language: 'en', targets: { tags: [tag] } });
      const tr = mailTo(`${tag}-tr@example.org`);
      const trUrl = listUnsubscribeUrl(tr);
      expect(tr.parsed.text).toContain(`\nÇıkmak için: ${trUrl} (ya da ${trUrl})\n`);
      const en = mailTo(`${tag}-en@example.org`);
      const enUrl = listUnsubscribeUrl(en);
      expect(enUrl).not.toBe(trUrl);
      expect(en.parsed.text).toContain(`\n${createTranslator('en').text('email.footer.unsubscribeLine', { url: enUrl })}\n`);
      expect(String(en.parsed.text).split(enUrl)).toHaveLength(2);
    } finally {
      await ctx().api('PUT', '/api/v1/settings/strings/tr', {});
    }
  });
}, () => ({ env: { SMTP_URL: sink.url, ORG_NAME: ORG } }));
