// `outcry messages`: list, send (or schedule) with a progress bar, and a test copy. Thin: each calls the messages module.
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { hasOffset, wallClockIn } from '../lib/zoned-time.ts';
import { getMessage, listMessages, sendTestCopy, startSend, type SendState } from '../modules/messages/index.ts';
import type { Runtime } from '../runtime.ts';
import { fail, withRuntime } from './context.ts';

function messageId(value: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) fail(`"${value}" is not a message id (see \`outcry messages list\`)`);
  return id;
}

/** Runs the worker in this process and shows progress on stderr until the send ends or Ctrl-C. */
async function followSend(rt: Runtime, id: number): Promise<string> {
  const bar = new cliProgress.SingleBar({
    stream: process.stderr,
    format: 'Sending |{bar}| {value}/{total} sent, {failed} failed, {waiting} to go',
    hideCursor: true,
  }, cliProgress.Presets.shades_classic);
  let interrupted = false;
  const onInterrupt = () => { interrupted = true; };
  process.once('SIGINT', onInterrupt);
  bar.start(0, 0, { failed: 0, waiting: 0 });
  try {
    for (;;) {
      const { status, statistics: s, total_targeted } = await getMessage(rt.deps, id);
      bar.setTotal(Math.max(total_targeted, s.total));
      bar.update(s.sent, { failed: s.failed, waiting: s.queued });
      if (status !== 'sending' && status !== 'scheduled') return status;
      if (interrupted) return 'interrupted';
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    bar.stop();
    process.off('SIGINT', onInterrupt);
  }
}

async function scheduleSend(rt: Runtime, id: number, at: string, timezone: string | undefined): Promise<SendState> {
  if (!hasOffset(at) && timezone === undefined) {
    fail(`--at "${at}" has no offset: add --timezone, e.g. --timezone Europe/London`);
  }
  return startSend(rt.deps, id, { at: at.trim().replace(' ', 'T'), timezone });
}

function describeSchedule(id: number, state: SendState): string {
  const at = new Date(state.scheduled_at!);
  const local = state.timezone ? `${wallClockIn(at, state.timezone)} ${state.timezone} = ` : '';
  return `Message #${id} is scheduled for ${local}${state.scheduled_at}; \`outcry start\` sends it then.`;
}

export function registerMessagesCommands(program: Command): void {
  const messages = program.command('messages').description('email messages to supporters');

  messages.command('list')
    .description('list messages, newest first')
    .action(async () => {
      const rows = await withRuntime(program.opts(), (rt) => listMessages(rt.deps, { limit: 200 }));
      if (rows.length === 0) console.error('No messages yet.');
      for (const m of rows) console.log(`#${m.id}\t${m.status}\t${m.total_targeted} recipients\t${m.created_date}\t${m.subject}`);
    });

  messages.command('send')
    .argument('<id>', 'message id')
    .option('--at <time>', 'schedule instead of sending now: "2026-02-20 19:00" (with --timezone) or a time with an offset')
    .option('--timezone <zone>', 'IANA time zone --at is written in, e.g. Europe/London')
    .description('start sending a message (or follow one already sending) and show its progress, or schedule it with --at')
    .action(async (value: string, opts: { at?: string; timezone?: string }) => {
      const id = messageId(value);
      await withRuntime(program.opts(), async (rt) => {
        if (opts.at !== undefined) {
          const state = await scheduleSend(rt, id, opts.at, opts.timezone);
          // still ahead: `outcry start` sends it then, so there is nothing to follow here
          if (state.status === 'scheduled') return console.error(describeSchedule(id, state));
        } else if ((await getMessage(rt.deps, id)).status !== 'sending') {
          await startSend(rt.deps, id);
        }
        const outcome = await followSend(rt, id);
        const { statistics: s } = await getMessage(rt.deps, id);
        if (outcome === 'interrupted') {
          console.error(`Stopped here after ${s.sent} of ${s.total}; the message is still sending and \`outcry start\` (or this command) carries on.`);
        } else {
          console.error(`Message #${id} is ${outcome}: ${s.sent} sent, ${s.failed} failed (${s.bounced} bounced), ${s.skipped} skipped.`);
        }
      }, true);
    });

  messages.command('test')
    .argument('<id>', 'message id')
    .requiredOption('--to <address>', 'where to send the test copy')
    .description('send one test copy and print the mail relay\'s answer')
    .action(async (value: string, opts: { to: string }) => {
      const id = messageId(value);
      const { response } = await withRuntime(program.opts(), (rt) => sendTestCopy(rt.deps, id, opts.to));
      console.log(response);
    });
}
