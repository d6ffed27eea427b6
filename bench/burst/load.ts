// The load: CONNECTIONS supporters at once, each over its own keep-alive connection (http-connection.ts),
// each loading the action page (keeping the oc_v cookie it is given) and pressing a network's button with
// the form's fields, then making way for the next supporter. Run as its own process, so its work is not
// the server's.
// Prints {requests, seconds, rps, p50_ms, p99_ms, events_sent, errors, cpu_us_per_request} as JSON: rates and
// latencies from the measured seconds after the warm-up; events_sent counts every POST answered with a 302,
// warm-up too; cpu_us_per_request is this process's own CPU time over every answered request.
import { HttpConnection, type Answer } from './http-connection.ts';

const [baseUrl, slug, secondsArg, connectionsArg, warmupArg, rateArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 10);
const connections = Number(connectionsArg ?? 1000);
const warmupSeconds = Number(warmupArg ?? 2);
const rate = Number(rateArg ?? 0);
const { hostname, port } = new URL(baseUrl!);
const NETWORKS = ['x', 'bluesky', 'threads', 'facebook', 'whatsapp'];

const unescape = (s: string) => s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** What a browser would send for the page's form: its hidden fields and the text in the box. */
function formOf(html: string, network: string): string | undefined {
  const text = /<textarea[^>]*name="text"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1];
  if (text === undefined) return undefined;
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields.set(m[1]!, unescape(m[2]!));
  fields.set('text', unescape(text));
  fields.set('network', network);
  return fields.toString();
}

const latencies: number[] = [];
let measuring = false;
let stopping = false;
let requests = 0;
/** Every answered request, warm-up too: the load's own CPU time is spread over them. */
let answered = 0;
let eventsSent = 0;
let errors = 0;
const statuses: Record<string, number> = {};

async function timed(connection: HttpConnection, method: 'GET' | 'POST', path: string, cookie: string | undefined, form?: string, since?: number): Promise<Answer | undefined> {
  const headers: Record<string, string> = { accept: 'text/html' };
  if (cookie) headers.cookie = cookie;
  if (form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  const started = since ?? performance.now();
  try {
    const answer = await connection.request(method, path, headers, form);
    if (measuring) {
      latencies.push(performance.now() - started);
      requests++;
    }
    statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    answered++;
    return answer;
  } catch {
    errors++;
    return undefined;
  }
}

/** One supporter: the page, then a press of the button with what the page's form holds. */
async function supporter(connection: HttpConnection, n: number, arrived?: number): Promise<void> {
  const page = await timed(connection, 'GET', `/s/${slug}`, undefined, undefined, arrived);
  if (!page || page.status !== 200) return;
  // the new supporter's cookie jar: the visitor id the page gave them
  const visitor = page.setCookie.map((c) => c.split(';')[0]!).find((c) => c.startsWith('oc_v='));
  const form = formOf(page.body, NETWORKS[n % NETWORKS.length]!);
  if (!form) { errors++; return; }
  const posted = await timed(connection, 'POST', `/s/${slug}/post`, visitor, form);
  if (posted?.status === 302) eventsSent++;
}

// one keep-alive connection per supporter at a time, as a browser would hold
const pool = Array.from({ length: connections }, () => new HttpConnection(hostname, Number(port)));
const done = rate > 0 ? arriving(rate) : pool.map(async (connection, i) => {
  // as many supporters at once as there are connections, each followed at once by the next
  for (let n = i; !stopping; n += connections) await supporter(connection, n);
});
await new Promise((r) => setTimeout(r, warmupSeconds * 1000));
measuring = true;
const started = performance.now();
await new Promise((r) => setTimeout(r, seconds * 1000));
measuring = false;
const elapsed = (performance.now() - started) / 1000;
stopping = true;
await Promise.all(done);
pool.forEach((c) => c.close());

/**
 * BENCH_RATE: supporters arrive at a steady rate instead, each on a free connection (waiting for one when
 * all are busy). A page's latency counts from the arrival, so a server that falls behind is not flattered.
 */
function arriving(perSecond: number): Promise<void>[] {
  const free = [...pool];
  const queue: number[] = [];
  const running = new Set<Promise<void>>();
  const origin = performance.now();
  let arrived = 0;
  let served = 0;
  const serve = () => {
    while (free.length > 0 && queue.length > 0) {
      const connection = free.pop()!;
      const p = supporter(connection, served++, queue.shift()!).finally(() => { free.push(connection); running.delete(p); serve(); });
      running.add(p);
    }
  };
  const timer = setInterval(() => {
    if (stopping) return;
    const due = Math.floor(((performance.now() - origin) / 1000) * perSecond);
    for (; arrived < due; arrived++) queue.push(origin + (arrived / perSecond) * 1000);
    serve();
  }, 2);
  return [new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (!stopping) return;
      clearInterval(timer);
      queue.length = 0;
      if (running.size === 0) { clearInterval(check); resolve(); }
    }, 5);
  })];
}

latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies.length === 0 ? 0 : latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!;
const cpu = process.cpuUsage();
console.log(JSON.stringify({
  requests, seconds: elapsed, rps: requests / elapsed, p50_ms: pct(0.5), p99_ms: pct(0.99), events_sent: eventsSent, errors, statuses,
  cpu_us_per_request: Math.round((cpu.user + cpu.system) / Math.max(1, answered)),
}));
