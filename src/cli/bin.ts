import { ExitCode } from '../core/index.ts';
import { main } from './main.ts';

const code = await main(process.argv);
// `start` keeps running (its server holds the event loop and handles its own signals);
// every other command, and a failed start, ends here.
const started = process.argv.slice(2).includes('start') && code === ExitCode.ok;
if (!started) process.exit(process.exitCode && code === ExitCode.ok ? Number(process.exitCode) : code);
