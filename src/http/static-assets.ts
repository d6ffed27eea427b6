// First-party CSS and scripts from the repository's public/ folder, read once, served with ETags.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));
const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

export function registerStaticAssets(app: FastifyInstance): void {
  const files = new Map<string, { body: Buffer; type: string; etag: string }>();
  for (const name of readdirSync(PUBLIC_DIR)) {
    const type = TYPES[extname(name)];
    if (!type) continue;
    const body = readFileSync(join(PUBLIC_DIR, name));
    files.set(name, { body, type, etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"` });
  }
  app.get<{ Params: { name: string } }>('/assets/:name', { schema: { hide: true } }, async (req, reply) => {
    const file = files.get(req.params.name);
    if (!file) return reply.callNotFound();
    reply.header('ETag', file.etag).header('Cache-Control', 'public, max-age=3600');
    if (req.headers['if-none-match'] === file.etag) return reply.code(304).send();
    return reply.type(file.type).send(file.body);
  });
}
