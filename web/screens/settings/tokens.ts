// API tokens for scripts and other tools: each with a name and a role; the token itself is shown once.
import { useState } from 'preact/hooks';
import { Field, Select } from '../../components/field.ts';
import { ErrorNote, Done, Loading } from '../../components/notice.ts';
import { api } from '../../lib/api.ts';
import { html } from '../../lib/html.ts';
import { formatDateTime, t } from '../../lib/i18n.ts';
import { useApi } from '../../lib/use-api.ts';

interface Token { id: number; name: string; role?: string; created_at?: string; last_used_at?: string | null }

export function ApiTokens() {
  const { data, error, reload } = useApi<{ items: Token[] }>('/api/v1/tokens');
  const [name, setName] = useState('');
  const [role, setRole] = useState('campaigner');
  const [created, setCreated] = useState('');
  const [actionError, setActionError] = useState<unknown>();
  const create = async (e: Event) => {
    e.preventDefault();
    setActionError(undefined);
    setCreated('');
    try {
      const token = await api<{ token: string }>('POST', '/api/v1/tokens', { name: name.trim(), role });
      setCreated(token.token);
      setName('');
      await reload();
    } catch (err) {
      setActionError(err);
    }
  };
  const revoke = async (token: Token) => {
    if (!confirm(t('tokens.confirmRevoke', { name: token.name }))) return;
    setActionError(undefined);
    try { await api('DELETE', `/api/v1/tokens/${token.id}`); await reload(); } catch (err) { setActionError(err); }
  };
  return html`
    <form class="card" onSubmit=${create} aria-labelledby="token-new">
      <h2 id="token-new">${t('tokens.create')}</h2>
      <div class="row">
        <${Field} label=${t('tokens.name')} name="token-name" value=${name} onValue=${setName} required />
        <${Select} label=${t('users.role')} name="token-role" value=${role} onValue=${setRole}
          options=${['owner', 'campaigner', 'viewer'].map((r) => [r, t(`role.${r}`)] as const)} />
      </div>
      <div class="actions"><button type="submit" disabled=${!name.trim()}>${t('tokens.createButton')}</button></div>
      <${Done}>${created ? html`${t('tokens.shownOnce')} <code dir="ltr" class="secret">${created}</code>` : null}</${Done}>
    </form>
    <section class="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">${t('tokens.title')}</h2>
      <${ErrorNote} error=${error ?? actionError} />
      ${!data ? html`<${Loading} />` : html`<div class="table-wrap"><table>
        <thead><tr><th scope="col">${t('tokens.name')}</th><th scope="col">${t('users.role')}</th><th scope="col">${t('tokens.created')}</th>
          <th scope="col">${t('tokens.lastUsed')}</th><th scope="col"><span class="visually-hidden">${t('users.actions')}</span></th></tr></thead>
        <tbody>${data.items.map((tok) => html`<tr><td><bdi>${tok.name}</bdi></td><td>${tok.role ? t(`role.${tok.role}`) : ''}</td>
          <td>${formatDateTime(tok.created_at)}</td><td>${tok.last_used_at ? formatDateTime(tok.last_used_at) : t('users.never')}</td>
          <td><button type="button" class="link danger" onClick=${() => revoke(tok)}>${t('tokens.revoke')}<span class="visually-hidden"> <bdi>${tok.name}</bdi></span></button></td></tr>`)}</tbody>
      </table></div>`}
    </section>`;
}
