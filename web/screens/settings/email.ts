// Email: the sender identities messages may come from, each one's limits at the relay (connections,
// messages a second and an hour), where mail goes out (the relay), and a test mail through it that shows
// the relay's own answer.
import { useEffect, useState } from 'preact/hooks';
import { Field } from '../../components/field.ts';
import { ErrorNote, Done } from '../../components/notice.ts';
import { api, ApiError } from '../../lib/api.ts';
import { html } from '../../lib/html.ts';
import { t } from '../../lib/i18n.ts';
import { currentUser } from '../../lib/session.ts';
import { useApi } from '../../lib/use-api.ts';

interface Limits { connections: number | null; per_second: number | null; per_hour: number | null }
interface Senders {
  default_from: string;
  smtp: string | null;
  items: string[];
  defaults: { connections: number; per_second: number; per_hour: number };
  limits: ({ sender: string } & Limits)[];
}
/** A sender's limits as typed: empty is the default. */
type LimitsText = Record<keyof Limits, string>;
const LIMIT_FIELDS = ['connections', 'per_second', 'per_hour'] as const;

/** The address of "Name <address>" or of a bare address, lower-cased: how the server matches senders. */
function addressOf(mailbox: string): string {
  return (/<([^<>]*)>\s*$/.exec(mailbox)?.[1] ?? mailbox).trim().toLowerCase();
}

/** Each sender's connections and rates at the relay, a row per sender (the default sender first). */
function LimitsTable({ senders, defaults, limits, onLimits, error }: {
  senders: string[]; defaults: Senders['defaults']; limits: Record<string, LimitsText>;
  onLimits(address: string, field: keyof Limits, value: string): void; error: unknown;
}) {
  const shown = (n: number) => (n > 0 ? String(n) : t('email.limitsNone'));
  const problem = (i: number, field: string) => (error instanceof ApiError ? error.reasonAt(`limits.${i}.${field}`) : undefined);
  return html`<div class="table-wrap"><table>
    <caption class="hint">${t('email.limitsHint')}</caption>
    <thead><tr>
      <th scope="col">${t('email.limitsSender')}</th>
      <th scope="col">${t('email.limitsConnections')}</th>
      <th scope="col">${t('email.limitsPerSecond')}</th>
      <th scope="col">${t('email.limitsPerHour')}</th>
    </tr></thead>
    <tbody>${senders.map((address, i) => html`<tr key=${address}>
      <th scope="row" dir="ltr">${address}</th>
      ${LIMIT_FIELDS.map((field) => {
        const err = problem(i, field);
        return html`<td>
          <input type="number" min=${field === 'per_second' ? '0.1' : '1'} step=${field === 'per_second' ? 'any' : '1'} inputmode="decimal"
            name=${`limits-${i}-${field}`} aria-label=${`${address}: ${t(field === 'connections' ? 'email.limitsConnections' : field === 'per_second' ? 'email.limitsPerSecond' : 'email.limitsPerHour')}`}
            aria-invalid=${err ? 'true' : undefined} placeholder=${field === 'connections' ? String(defaults.connections) : shown(defaults[field])}
            value=${limits[address]?.[field] ?? ''} onInput=${(e: Event) => onLimits(address, field, (e.currentTarget as HTMLInputElement).value)} />
          ${err ? html`<p class="error">${err}</p>` : null}
        </td>`;
      })}
    </tr>`)}</tbody>
  </table></div>`;
}

function SmtpTest() {
  const [to, setTo] = useState(currentUser().email);
  const [reply, setReply] = useState('');
  const [error, setError] = useState<unknown>();
  const send = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    setReply('');
    try {
      setReply((await api<{ response: string }>('POST', '/api/v1/settings/smtp/test', { email: to.trim() })).response);
    } catch (err) {
      setError(err);
    }
  };
  return html`<form class="card" onSubmit=${send} aria-labelledby="smtp-test-title">
    <h2 id="smtp-test-title">${t('email.testTitle')}</h2>
    <div class="row">
      <${Field} label=${t('email.testTo')} name="smtp-test-to" type="email" value=${to} onValue=${setTo} required />
      <div class="actions"><button type="submit">${t('email.testButton')}</button></div>
    </div>
    <${ErrorNote} error=${error} />
    <${Done}>${reply ? html`${t('send.relaySaid')} <code dir="ltr">${reply}</code>` : null}</${Done}>
  </form>`;
}

export function EmailSettings() {
  const loaded = useApi<Senders>('/api/v1/settings/senders');
  const [items, setItems] = useState('');
  const [limits, setLimits] = useState<Record<string, LimitsText>>({});
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState('');
  useEffect(() => {
    if (!loaded.data) return;
    setItems(loaded.data.items.join('\n'));
    setLimits(Object.fromEntries(loaded.data.limits.map((l) => [l.sender, {
      connections: l.connections?.toString() ?? '', per_second: l.per_second?.toString() ?? '', per_hour: l.per_hour?.toString() ?? '',
    }])));
  }, [loaded.data]);
  const lines = items.split('\n').map((s) => s.trim()).filter(Boolean);
  // the rows follow the identities as they are typed: the default sender, then each one once
  const senders = loaded.data ? [...new Set([addressOf(loaded.data.default_from), ...lines.map(addressOf)])] : [];
  const onLimits = (address: string, field: keyof Limits, value: string) =>
    setLimits((all) => ({ ...all, [address]: { ...(all[address] ?? { connections: '', per_second: '', per_hour: '' }), [field]: value } }));
  const save = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    setDone('');
    try {
      const rows = senders.map((sender) => {
        const typed = limits[sender];
        const row: Record<string, string | number> = { sender };
        for (const field of LIMIT_FIELDS) if (typed?.[field]?.trim()) row[field] = Number(typed[field]);
        return row;
      });
      await api('PUT', '/api/v1/settings/senders', { items: lines, limits: rows });
      setDone(t('settings.saved'));
      void loaded.reload();
    } catch (err) {
      setError(err);
    }
  };
  return html`
    <section class="card" aria-labelledby="relay-title">
      <h2 id="relay-title">${t('email.relay')}</h2>
      <p>${loaded.data ? (loaded.data.smtp ? html`<code dir="ltr">${loaded.data.smtp}</code>` : t('email.noRelay')) : ''}</p>
      <p>${t('email.defaultFrom')} <code dir="ltr">${loaded.data?.default_from ?? ''}</code></p>
    </section>
    <form class="card" onSubmit=${save} aria-labelledby="senders-title">
      <h2 id="senders-title">${t('email.senders')}</h2>
      <${Field} label=${t('email.sendersField')} name="senders" value=${items} onValue=${setItems} multiline rows=${4} dir="ltr" hint=${t('email.sendersHint')} />
      <h3>${t('email.limitsTitle')}</h3>
      ${loaded.data ? html`<${LimitsTable} senders=${senders} defaults=${loaded.data.defaults} limits=${limits} onLimits=${onLimits} error=${error} />` : null}
      <${ErrorNote} error=${error ?? loaded.error} />
      <${Done}>${done}</${Done}>
      <div class="actions"><button type="submit">${t('settings.save')}</button></div>
    </form>
    <${SmtpTest} />`;
}
