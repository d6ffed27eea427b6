// The root page says what this is and where to go; it reveals nothing about supporters or storms.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
import { html } from '../lib/html.ts';
import { renderPage } from './layout.ts';

export function registerHomePage(app: FastifyInstance, deps: Deps): void {
  app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.type('text/html; charset=utf-8').send(renderPage({
    title: deps.config.orgName,
    body: html`<h1>${deps.config.orgName}</h1>
<p>This server runs Outcry, a campaign platform. Supporters reach storms through the links they were sent.</p>`,
  })));
}
