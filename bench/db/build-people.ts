// People with their tags, the history of their consent and the bounces that made some of them `bouncing`:
// ids 1..N, in chunks, every value drawn on the database server.
import type { Db } from '../../src/db/schema.ts';
import { lit, nth, run, weighted, type BulkSql } from './bulk-sql.ts';
import { CITIES, COUNTRIES, DOMAINS, JOINED_OVER_SECONDS, LANGUAGES, NAMES, SOURCES, STATUSES, TAGS, VOLUNTEER_SHARE } from './shape.ts';

const CHUNK = 100_000;

export async function buildPeople(db: Db, q: BulkSql, count: number, nowSeconds: number, progress: (done: number) => void) {
  for (let from = 1; from <= count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK - 1);
    await run(db, peopleChunk(q, from, to, nowSeconds));
    await run(db, tagsChunk(q, from, to));
    await run(db, consentChunk(from, to));
    progress(to);
  }
  await run(db, bouncesOf(q));
}

function peopleChunk(q: BulkSql, from: number, to: number, now: number): string {
  const name = (part: 'given' | 'family', index: string, form: 0 | 1) => `CASE lang ${Object.entries(NAMES)
    .map(([language, names]) => `WHEN ${lit(language)} THEN ${nth(index, names[part].map((n) => n[form]))}`).join(' ')} ELSE ${nth(index, NAMES.en![part].map((n) => n[form]))} END`;
  const city = `CASE country ${Object.entries(CITIES).map(([c, [a, b]]) => `WHEN ${lit(c)} THEN CASE WHEN r_city < 0.7 THEN ${lit(a)} ELSE ${lit(b)} END`).join(' ')} ELSE 'Geneva' END`;
  const fields: [string, string][] = [['city', city], ['source', weighted('r_source', SOURCES)]];
  const created = `(${now} - ${q.int(`r_joined * ${JOINED_OVER_SECONDS}`)})`;
  return `${q.series(from, to)},
    x AS MATERIALIZED (SELECT g, ${['r_lang', 'r_given', 'r_family', 'r_country', 'r_status', 'r_joined', 'r_changed', 'r_city', 'r_source', 'r_vol', 'r_domain', 'r_zip']
      .map((r) => `${q.rnd()} AS ${r}`).join(', ')} FROM s),
    y AS (SELECT x.*, ${weighted('r_lang', LANGUAGES)} AS lang, ${weighted('r_country', COUNTRIES)} AS country,
      ${weighted('r_status', STATUSES)} AS status, ${q.int('r_given * 10')} AS gi, ${q.int('r_family * 10')} AS fi,
      ${created} AS joined FROM x)
    INSERT INTO people (id, email, given_name, family_name, language, country, postal_code, custom_fields, status, status_changed_at, created_at, updated_at)
    SELECT g,
      ${name('given', 'gi', 1)} || '.' || ${name('family', 'fi', 1)} || ${q.text('g')} || '@' || ${nth(q.int(`r_domain * ${DOMAINS.length}`), DOMAINS)},
      ${name('given', 'gi', 0)}, ${name('family', 'fi', 0)}, lang, country, ${q.text(`10000 + ${q.int('r_zip * 89999')}`)},
      CASE WHEN r_vol < ${VOLUNTEER_SHARE} THEN ${q.json([...fields, ['volunteer', "'yes'"]])} ELSE ${q.json(fields)} END,
      status,
      ${q.ts(`CASE WHEN status = 'subscribed' THEN joined ELSE joined + ${q.int(`r_changed * (${now} - joined)`)} END`)},
      ${q.ts('joined')}, ${q.ts('joined')}
    FROM y`;
}

function tagsChunk(q: BulkSql, from: number, to: number): string {
  // one SELECT per tag: a draw per person and tag (in a join, PostgreSQL would draw once per tag)
  return `${q.series(from, to)}
    INSERT INTO person_tags (person_id, tag)
    ${TAGS.map(([tag, p]) => `SELECT g, ${lit(tag)} FROM s WHERE ${q.rnd()} < ${p.toFixed(4)}`).join('\n    UNION ALL ')}`;
}

/** Everyone came in by an import; those who left since have a second change saying how. */
function consentChunk(from: number, to: number): string {
  return `INSERT INTO subscription_changes (person_id, status, previous_status, source, detail, changed_at)
    SELECT id, status, previous_status, source, detail, changed_at FROM (
      SELECT id, 'subscribed' AS status, NULL AS previous_status, 'import' AS source, 'supporters.csv' AS detail, created_at AS changed_at, 0 AS n
        FROM people WHERE id BETWEEN ${from} AND ${to}
      UNION ALL
      SELECT id, status, 'subscribed', CASE status WHEN 'unsubscribed' THEN 'unsubscribe-page' WHEN 'bouncing' THEN 'bounce' ELSE 'complaint' END,
        NULL, status_changed_at, 1
        FROM people WHERE id BETWEEN ${from} AND ${to} AND status <> 'subscribed'
    ) c ORDER BY id, n`;
}

function bouncesOf(q: BulkSql): string {
  return `INSERT INTO bounce_events (person_id, message_id, kind, provider, detail, event_key, outcome, created_at)
    SELECT id, NULL, CASE status WHEN 'bouncing' THEN 'hard' ELSE 'complaint' END,
      CASE WHEN id % 2 = 0 THEN 'smtp' ELSE 'ses' END,
      CASE status WHEN 'bouncing' THEN '550 5.1.1 user unknown' ELSE 'abuse report' END,
      'bench-' || ${q.text('id')}, status, status_changed_at
    FROM people WHERE status IN ('bouncing', 'spam complaint')`;
}
