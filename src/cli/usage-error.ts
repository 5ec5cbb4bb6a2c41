import { CommanderError } from 'commander';

/** Bad usage found inside a command's action (commander reports the errors it finds itself). */
export class UsageError extends CommanderError {
  constructor(message: string) {
    super(64, 'patron.usage', message);
  }
}
