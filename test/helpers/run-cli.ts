import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/core/index.ts';

/** The real `patron` command (bin/patron.js over the build), as a user runs it. */
export const patronBin = join(packageRoot, 'bin', 'patron.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string> = {}, input?: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [patronBin, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdin.end(input ?? '');
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export interface RunningPatron {
  child: ChildProcess;
  url: string;
  banner: string;
  /** Settles with the exit code (or -1 when killed by a signal). */
  exited: Promise<number>;
  stop(signal?: NodeJS.Signals): Promise<number>;
}

/** `patron start` in the background; resolves once it has printed its URL. */
export function startPatron(args: string[], env: Record<string, string>): Promise<RunningPatron> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [patronBin, 'start', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let banner = '';
    let stderr = '';
    const exited = new Promise<number>((r) => child.on('exit', (code) => r(code ?? -1)));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      banner += c.toString();
      const match = /web app:\s+(http:\/\/\S+?)\/?\s/.exec(banner) ?? (/stop with Ctrl\+C/.test(banner) ? ['', ''] : null);
      if (match) {
        resolve({
          child,
          url: match[1]!,
          banner,
          exited,
          async stop(signal = 'SIGTERM') {
            child.kill(signal);
            return exited;
          },
        });
      }
    });
    void exited.then((code) => reject(new Error(`patron start exited with ${code}: ${stderr}`)));
  });
}
