import type { Command } from 'commander';
import { commandLine, inviteUser, issueSetupLink, listUsers, reinviteUser, ROLES } from '../modules/accounts/index.ts';
import { Problem } from '../http/problem.ts';
import { withRuntime } from './context.ts';

export function registerUsersCommands(program: Command): void {
  const users = program.command('users').description('organisers\' accounts');
  users.command('setup-link')
    .description('a one-time link that creates the first owner account (only while there is none)')
    .action(async () => {
      const link = await withRuntime(program.opts(), (rt) => issueSetupLink(rt.deps));
      console.error(`A one-time link to create the owner account, valid until ${link.expiresAt}:`);
      console.log(link.url);
    });
  users.command('list')
    .description('organisers with their roles')
    .action(async () => {
      const { items } = await withRuntime(program.opts(), (rt) => listUsers(rt.deps));
      for (const u of items) console.log(`#${u.id}\t${u.role}\t${u.status}\t${u.email}\t${u.name}${u.totp_enabled ? '\t(second factor on)' : ''}`);
    });
  users.command('invite')
    .description('add an organiser; prints the one-time link that lets them choose a password')
    .requiredOption('--email <address>', 'their email address')
    .requiredOption('--name <name>', 'their name')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, 'campaigner')
    .action(async (opts: { email: string; name: string; role: string }) => {
      const { user, invite_url } = await withRuntime(program.opts(), (rt) => inviteUser(rt.deps, commandLine, opts, null));
      console.error(`Invited #${user.id} ${user.email} as ${user.role}. Hand them this link (valid 72 hours, once):`);
      console.log(invite_url);
    });
  users.command('reset-link')
    .description('a new one-time link for an organiser to choose a password (a forgotten one, an expired invitation)')
    .requiredOption('--email <address>', 'their email address')
    .action(async (opts: { email: string }) => {
      const url = await withRuntime(program.opts(), async (rt) => {
        const user = (await listUsers(rt.deps)).items.find((u) => u.email === opts.email.trim().toLowerCase());
        if (!user) throw new Problem(404, 'not-found', `No organiser has the address ${opts.email}`);
        return (await reinviteUser(rt.deps, commandLine, user.id, null)).invite_url;
      });
      console.error('A one-time link to choose a new password (valid 72 hours, once; it signs them out everywhere):');
      console.log(url);
    });
}
