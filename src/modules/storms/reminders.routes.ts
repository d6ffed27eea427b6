// The public routes around a storm's reminder: the "Remind me" form's POST and its confirmation, and the
// calendar entry. Hidden from the API document.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { languageNav } from '../../http/language-nav.ts';
import { choosePageLanguage, LANGUAGE_COOKIE, rememberLanguage } from '../../http/page-language.ts';
import { acceptedLanguages } from '../../i18n/index.ts';
import { findBrand, translatorFor } from '../accounts/index.ts';
import { formExpired, getPageStorm, requestReminder } from './remind.service.ts';
import { REMINDER_FORM_FIELD } from './reminder-form-token.ts';
import { reminderRequestedPage } from './reminder-form.view.ts';
import { stormCalendarEntry } from './storm-calendar.ts';
import { visitorOf } from '../../http/supporter-cookies.ts';

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 200 }) });
const LangQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 35 })) });
const RemindBody = Type.Object({
  email: Type.String({ maxLength: 320 }),
  r: Type.Optional(Type.String({ maxLength: 200 })),
  [REMINDER_FORM_FIELD]: Type.Optional(Type.String({ maxLength: 100 })),
});

export function registerReminderRoutes(root: FastifyInstance, deps: Deps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/s/:slug/remind', { schema: { hide: true, params: SlugParams, querystring: LangQuery, body: RemindBody } }, async (req, reply) => {
    // a browser that says the form came from another site is refused before anything else
    if (fromAnotherSite(req)) throw formExpired();
    const outcome = await requestReminder(deps, {
      slug: req.params.slug,
      email: req.body.email,
      r: req.body.r,
      formToken: req.body[REMINDER_FORM_FIELD],
      visitor: visitorOf(req),
      ip: req.ip,
      language: (storm) => choosePageLanguage(req, [storm.language]).lang,
    });
    const slug = encodeURIComponent(req.params.slug);
    reply.header('Cache-Control', 'no-store');
    if (outcome.kind === 'closed') return reply.redirect(`/s/${slug}`, 303);
    return reply.redirect(`/s/${slug}/reminded?lang=${choosePageLanguage(req, [outcome.storm.language]).lang}`, 303);
  });

  app.get('/s/:slug/reminded', { schema: { hide: true, params: SlugParams, querystring: LangQuery } }, async (req, reply) => {
    const storm = await getPageStorm(deps, req.params.slug, wantedLanguages(req));
    const { lang, chosen } = choosePageLanguage(req, [storm.language]);
    if (chosen) rememberLanguage(reply, chosen, deps.config);
    const t = await translatorFor(deps, lang);
    return reply.header('Cache-Control', 'no-store').type('text/html; charset=utf-8')
      .send(reminderRequestedPage(storm, t, languageNav(t, req.query, []), await findBrand(deps)));
  });

  app.get('/s/:slug/storm.ics', { schema: { hide: true, params: SlugParams, querystring: LangQuery } }, async (req, reply) => {
    const storm = await getPageStorm(deps, req.params.slug, wantedLanguages(req));
    const t = await translatorFor(deps, choosePageLanguage(req, [storm.language]).lang);
    // its words follow the visitor's language (query, cookie, browser): no shared cache may keep one for all
    return reply.header('Cache-Control', 'private, max-age=300')
      .header('Content-Disposition', `attachment; filename="${storm.slug}.ics"`)
      .type('text/calendar; charset=utf-8')
      .send(stormCalendarEntry(deps, storm, t));
  });
}

/** The storm's version a visitor reads: their choice (?lang=, the cookie), else their browser's languages. */
function wantedLanguages(req: FastifyRequest<{ Querystring: { lang?: string | undefined } }>): unknown[] {
  return [req.query.lang, req.cookies[LANGUAGE_COOKIE], ...acceptedLanguages(req.headers['accept-language'])];
}

/** Sec-Fetch-Site, where the browser sends it: our own form posts as same-origin. */
function fromAnotherSite(req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}
