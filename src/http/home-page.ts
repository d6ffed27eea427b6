// The root page says what this is and where to go; it reveals nothing about supporters or storms.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
import { html } from '../lib/html.ts';
import { renderPage } from './layout.ts';
import { languageNav } from './language-nav.ts';
import { catalogueTranslators, choosePageLanguage, rememberLanguage, type TranslatorSource } from './page-language.ts';

export function registerHomePage(app: FastifyInstance, deps: Deps, translators: TranslatorSource = catalogueTranslators): void {
  app.get('/', { schema: { hide: true } }, async (req, reply) => {
    const { lang, chosen } = choosePageLanguage(req);
    if (chosen) rememberLanguage(reply, chosen, deps.config);
    const t = await translators(lang);
    return reply.type('text/html; charset=utf-8').send(renderPage({
      title: deps.config.orgName, lang: t.lang, languages: languageNav(t, {}, []),
      body: html`<h1><bdi>${deps.config.orgName}</bdi></h1>
<p>${t.text('home.text')}</p>`,
    }));
  });
}
