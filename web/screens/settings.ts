// Settings, one section at a time: your own sign-in (second factor) for everyone; the organisation,
// email, users, API tokens, public wording and the audit log for owners.
import { Screen } from '../components/screen.ts';
import { html } from '../lib/html.ts';
import { t } from '../lib/i18n.ts';
import { canManage } from '../lib/session.ts';
import { AccountSettings } from './settings/account.ts';
import { AuditLog } from './settings/audit.ts';
import { EmailSettings } from './settings/email.ts';
import { OrganisationSettings } from './settings/organisation.ts';
import { PublicStrings } from './settings/strings.ts';
import { ApiTokens } from './settings/tokens.ts';
import { Users } from './settings/users.ts';

const SECTIONS = [
  ['account', AccountSettings, false],
  ['organisation', OrganisationSettings, true],
  ['email', EmailSettings, true],
  ['users', Users, true],
  ['tokens', ApiTokens, true],
  ['strings', PublicStrings, true],
  ['audit', AuditLog, true],
] as const;

export function Settings({ section = 'account' }: { section?: string }) {
  const allowed = SECTIONS.filter(([, , ownerOnly]) => !ownerOnly || canManage());
  const current = allowed.find(([name]) => name === section) ?? allowed[0]!;
  const Section = current[1];
  return html`<${Screen} title=${`${t('settings.title')}: ${t(`settings.${current[0]}`)}`}>
    <nav class="tabs" aria-label=${t('settings.sections')}><ul>
      ${allowed.map(([name]) => html`<li><a href=${`/app/settings/${name}`} aria-current=${name === current[0] ? 'page' : undefined}>${t(`settings.${name}`)}</a></li>`)}
    </ul></nav>
    <${Section} />
  </${Screen}>`;
}
