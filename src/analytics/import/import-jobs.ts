import { newId, PatronError } from '../../core/index.ts';
import type { AnalyticsStore } from '../analytics-store.ts';
import { refreshRollups } from '../rollups.ts';
import { removeImport } from '../source-rows.ts';
import { importFile, type FieldMap, type ImportPreset, type ImportSummary } from './import-file.ts';

export interface ImportJob {
  id: string;
  file: string;
  preset: ImportPreset;
  status: 'queued' | 'running' | 'done' | 'failed';
  /** Steps or rows done of the total, and the step under way when the import names one. */
  progress: { done: number; total: number; step: string | null };
  created_at: string;
  finished_at: string | null;
  summary: ImportSummary | null;
  error: { code: string; message: string } | null;
}

/**
 * Imports run as jobs, one at a time per read side (DuckDB has one writer), so an upload returns
 * at once and its progress can be watched. The list lives in the process that holds the store:
 * a restart forgets it, and an import cut short by one left nothing behind (each runs in one
 * transaction), so it is simply started again.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly store: AnalyticsStore, private readonly rejectedFolder: string) {}

  /** `fileName` is the file's name as its owner gave it (an upload is saved under another). */
  start(file: string, preset: ImportPreset, map: FieldMap, controlArm: string | undefined, options: { fileName?: string; onSettled?: () => void } = {}): ImportJob {
    const job: ImportJob = {
      id: newId('imp'), file, preset, status: 'queued', progress: { done: 0, total: 1, step: null }, created_at: new Date().toISOString(), finished_at: null, summary: null, error: null,
    };
    this.jobs.set(job.id, job);
    this.forgetOld();
    this.queue = this.queue.then(async () => {
      job.status = 'running';
      try {
        job.summary = await importFile(this.store, file, preset, {
          rejectedFolder: this.rejectedFolder, fileName: options.fileName, map, controlArm, onProgress: (done, total, step) => (job.progress = { done, total, step: step ?? null }),
        });
        // The rollups over the file's days, now rather than on the first report that reads them.
        await refreshRollups(this.store, { onMonth: (done, total) => (job.progress = { done, total, step: 'rollups' }) });
        job.status = 'done';
      } catch (error) {
        job.status = 'failed';
        job.error = error instanceof PatronError ? { code: error.code, message: error.message } : { code: 'internal_error', message: (error as Error).message };
      } finally {
        job.finished_at = new Date().toISOString();
        options.onSettled?.();
      }
    });
    return job;
  }

  /** Takes an import off the read side once the jobs before it have ended (one might be importing the same file). */
  remove(source: string): Promise<void> {
    const removal = this.queue.then(async () => {
      await removeImport(this.store, source);
      await refreshRollups(this.store);
    });
    this.queue = removal.catch(() => {});
    return removal;
  }

  get(id: string): ImportJob {
    const job = this.jobs.get(id);
    if (!job) throw new PatronError('not_found', `No import job ${id} (jobs are kept until the process restarts)`);
    return job;
  }

  list(): ImportJob[] {
    return [...this.jobs.values()].reverse();
  }

  private forgetOld(): void {
    const finished = [...this.jobs.values()].filter((j) => j.finished_at);
    for (const job of finished.slice(0, Math.max(0, finished.length - 100))) this.jobs.delete(job.id);
  }
}

const registries = new WeakMap<AnalyticsStore, ImportJobs>();

/** The job list of a read side (one per store, so every route sees the same jobs). */
export function importJobsFor(store: AnalyticsStore, rejectedFolder: string): ImportJobs {
  let jobs = registries.get(store);
  if (!jobs) registries.set(store, (jobs = new ImportJobs(store, rejectedFolder)));
  return jobs;
}
