import { ExitCode } from '../core/index.ts';
import { main } from './main.ts';

// Output piped into `head` and cut short is not an error of ours: stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(ExitCode.ok);
  throw error;
});
const code = await main(process.argv);
// `start` keeps running (its server holds the event loop and handles its own signals);
// every other command, and a failed start, ends here.
const started = process.argv.slice(2).includes('start') && code === ExitCode.ok;
if (!started) process.exit(process.exitCode && code === ExitCode.ok ? Number(process.exitCode) : code);
