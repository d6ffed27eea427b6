// /brand/colours.css and /brand/logo: the organisation's look, served from our own origin to the public
// pages and (the logo) to emails. Each is asked for with its version in ?v=, which changes with it: that
// address is kept a year; any other is kept briefly, so a page never shows an old look for long.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { brandColoursCss } from './brand-colours.ts';
import { findBrand } from './brand.ts';
import { findLogoImage } from './organisation-logo.service.ts';

const VersionQuery = Type.Object({ v: Type.Optional(Type.String({ maxLength: 100 })) });
const hidden = { hide: true, querystring: VersionQuery };

export function registerBrandRoutes(root: FastifyInstance, deps: Deps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/brand/colours.css', { schema: hidden }, async (req, reply) => {
    const brand = await findBrand(deps);
    if (cached(req, reply, brand.coloursVersion)) return reply.code(304).send();
    return reply.type('text/css; charset=utf-8').send(brandColoursCss(brand));
  });

  // a mail client shows the logo inside another site's page (webmail), so it may be loaded cross-origin
  const crossOrigin = async (_req: unknown, reply: FastifyReply, payload: unknown) => {
    reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
    return payload;
  };
  app.get('/brand/logo', { schema: hidden, onSend: crossOrigin }, async (req, reply) => {
    const { logo } = await findBrand(deps);
    const image = logo && (await findLogoImage(deps, logo));
    if (!image) return reply.callNotFound();
    if (cached(req, reply, image.etag)) return reply.code(304).send();
    return reply.type(image.content_type).send(image.data);
  });
}

/** Sets the caching headers for `version`; true when the browser's copy is current. */
function cached(req: FastifyRequest<{ Querystring: { v?: string } }>, reply: FastifyReply, version: string): boolean {
  const etag = `"${version}"`;
  reply.header('ETag', etag).header('Cache-Control', req.query.v === version ? 'public, max-age=31536000, immutable' : 'public, max-age=60');
  return req.headers['if-none-match'] === etag;
}
