// Entry of the `outcry` command.
import { runCli } from './cli/index.ts';

await runCli(process.argv);
