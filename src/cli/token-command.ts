import type { Command } from 'commander';
import { createApiToken, listApiTokens } from '../modules/accounts/index.ts';
import { withRuntime } from './context.ts';

export function registerTokenCommands(program: Command): void {
  const token = program.command('token').description('API tokens');
  token.command('create')
    .description('create an API token; the token alone is printed on the last line')
    .requiredOption('--name <name>', 'what the token is for')
    .action(async (opts: { name: string }) => {
      const created = await withRuntime(program.opts(), (rt) => createApiToken(rt.deps, opts.name));
      console.error(`Created API token #${created.id} "${created.name}". Keep it safe: it is not shown again.`);
      console.log(created.token);
    });
  token.command('list')
    .description('list API tokens (names and dates, never the tokens)')
    .action(async () => {
      const rows = await withRuntime(program.opts(), (rt) => listApiTokens(rt.deps));
      for (const r of rows) console.log(`#${r.id}\t${r.name}\tcreated ${r.created_at}\tlast used ${r.last_used_at ?? 'never'}`);
    });
}
