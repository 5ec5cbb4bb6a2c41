import { PatronError } from '../../core/index.ts';
import type { AnalyticsStore, Row } from '../analytics-store.ts';

export interface Text {
  ru: string;
  en: string;
}

export type ParamSpec =
  | { name: string; title: Text; type: 'number'; default: number; min: number; max: number; integer?: boolean }
  | { name: string; title: Text; type: 'enum'; default: string; values: readonly string[] }
  | { name: string; title: Text; type: 'text'; default: string | null; pattern: RegExp };

export type ParamValue = number | string | null;

export interface ColumnSpec {
  name: string;
  title: Text;
  unit: 'text' | 'count' | 'share' | 'ratio' | 'kopecks' | 'points';
}

/**
 * A report: what it computes and exactly how, in both languages, its typed parameters and
 * columns, and the chart it is best read from. `run` receives parameters already validated.
 */
export interface ReportDefinition {
  id: string;
  group: 'program' | 'customers' | 'receipts' | 'sales' | 'segments' | 'cohorts' | 'baskets' | 'models' | 'measurement';
  title: Text;
  description: Text;
  params: readonly ParamSpec[];
  columns: readonly ColumnSpec[];
  chart: { type: 'bar' | 'line' | 'table' | 'heatmap' | 'scatter'; x: string; y: string };
  run(store: AnalyticsStore, params: Record<string, ParamValue>): Promise<Row[]>;
}

/** Parameters from text (CLI `--param k=v`, query strings) to typed values, or a clear error. */
export function parseParams(report: ReportDefinition, raw: Record<string, string>): Record<string, ParamValue> {
  const known = new Set(report.params.map((p) => p.name));
  const unknown = Object.keys(raw).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    throw new PatronError('validation_failed', `Report ${report.id} has no parameter ${unknown.join(', ')}; it takes ${[...known].join(', ') || 'none'}`, {
      issues: unknown.map((k) => ({ path: `params/${k}`, message: 'unknown parameter' })),
    });
  }
  const out: Record<string, ParamValue> = {};
  for (const spec of report.params) {
    const given = raw[spec.name];
    if (given === undefined) {
      out[spec.name] = spec.default;
      continue;
    }
    const bad = (message: string) => new PatronError('validation_failed', `Parameter ${spec.name} of ${report.id}: ${message}`, { issues: [{ path: `params/${spec.name}`, message }] });
    if (spec.type === 'number') {
      const n = Number(given);
      if (given.trim() === '' || !Number.isFinite(n) || n < spec.min || n > spec.max) throw bad(`expected a number from ${spec.min} to ${spec.max}, got ${given}`);
      if (spec.integer && !Number.isInteger(n)) throw bad(`expected a whole number, got ${given}`);
      out[spec.name] = n;
    } else if (spec.type === 'enum') {
      if (!spec.values.includes(given)) throw bad(`expected one of ${spec.values.join(', ')}, got ${given}`);
      out[spec.name] = given;
    } else {
      if (!spec.pattern.test(given)) throw bad(`${given} is not a valid value`);
      out[spec.name] = given;
    }
  }
  return out;
}
