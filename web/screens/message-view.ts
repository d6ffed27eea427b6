// One message: its preview, test copy and send while a draft; a progress bar while it sends (polled each
// second); and its numbers afterwards, link by link.
import { useCallback } from 'preact/hooks';
import { EmailPreview } from '../components/email-preview.ts';
import { ErrorNote, Loading } from '../components/notice.ts';
import { Screen } from '../components/screen.ts';
import { SendControls, SendNow, TestSend } from '../components/send-panel.ts';
import { html } from '../lib/html.ts';
import { formatDateTime, formatNumber, formatPercent, t } from '../lib/i18n.ts';
import { canEdit } from '../lib/session.ts';
import type { Message } from '../lib/types.ts';
import { useApi, useInterval } from '../lib/use-api.ts';

function Numbers({ message }: { message: Message }) {
  const s = message.statistics;
  const rows: [string, number | null][] = [
    ['stats.sent', s.sent], ['stats.failed', s.failed], ['stats.bounced', s.bounced], ['stats.clicked', s.clicked],
    ['stats.unsubscribed', s.unsubscribed], ['stats.opened', s.opened],
  ];
  return html`<section class="card" aria-labelledby="numbers-title">
    <h2 id="numbers-title">${t('stats.title')}</h2>
    <dl class="numbers">${rows.filter(([, n]) => n !== null).map(([key, n]) => html`<div>
      <dt>${t(key)}</dt><dd>${formatNumber(n!)}${key !== 'stats.sent' && s.sent ? html` <span class="muted">(${formatPercent(n!, s.sent)})</span>` : null}</dd>
    </div>`)}</dl>
    ${s.links.length ? html`<h3>${t('stats.perLink')}</h3><div class="table-wrap"><table>
      <thead><tr><th scope="col">${t('stats.link')}</th><th scope="col" class="num">${t('stats.clicked')}</th></tr></thead>
      <tbody>${s.links.map((l) => html`<tr><td class="url"><bdi dir="ltr">${l.url}</bdi></td><td class="num">${formatNumber(l.clicked)}</td></tr>`)}</tbody>
    </table></div>` : null}
  </section>`;
}

function SendProgress({ message }: { message: Message }) {
  const s = message.statistics;
  const total = s.total || message.total_targeted;
  const done = s.sent + s.failed + s.skipped;
  return html`<section class="card" aria-labelledby="progress-title">
    <h2 id="progress-title">${t('send.progress')}</h2>
    <progress max=${total || 1} value=${done} aria-labelledby="progress-title"></progress>
    <p role="status">${t('send.progressText', { done, total })}</p>
  </section>`;
}

export function MessageView({ id }: { id: string }) {
  const { data: message, error, reload } = useApi<Message>(`/api/v1/messages/${id}`);
  const active = message?.status === 'sending' || message?.status === 'scheduled';
  useInterval(useCallback(() => void reload(), [reload]), 1000, active);
  if (!message) return html`<${Screen} title=${t('messages.title')}><${ErrorNote} error=${error} />${error ? null : html`<${Loading} />`}</${Screen}>`;
  const draft = message.status === 'draft';
  return html`<${Screen} title=${message.subject}>
    <p><span class=${`badge status-${message.status}`}>${t(`status.${message.status}`)}</span>
      ${message.scheduled_at && message.status === 'scheduled' ? html` ${t('send.scheduledFor', { when: formatDateTime(message.scheduled_at, message.timezone ?? undefined) })}` : null}
      <span class="muted"> · ${message.targets.tags.length ? message.targets.tags.join(', ') : t('messages.everyone')}</span></p>
    <${ErrorNote} error=${error} />
    ${!draft ? html`<${SendProgress} message=${message} />` : null}
    ${canEdit() && !draft ? html`<${SendControls} message=${message} onChange=${reload} />` : null}
    ${canEdit() && draft ? html`<${TestSend} messageId=${message.id} /><${SendNow} message=${message} onChange=${reload} />` : null}
    ${!draft ? html`<${Numbers} message=${message} />` : null}
    <${EmailPreview} messageId=${message.id} languages=${[message.language, ...message.translations.map((v) => v.language)]} />
  </${Screen}>`;
}
