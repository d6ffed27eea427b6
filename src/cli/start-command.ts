import type { Command } from 'commander';
import { issueSetupLink, ownerExists } from '../modules/accounts/index.ts';
import { createRuntime } from '../runtime.ts';
import { configFrom, type GlobalOptions } from './context.ts';

async function run(options: GlobalOptions, mode: { web: boolean; worker: boolean }) {
  const config = configFrom(options);
  const rt = await createRuntime(config, { ...mode, logger: true });
  if (rt.app) {
    await rt.app.listen({ port: config.port, host: config.host });
    const where = config.databaseUrl ? 'PostgreSQL' : `embedded SQLite in ${config.dataDir}`;
    console.log(`\nOutcry is running at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/ (public links use ${config.publicUrl}; data: ${where})`);
    console.log(`Organisers sign in at ${config.publicUrl}/login; API description: ${config.publicUrl}/api/openapi.json`);
    // until someone has made the first owner account, every start prints a fresh one-time link to do it
    if (!(await ownerExists(rt.deps))) {
      const link = await issueSetupLink(rt.deps);
      console.log('\nNo organiser account exists yet. Open this one-time link to create the owner account');
      console.log(`(it works once, until ${link.expiresAt}; \`npx outcry users setup-link\` makes another):`);
      console.log(`\n  ${link.url}\n`);
      console.log('To look around with made-up data first: npx outcry demo');
    }
    if (!config.smtpUrl) console.log('\nSMTP_URL is not set: messages cannot be sent until it is.');
  } else {
    console.log('Outcry worker is running.');
  }
  // the jobs' timers keep no process running (tests and one-off commands end when done), and a worker has no
  // HTTP server: without this, a worker on the embedded database exited as soon as it had nothing due
  const running = setInterval(() => {}, 2 ** 31 - 1);
  const shutdown = async () => {
    clearInterval(running);
    await rt.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

export function registerStartCommands(program: Command): void {
  program.command('start')
    .description('run the web server and the worker in one process')
    .option('--web-only', 'serve HTTP only; run `outcry worker` elsewhere for jobs')
    .action(async (opts: { webOnly?: boolean }) => run(program.opts(), { web: true, worker: !opts.webOnly }));
  program.command('worker')
    .description('run jobs only (sending, schedules)')
    .action(async () => run(program.opts(), { web: false, worker: true }));
}
