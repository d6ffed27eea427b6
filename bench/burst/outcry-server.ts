// The measured side: Outcry itself (the real app, SQLite, no request logging) with one live storm created
// through the storms service. Prints {port, slug, storm_id} as JSON once it listens; SIGTERM closes it
// the way `outcry start` does, so whatever the app holds is written before the process ends.
import { readConfig } from '../../src/config/config.ts';
import { createStorm } from '../../src/modules/storms/index.ts';
import { createRuntime } from '../../src/runtime.ts';

const config = readConfig(process.env);
const rt = await createRuntime(config, { web: true, worker: false, logger: false });
const now = Date.now();
const storm = await createStorm(rt.deps, {
  title: 'The genocide is not over',
  slug: 'closing-ceremony',
  starts_at: new Date(now - 60_000).toISOString(),
  ends_at: new Date(now + 3_600_000).toISOString(),
  hashtags: ['GenocideGames', 'StandWithUyghurs'],
  article_url: 'https://example.org/blog/what-is-happening-in-the-uyghur-region',
  targets: [{ name: 'IOC Media', handles: { x: '@iocmedia' } }],
  messages: [
    'While China celebrates the end of the Beijing Olympics, the genocide against the Uyghurs continues.',
    'Tonight the Olympic flame goes out in Beijing. For millions of Uyghurs held in camps, the darkness goes on.',
    'Medals, fireworks, and a closing ceremony — and not one word about the Uyghur camps.',
  ].map((text) => ({ text })),
});
await rt.app.listen({ port: 0, host: '127.0.0.1' });
const address = rt.app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
console.log(JSON.stringify({ port, slug: storm.slug, storm_id: storm.id }));

let closing = false;
process.on('SIGTERM', () => {
  if (closing) return;
  closing = true;
  rt.close().then(() => process.exit(0), (err: unknown) => { console.error(err); process.exit(1); });
});
