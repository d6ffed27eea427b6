// The `outcry` command: thin commands that call services.
import { Command, CommanderError } from 'commander';
import { Problem } from '../http/problem.ts';
import { registerDbCommands } from './db-command.ts';
import { registerDemoCommand } from './demo-command.ts';
import { registerMessagesCommands } from './messages-command.ts';
import { registerPeopleCommands } from './people-command.ts';
import { registerStartCommands } from './start-command.ts';
import { registerTokenCommands } from './token-command.ts';
import { registerUsersCommands } from './users-command.ts';

export async function runCli(argv: string[]): Promise<void> {
  const program = new Command('outcry')
    .description('Outcry: supporters, storm emails and action pages for coordinated social-media storms')
    .option('--data <dir>', 'folder of the embedded database (env OUTCRY_DATA, default ./outcry-data)')
    .option('--port <port>', 'HTTP port (env PORT, default 3000)')
    .showHelpAfterError();
  registerStartCommands(program);
  registerTokenCommands(program);
  registerUsersCommands(program);
  registerMessagesCommands(program);
  registerPeopleCommands(program);
  registerDemoCommand(program);
  registerDbCommands(program);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode);
    if (err instanceof Problem) {
      console.error(`outcry: ${err.message}${err.detail ? `\n  ${err.detail}` : ''}`);
    } else {
      console.error(`outcry: ${err instanceof Error ? err.message : String(err)}`);
    }
    process.exit(1);
  }
}
