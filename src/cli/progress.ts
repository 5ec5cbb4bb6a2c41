/**
 * Progress for long CLI work: a redrawn bar on a terminal, one line per step in logs and CI
 * (where carriage returns would make a mess).
 */
export interface Progress {
  update(done: number, label?: string): void;
  finish(label?: string): void;
}

export function createProgress(title: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const interactive = stream.isTTY === true;
  const started = Date.now();
  let lastLine = '';
  let lastDone = -1;
  const render = (done: number, label = '') => {
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const width = 28;
    const filled = Math.round(share * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    return `${title} ${bar} ${done}/${total} ${seconds}s ${label}`.trimEnd();
  };
  return {
    update(done, label) {
      const line = render(done, label);
      if (interactive) stream.write(`\r\x1b[2K${line}`);
      else if (line !== lastLine) stream.write(line + '\n');
      lastLine = line;
      lastDone = done;
    },
    finish(label) {
      // In a log, a bar whose last step was its end has said so already.
      if (!interactive && lastDone >= total && label === undefined) return;
      const line = render(total, label ?? 'done');
      stream.write(interactive ? `\r\x1b[2K${line}\n` : line + '\n');
    },
  };
}

/**
 * A bar drawn once the work reports its size (callbacks of the form (done, total)); finishing a
 * bar that never started prints nothing.
 */
export function progressOnDemand(title: string, label?: string): { update(done: number, total: number, step?: string): void; finish(): void } {
  let bar: Progress | null = null;
  return {
    // A step's name, when the work reports one, says what it is doing now.
    update(done, total, step) {
      (bar ??= createProgress(title, total)).update(done, step ?? label);
    },
    finish() {
      bar?.finish();
    },
  };
}

/** One status line, for steps whose length is unknown (starting a database). */
export function status(message: string, stream: NodeJS.WriteStream = process.stderr): void {
  stream.write(`• ${message}\n`);
}
