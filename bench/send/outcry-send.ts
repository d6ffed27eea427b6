// The measured side: Outcry's real worker sending one personalised message to everyone tagged "bench".
// `seed N` fills the database (not timed); `send` creates the message, sends it and prints
// {seconds, peak_rss_mb, cpu_us} as JSON (cpu_us: every thread's processor time during the send). Run as child processes so each has its own memory figures.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readConfig } from '../../src/config/config.ts';
import { createMessage, getMessage, startSend } from '../../src/modules/messages/index.ts';
import { createRuntime } from '../../src/runtime.ts';

const [mode, count] = process.argv.slice(2);
const config = readConfig(process.env);

if (mode === 'seed') {
  const rt = await createRuntime(config, { web: false, worker: false, logger: false });
  const { db } = rt.deps;
  const now = new Date().toISOString();
  const total = Number(count);
  const given = ['John', 'Gulnar', 'Mehmet', '晓明', 'گۈلنار', 'Sarah'];
  for (let start = 0; start < total; start += 1000) {
    const size = Math.min(1000, total - start);
    // bench set-up goes straight to the table: the import has its own tests, and this is not what is timed
    const rows = await db.insertInto('people').values(Array.from({ length: size }, (_, i) => ({
      email: `p${start + i}@example.org`, given_name: given[(start + i) % given.length]!, family_name: null,
      language: null, country: 'GB', postal_code: null, custom_fields: '{}', status: 'subscribed' as const,
      status_changed_at: now, created_at: now, updated_at: now,
    }))).returning('id').execute();
    await db.insertInto('person_tags').values(rows.map((r) => ({ person_id: r.id, tag: 'bench' }))).execute();
  }
  await rt.close();
} else {
  const rt = await createRuntime(config, { web: false, worker: true, logger: false });
  const { id } = await createMessage(rt.deps, {
    subject: 'Will you take part, {{ first_name | default: "friend" }}?',
    body: [
      'Hi {{ first_name | default: "friend" }},',
      '',
      'Sunday marks the closing ceremony of the Winter Olympics. While the world watches, the persecution goes on.',
      '',
      '**Will you take part in a social-media storm to tell the world?**',
      '',
      `[Send your post](${config.publicUrl}/s/closing-ceremony)`,
      '',
      'Not on social media? [Read and share this article](https://example.org/article).',
      '',
      'Thank you,',
      '',
      'Rahima',
    ].join('\n'),
    targets: { tags: ['bench'] },
  });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await startSend(rt.deps, id);
  // the end is seen within 50 ms by reading the status alone: the message's statistics count its recipients,
  // which at 100,000 took as much of the sender's thread as a few thousand mails, and every 500 ms the
  // end was seen 250 ms late on average
  let polls = 0;
  for (;;) {
    const { status } = await rt.deps.db.selectFrom('messages').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    if (status === 'sent') break;
    if (status !== 'sending') throw new Error(`the send ended ${status}`);
    if (process.env.BENCH_DEBUG && polls++ % 10 === 0) { const m = process.memoryUsage(); console.error(status, 'rss, heap used, heap total, external, array buffers (MB):', [m.rss, m.heapUsed, m.heapTotal, m.external, m.arrayBuffers].map((n) => Math.round(n / 1048576)).join(' ')); }
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  if (process.env.BENCH_DEBUG) console.error(threadCpu());
  // peak_rss_mb is taken after the statistics are read, as an organiser would look at them
  if (process.env.BENCH_DEBUG) console.error('peak RSS when the send ended (MB):', Math.round(process.resourceUsage().maxRSS / 1024));
  const { statistics } = await getMessage(rt.deps, id);
  await rt.close();
  console.log(JSON.stringify({ cpu_us: cpu.user + cpu.system, seconds, sent: statistics.sent, failed: statistics.failed, peak_rss_mb: process.resourceUsage().maxRSS / 1024 }));
}

/** BENCH_DEBUG: processor time per thread of this process (Linux), by the thread's name: which one a change moved. */
function threadCpu(): string {
  const tasks = '/proc/self/task';
  if (!existsSync(tasks)) return '';
  const tick = 10; // ms per clock tick (USER_HZ is 100 on Linux)
  return `CPU per thread (ms): ${readdirSync(tasks).map((tid) => {
    const stat = readFileSync(`${tasks}/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = (Number(fields[11]) + Number(fields[12])) * tick;
    return ms > 0 ? `${readFileSync(`${tasks}/${tid}/comm`, 'utf8').trim()} ${ms}` : undefined;
  }).filter(Boolean).join(', ')}`;
}
