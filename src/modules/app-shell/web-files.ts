// The files the organiser's app loads: its own TypeScript under web/ (types stripped by Node on first
// request, then kept in memory), its stylesheet, and the few libraries it imports, served from our own
// origin out of node_modules. Each URL carries a hash of the file's content, so browsers keep them for good.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_DIR = fileURLToPath(new URL('../../../web/', import.meta.url));
const NODE_MODULES = fileURLToPath(new URL('../../../node_modules/', import.meta.url));

/** Bare specifiers the app (and the libraries themselves) import, and the ES module file each one means. */
const VENDOR: Record<string, string> = {
  'preact': 'preact/dist/preact.mjs',
  'preact/hooks': 'preact/hooks/dist/hooks.mjs',
  'htm': 'htm/dist/htm.module.js',
  'htm/preact': 'htm/preact/index.module.js',
  'intl-messageformat': 'intl-messageformat/index.js',
  '@formatjs/fast-memoize': '@formatjs/fast-memoize/index.js',
  '@formatjs/icu-messageformat-parser': '@formatjs/icu-messageformat-parser/index.js',
  '@formatjs/icu-skeleton-parser': '@formatjs/icu-skeleton-parser/index.js',
};

export interface WebFile {
  /** The path under which it is served, without the version. */
  path: string;
  /** The path with ?v=<hash>: what the page and the import map name. */
  url: string;
  hash: string;
  type: string;
  /** The bytes served; for TypeScript, filled on first request. */
  body(): Buffer;
}

export interface WebFiles {
  /** Entry module, stylesheet, and the import map every module is resolved through. */
  entry: WebFile;
  stylesheet: WebFile;
  importMap: { imports: Record<string, string> };
  find(path: string): WebFile | undefined;
  all(): WebFile[];
}

function hashOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('base64url').slice(0, 16);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full);
    return entry.name.endsWith('.ts') || entry.name.endsWith('.css') ? [full] : [];
  });
}

function makeFile(path: string, source: Buffer, type: string, transform?: (source: string) => string): WebFile {
  const hash = hashOf(source);
  let body: Buffer | undefined = transform ? undefined : source;
  return {
    path, hash, type, url: `${path}?v=${hash}`,
    body: () => (body ??= Buffer.from(transform!(source.toString('utf8')))),
  };
}

// libraries name their source maps; the app ships none of them, so the browser should not ask
const withoutSourceMap = (code: string) => code.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');

export function loadWebFiles(): WebFiles {
  const files = new Map<string, WebFile>();
  for (const full of listFiles(WEB_DIR)) {
    const rel = relative(WEB_DIR, full).split(sep).join('/');
    if (rel.endsWith('.d.ts') || rel.endsWith('.test.ts')) continue;
    const path = `/app/${rel}`;
    const source = readFileSync(full);
    files.set(path, rel.endsWith('.css')
      ? makeFile(path, source, 'text/css; charset=utf-8')
      : makeFile(path, source, 'text/javascript; charset=utf-8', (code) => stripTypeScriptTypes(code)));
  }
  const imports: Record<string, string> = {};
  for (const [specifier, file] of Object.entries(VENDOR)) {
    const path = `/app/vendor/${file}`;
    const vendorFile = makeFile(path, readFileSync(join(NODE_MODULES, file)), 'text/javascript; charset=utf-8', withoutSourceMap);
    files.set(path, vendorFile);
    imports[specifier] = vendorFile.url;
  }
  // the app's own modules import each other by relative path; the map turns each into its versioned URL
  for (const file of files.values()) if (file.path.endsWith('.ts')) imports[file.path] = file.url;
  const entry = files.get('/app/main.ts');
  const stylesheet = files.get('/app/app.css');
  if (!entry || !stylesheet) throw new Error('web/: main.ts and app.css are missing');
  return { entry, stylesheet, importMap: { imports }, find: (path) => files.get(path), all: () => [...files.values()] };
}
