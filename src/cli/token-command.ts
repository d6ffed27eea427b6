import type { Command } from 'commander';
import { commandLine, createApiTokenBy, listApiTokens, ROLES, type Role } from '../modules/accounts/index.ts';
import { withRuntime } from './context.ts';

export function registerTokenCommands(program: Command): void {
  const token = program.command('token').description('API tokens');
  token.command('create')
    .description('create an API token; the token alone is printed on the last line')
    .requiredOption('--name <name>', 'what the token is for')
    .option('--role <role>', `what it may do: ${ROLES.join(', ')}`, 'owner')
    .action(async (opts: { name: string; role: string }) => {
      const created = await withRuntime(program.opts(), (rt) => createApiTokenBy(rt.deps, commandLine, { name: opts.name, role: opts.role as Role }, null));
      console.error(`Created API token #${created.id} "${created.name}" (${created.role}). Keep it safe: it is not shown again.`);
      console.log(created.token);
    });
  token.command('list')
    .description('list API tokens (names and dates, never the tokens)')
    .action(async () => {
      const rows = await withRuntime(program.opts(), (rt) => listApiTokens(rt.deps));
      for (const r of rows) console.log(`#${r.id}\t${r.name}\t${r.role}\tcreated ${r.created_at}\tlast used ${r.last_used_at ?? 'never'}`);
    });
}
