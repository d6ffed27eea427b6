// The baseline: the least a server must do for the same supporters: a bare node:http server answering the
// page with the same HTML from memory (and a visitor cookie for a new visitor), and the form's POST with a
// 302 to the network. No framework, no database. Prints {port} as JSON once it listens.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [slug, htmlFile] = process.argv.slice(2);
const page = readFileSync(htmlFile!);
const pagePath = `/s/${slug}`;
const postPath = `/s/${slug}/post`;

const server = createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method === 'GET' && path === pagePath) {
    const headers: Record<string, string | number> = { 'content-type': 'text/html; charset=utf-8', 'content-length': page.length, 'cache-control': 'no-store' };
    if (!/(?:^|;\s*)oc_v=/.test(req.headers.cookie ?? '')) {
      headers['set-cookie'] = `oc_v=${randomBytes(16).toString('base64url')}; Max-Age=31536000; Path=/; HttpOnly; SameSite=Lax`;
    }
    res.writeHead(200, headers).end(page);
  } else if (req.method === 'POST' && path === postPath) {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const location = `https://x.com/intent/post?text=${encodeURIComponent(form.get('text') ?? '')}`;
      res.writeHead(302, { location, 'content-length': 0, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }).end();
    });
  } else {
    res.writeHead(404, { 'content-length': 0 }).end();
  }
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
