// Users and roles: who may sign in and what each may do; a new user gets an invitation link to choose
// their password (sent by you, through whatever channel you trust).
import { useState } from 'preact/hooks';
import { Field, Select } from '../../components/field.ts';
import { ErrorNote, Done, Loading } from '../../components/notice.ts';
import { api, ApiError } from '../../lib/api.ts';
import { html } from '../../lib/html.ts';
import { formatDateTime, t } from '../../lib/i18n.ts';
import { currentUser, type Role, type User } from '../../lib/session.ts';
import { useApi } from '../../lib/use-api.ts';

const ROLES: Role[] = ['owner', 'campaigner', 'viewer'];
const roleOptions = () => ROLES.map((r) => [r, t(`role.${r}`)] as const);

interface ListedUser extends User { last_login_at: string | null; status: 'active' | 'invited' }

function Invite({ onDone }: { onDone(): void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('campaigner');
  const [link, setLink] = useState('');
  const [error, setError] = useState<unknown>();
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    setLink('');
    try {
      setLink((await api<{ invite_url: string }>('POST', '/api/v1/users', { name, email, role })).invite_url);
      setName('');
      setEmail('');
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  const fieldError = (f: string) => (error instanceof ApiError ? error.reasonFor(f) : undefined);
  return html`<form class="card" onSubmit=${submit} aria-labelledby="invite-title" novalidate>
    <h2 id="invite-title">${t('users.invite')}</h2>
    <div class="row">
      <${Field} label=${t('users.name')} name="user-name" value=${name} onValue=${setName} required error=${fieldError('name')} />
      <${Field} label=${t('users.email')} name="user-email" type="email" value=${email} onValue=${setEmail} required error=${fieldError('email')} />
      <${Select} label=${t('users.role')} name="user-role" value=${role} onValue=${(v: string) => setRole(v as Role)} options=${roleOptions()} />
    </div>
    <${ErrorNote} error=${error} />
    <${Done}>${link ? html`${t('users.inviteLink')} <code dir="ltr" class="secret">${link}</code>` : null}</${Done}>
    <div class="actions"><button type="submit">${t('users.inviteButton')}</button></div>
  </form>`;
}

export function Users() {
  const { data, error, reload } = useApi<{ items: ListedUser[] }>('/api/v1/users');
  const [actionError, setActionError] = useState<unknown>();
  const [link, setLink] = useState<{ name: string; url: string }>();
  const me = currentUser();
  const reinvite = (u: ListedUser) => act(async () => setLink({ name: u.name, url: (await api<{ invite_url: string }>('POST', `/api/v1/users/${u.id}/invite`)).invite_url }));
  const act = async (run: () => Promise<unknown>) => {
    setActionError(undefined);
    try { await run(); await reload(); } catch (err) { setActionError(err); }
  };
  return html`
    <${Invite} onDone=${reload} />
    <section class="card" aria-labelledby="users-title">
      <h2 id="users-title">${t('users.title')}</h2>
      <${ErrorNote} error=${error ?? actionError} />
      <${Done}>${link ? html`${t('users.newLinkFor', { name: link.name })} <code dir="ltr" class="secret">${link.url}</code>` : null}</${Done}>
      ${!data ? html`<${Loading} />` : html`<div class="table-wrap"><table>
        <thead><tr><th scope="col">${t('users.name')}</th><th scope="col">${t('users.email')}</th><th scope="col">${t('users.role')}</th>
          <th scope="col">${t('users.lastLogin')}</th><th scope="col"><span class="visually-hidden">${t('users.actions')}</span></th></tr></thead>
        <tbody>${data.items.map((u) => html`<tr>
          <td><bdi>${u.name}</bdi></td><td><bdi>${u.email}</bdi></td>
          <td>${u.id === me.id ? t(`role.${u.role}`) : html`<select aria-label=${t('users.roleOf', { name: u.name })} value=${u.role}
            onChange=${(e: Event) => act(() => api('PATCH', `/api/v1/users/${u.id}`, { role: (e.currentTarget as HTMLSelectElement).value }))}>
            ${roleOptions().map(([r, label]) => html`<option value=${r} selected=${r === u.role}>${label}</option>`)}</select>`}</td>
          <td>${u.status === 'invited' ? t('users.invited') : u.last_login_at ? formatDateTime(u.last_login_at) : t('users.never')}</td>
          <td>${u.id === me.id ? null : html`<button type="button" class="link" onClick=${() => reinvite(u)}>${t('users.newLink')}<span class="visually-hidden"> <bdi>${u.name}</bdi></span></button>
            ${' '}<button type="button" class="link danger"
            onClick=${() => confirm(t('users.confirmRemove', { name: u.name })) && act(() => api('DELETE', `/api/v1/users/${u.id}`))}>
            ${t('users.remove')}<span class="visually-hidden"> <bdi>${u.name}</bdi></span></button>`}</td>
        </tr>`)}</tbody>
      </table></div>`}
    </section>`;
}
