// Email blasts and their delivery rows: messages composed through the messages service, then each one's
// recipients (a run of the people list), its delivery log and the clicks, opens and unsubscribes it drew,
// made on the server in chunks. Message sizes vary around the whole list until the delivery rows add up.
import type { Deps } from '../../src/deps.ts';
import type { Db } from '../../src/db/schema.ts';
import { createMessage } from '../../src/modules/messages/index.ts';
import { lit, run, scalar, weighted, type BulkSql } from './bulk-sql.ts';
import {
  CLICK_SHARE, DEFERRED_SHARE, OPEN_SHARE, OUTCOMES, STILL_QUEUED_SHARE, TAGS, UNSUBSCRIBE_SHARE,
} from './shape.ts';

const CHUNK = 250_000;
/** Audience sizes as shares of the list: "everyone" blasts and tag-sized ones. */
const SIZES = [1, 0.9, 0.8, 1, 0.7, 0.95, 0.6, 0.85, 1, 0.75, 0.9, 0.65];
const SUBJECTS = [
  'Will you take part on Saturday?', 'Bugün saat 19:00’da bize katılın', 'The camps are still there', '一起发声：今晚八点',
  'Thank you — 40,000 of you posted', 'Write to your MP this week', 'Bizning ünimiz', 'One hour, one hashtag',
];
const LANGS = ['en', 'tr', 'en', 'zh-Hans', 'en', 'en', 'ug', 'en'];
const ARTICLE = 'https://example.org/blog/what-is-happening';
const DONATE = 'https://example.org/donate';
const SEND_SECONDS = 2 * 3600;

export interface PlannedMessage { id: number; links: string[]; size: number; offset: number; tags: string[]; sending: boolean; trackOpens: boolean; abTest: boolean; startedAt: number }

export function planSizes(people: number, deliveries: number): number[] {
  const sizes: number[] = [];
  for (let left = deliveries, i = 0; left > 0; i++) {
    const size = Math.min(left, Math.max(1, Math.round(SIZES[i % SIZES.length]! * people)));
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

export async function buildMessages(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>, q: BulkSql, publicUrl: string, people: number, deliveries: number, nowSeconds: number,
  progress: (done: number) => void,
): Promise<PlannedMessage[]> {
  const sizes = planSizes(people, deliveries);
  const planned: PlannedMessage[] = [];
  let done = 0;
  for (const [i, size] of sizes.entries()) {
    const m = await composeMessage(deps, publicUrl, i, size, people, sizes.length, nowSeconds);
    planned.push(m);
    for (let from = 1; from <= size; from += CHUNK) {
      const to = Math.min(size, from + CHUNK - 1);
      const before = await maxRecipientId(deps.db);
      await run(deps.db, recipientsChunk(q, m, people, from, to));
      const after = await maxRecipientId(deps.db);
      await run(deps.db, attemptsOf(before + 1, after));
      await run(deps.db, eventsOf(q, m, before + 1, after));
      done += to - from + 1;
      progress(done);
    }
    await run(deps.db, `UPDATE messages SET status = ${lit(m.sending ? 'sending' : 'sent')}, recipients_total = ${size},
      started_at = ${q.ts(String(m.startedAt))}, finished_at = ${m.sending ? 'NULL' : q.ts(String(m.startedAt + SEND_SECONDS))},
      audience_after_id = ${people}, audience_done_at = ${q.ts(String(m.startedAt + 60))}
      ${m.abTest ? `, ab_winner = 1, ab_decide_at = ${q.ts(String(m.startedAt + 3600))}, ab_decided_at = ${q.ts(String(m.startedAt + 3600))}` : ''}
      WHERE id = ${m.id}`);
  }
  return planned;
}

async function composeMessage(deps: Pick<Deps, 'db' | 'clock' | 'config'>, publicUrl: string, i: number, size: number, people: number, count: number, now: number): Promise<PlannedMessage> {
  const everyone = size >= people;
  const tags = everyone ? [] : [TAGS[(i * 3) % TAGS.length]![0], TAGS[(i * 3 + 1) % TAGS.length]![0]];
  const trackOpens = i % 5 === 2;
  const abTest = i % 7 === 3;
  // the last three invite to the storm that is live now (an invitation, a reminder, a last call); the
  // others to earlier storms (slugs as build-storms.ts makes them)
  const slug = i >= count - 3 ? 'closing-ceremony' : `storm-${2 + (i % 5)}`;
  const links = [`${publicUrl}/s/${slug}`, ARTICLE, DONATE];
  const { id } = await createMessage(deps, {
    subject: SUBJECTS[i % SUBJECTS.length]!,
    body: `Hi {{ given_name | default: "friend" }},\n\nOn Saturday at 19:00 we post together. [Send your post](${links[0]})\n\n[Read more](${links[1]}) · [Donate](${links[2]})`,
    language: LANGS[i % LANGS.length],
    targets: { tags },
    track_opens: trackOpens,
    ...(abTest ? { ab_test: { subjects: ['Will you post on Saturday?', 'Saturday, 19:00: one hashtag'], sample_percent: 20 } } : {}),
  });
  return {
    id, size, tags, trackOpens, abTest, links,
    // each send starts its run of the list somewhere else, so everyone gets some and some get many
    offset: Math.floor((i * 0.618034 * people) % people),
    sending: i === count - 1 && count > 1,
    // one a fortnight, the newest last
    startedAt: now - (count - i) * 14 * 86_400 + (i === count - 1 ? 13 * 86_400 : 0),
  };
}

function maxRecipientId(db: Db): Promise<number> {
  return scalar(db, 'SELECT coalesce(max(id), 0) AS n FROM message_recipients');
}

function recipientsChunk(q: BulkSql, m: PlannedMessage, people: number, from: number, to: number): string {
  // a send goes down the list in order: in the one still sending, the last part is still queued
  const queuedAfter = m.sending ? Math.floor(m.size * (1 - STILL_QUEUED_SHARE)) : m.size;
  const o = OUTCOMES;
  const outcome = `CASE WHEN g > ${queuedAfter} THEN 'queued' WHEN r_out < ${o.sent} THEN 'sent' WHEN r_out < ${o.sent + o.bounced} THEN 'bounced'
    WHEN r_out < ${o.sent + o.bounced + o.failed} THEN 'failed' ELSE 'skipped' END`;
  const vars = q.json(['first_name', 'last_name', 'given_name', 'family_name', 'email', 'language', 'country', 'postal_code']
    .map((k) => [k, `p.${k === 'first_name' ? 'given_name' : k === 'last_name' ? 'family_name' : k}`]));
  return `${q.series(from, to)},
    x AS MATERIALIZED (SELECT g, ${q.rnd()} AS r_out, ${q.rnd()} AS r_time, ${q.rnd()} AS r_def, ${q.rnd()} AS r_var FROM s),
    y AS (SELECT x.*, ${outcome} AS outcome, ${m.startedAt} + ${q.int(`r_time * ${SEND_SECONDS}`)} AS first_at FROM x)
    INSERT INTO message_recipients (message_id, person_id, email, token, vars, status, attempts, last_reply, bounced, sent_at, next_attempt_at, subject_variant, first_attempt_at)
    SELECT ${m.id}, p.id, p.email, ${q.token(`g * 1000 + ${m.id}`)}, ${vars},
      CASE outcome WHEN 'bounced' THEN 'failed' ELSE outcome END,
      CASE outcome WHEN 'queued' THEN 0 WHEN 'skipped' THEN 0 WHEN 'sent' THEN CASE WHEN r_def < ${DEFERRED_SHARE} THEN 2 ELSE 1 END ELSE 1 END,
      CASE outcome WHEN 'sent' THEN '250 2.0.0 Ok: queued' WHEN 'bounced' THEN '550 5.1.1 <' || p.email || '>: Recipient address rejected: User unknown'
        WHEN 'failed' THEN '554 5.7.1 Service unavailable; client host blocked' END,
      CASE outcome WHEN 'bounced' THEN 1 ELSE 0 END,
      CASE outcome WHEN 'sent' THEN ${q.ts(`first_at + CASE WHEN r_def < ${DEFERRED_SHARE} THEN 300 ELSE 0 END`)} END,
      NULL,
      ${m.abTest ? q.int('r_var * 2') : 'NULL'},
      CASE WHEN outcome IN ('sent', 'bounced', 'failed') THEN ${q.ts('first_at')} END
    FROM y JOIN people p ON p.id = ((g - 1 + ${m.offset}) % ${people}) + 1`;
}

/** The delivery log: a greylisted first try where there were two, then the outcome, in time order. */
function attemptsOf(from: number, to: number): string {
  return `INSERT INTO delivery_attempts (recipient_id, attempted_at, outcome, reply)
    SELECT recipient_id, attempted_at, outcome, reply FROM (
      SELECT id AS recipient_id, first_attempt_at AS attempted_at, 'deferred' AS outcome,
        '451 4.7.1 Greylisted, please try again in 300 seconds' AS reply, 0 AS n
        FROM message_recipients WHERE id BETWEEN ${from} AND ${to} AND attempts = 2
      UNION ALL
      SELECT id, coalesce(sent_at, first_attempt_at), CASE WHEN status = 'sent' THEN 'sent' WHEN bounced = 1 THEN 'bounced' ELSE 'failed' END,
        last_reply, 1
        FROM message_recipients WHERE id BETWEEN ${from} AND ${to} AND attempts > 0
    ) a ORDER BY recipient_id, n`;
}

/** Who clicked which link, opened (where opens are tracked) or unsubscribed, some time after their mail came. */
function eventsOf(q: BulkSql, m: PlannedMessage, from: number, to: number): string {
  const later = (secs: string) => q.tsPlus('sent_at', secs);
  return `WITH x AS MATERIALIZED (SELECT person_id, sent_at, ${q.rnd()} AS r_click, ${q.rnd()} AS r_link, ${q.rnd()} AS r_delay,
      ${q.rnd()} AS r_open, ${q.rnd()} AS r_unsub FROM message_recipients WHERE id BETWEEN ${from} AND ${to} AND status = 'sent')
    INSERT INTO events (kind, storm_id, variant_id, network, message_id, person_id, visitor, url, created_at)
    SELECT 'click', CAST(NULL AS integer), CAST(NULL AS integer), CAST(NULL AS text), ${m.id}, person_id, NULL, ${weighted('r_link', [[m.links[0]!, 70], [m.links[1]!, 20], [m.links[2]!, 10]])}, ${later(q.int('r_delay * r_delay * 86400'))}
      FROM x WHERE r_click < ${CLICK_SHARE}
    UNION ALL
    SELECT 'open', NULL, NULL, NULL, ${m.id}, person_id, NULL, NULL, ${later(q.int('r_delay * 3600'))}
      FROM x WHERE ${m.trackOpens ? 1 : 0} = 1 AND r_open < ${OPEN_SHARE}
    UNION ALL
    SELECT 'unsubscribe', NULL, NULL, NULL, ${m.id}, person_id, NULL, NULL, ${later(q.int('r_delay * 7200'))}
      FROM x WHERE r_unsub < ${UNSUBSCRIBE_SHARE}`;
}
