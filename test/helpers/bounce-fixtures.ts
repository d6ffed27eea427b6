// What the bounce tests share: a supporter who has been sent a message (and what that mail carried), and
// their subscription with its history.
import { readFileSync } from 'node:fs';
import type { SmtpSink } from './smtp-sink.ts';
import { addSupporter, listUnsubscribeUrl, sendAndWait } from './fixtures.ts';
import type { TestContext } from './test-app.ts';

export interface Mailed {
  personId: number;
  email: string;
  messageId: number;
  /** The recipient token in the mail's links. */
  token: string;
  /** The mail's Message-ID header, with angle brackets. */
  rfcMessageId: string;
}

/** A new subscribed supporter at `email`, sent one message through the API; `personId` reuses one already there. */
export async function mailSupporter(ctx: TestContext, sink: SmtpSink, email: string, personId?: number): Promise<Mailed> {
  const tag = email.split('@')[0]!;
  const id = personId ?? await addSupporter(ctx.runtime.deps.db, email, tag);
  const messageId = await sendAndWait(ctx, { subject: 'Will you join the storm?', body: 'Hi {{ first_name }}', targets: { tags: [tag] } });
  const mail = sink.mails.filter((m) => m.envelopeTo[0] === email).at(-1)!;
  const token = /\/u\/([A-Za-z0-9_-]+)/.exec(listUnsubscribeUrl(mail))![1]!;
  return { personId: id, email, messageId, token, rfcMessageId: mail.parsed.messageId! };
}

export async function subscriptionOf(ctx: TestContext, personId: number) {
  const db = ctx.runtime.deps.db;
  const person = await db.selectFrom('people').select('status').where('id', '=', personId).executeTakeFirstOrThrow();
  const history = await db.selectFrom('subscription_changes').select(['status', 'source', 'detail'])
    .where('person_id', '=', personId).orderBy('id').execute();
  return { status: person.status, history };
}

/** A hand-written bounce or abuse report from test/fixtures/bounces, made about this mail. */
export function reportAbout(fixture: string, mailed: Mailed): string {
  return readFileSync(new URL(`../fixtures/bounces/${fixture}`, import.meta.url), 'utf8')
    .replaceAll('TOKENtokenTOKENtoken01', mailed.token)
    .replaceAll('<MSGIDmsgidMSGIDmsgid01@outcry.example.org>', mailed.rfcMessageId)
    .replaceAll('message-7:outcry', `message-${mailed.messageId}:outcry`)
    .replaceAll('sam@example.org', mailed.email);
}
