import { api } from './api.ts';
import type { Text } from './measurement.ts';

/** The report catalog as GET /v1/reports describes it. */
export interface ReportParam { name: string; title: Text; type: 'number' | 'enum' | 'text'; default: string | number | null; values?: string[]; min?: number; max?: number }
export interface ReportColumn { name: string; title: Text; unit: 'text' | 'count' | 'share' | 'ratio' | 'kopecks' | 'points' }
export interface ReportInfo { id: string; group: string; title: Text; description: Text; params: ReportParam[]; columns: ReportColumn[]; chart: { type: 'bar' | 'line' | 'table' | 'heatmap' | 'scatter'; x: string; y: string } }

let catalog: Promise<ReportInfo[]> | null = null;

/** Fetched once per page load: the catalog changes only with a new Patron version. */
export function reportCatalog(): Promise<ReportInfo[]> {
  catalog ??= api<{ reports: ReportInfo[] }>('/v1/reports').then((r) => r.reports, (e) => {
    catalog = null;
    throw e;
  });
  return catalog;
}

/** Downloads a server-made file (an export) under the name the server gives. */
export async function download(path: string, body: unknown, fallbackName: string): Promise<void> {
  const response = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { detail?: string };
    throw new Error(problem.detail ?? response.statusText);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}
