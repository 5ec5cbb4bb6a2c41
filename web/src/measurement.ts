import { api } from './api.ts';

/** What /v1/measurement/{kind} answers (src/analytics/measurement), as far as the pages read it. */
export interface Text { ru: string; en: string }
export interface Estimate { estimate: number; ci_low: number; ci_high: number; p_value: number; standard_error: number; method: string }
export interface Interval { estimate: number; ci_low: number; ci_high: number }

export interface CampaignRow { campaign_id: string; code: string; name: string; kind: 'patron' | 'experiment'; starts_on: string | null; ends_on: string | null; treated: number; control: number }

export interface CampaignEffect {
  campaign: { id: string; code: string; name: string; kind: string; starts_at: string | null; ends_at: string | null; control_arm: string };
  confidence: number;
  arms: { arm: string; control: boolean; customers: number; response_rate: number; visits_per_customer: number | null; revenue_per_customer_kopecks: number | null; average_check_kopecks: number | null }[];
  comparisons: { arm: string; metric: string; unit: 'share' | 'count' | 'kopecks'; treatment: number; control: number; difference: Estimate; relative: Estimate; cuped: { difference: Estimate; relative: Estimate; variance_reduction: number } | null; significant: boolean; meaning: Text }[];
  economics: { arm: string; treated: number; incremental_revenue_kopecks: Interval; incremental_margin_kopecks: Interval | null; cost: { total_kopecks: number; points_value_kopecks: number; messages_kopecks: number }; roi_revenue_pct: Interval | null; roi_margin_pct: Interval | null }[];
  after_window: { arm: string; days: number; pulled_forward: boolean; visits: Estimate; meaning: Text }[];
  minimum_detectable_revenue_kopecks: Record<string, number>;
  verdict: Record<string, Text>;
  methods: Text;
}

export interface ProgramEffect {
  weeks: number;
  baseline: string;
  naive: { visits_ratio: number | null; revenue_ratio: number | null; members: number; non_members: number; meaning: Text };
  matching: { joiners: number; joiners_matched: number; controls: number };
  visits_lift: Estimate;
  spend_per_visit_lift: Estimate;
  revenue_lift: Estimate;
  event_study: { week: number; joiners_visits: number; matched_visits: number; effect: Estimate }[];
  meaning: Text;
  methods: Text;
}

export interface Mechanics {
  from: string;
  to: string;
  redemption: { rate: number; basis: string; mean_delay_months: number; expiry_months: number };
  results: { label: string; revenue: number; margin: number; cost: number; cost_share: number; cash_out: number; liability_end: number; break_even_lift: number | null; months: { month: string; cash_out: number; liability_end: number; given: number; redeemed: number; expired: number }[] }[];
  meaning: Text;
}

export async function measure<T>(kind: string, params: Record<string, string> = {}, campaign?: string): Promise<T> {
  return (await api<{ result: T }>(`/v1/measurement/${kind}`, { method: 'POST', body: { params, ...(campaign ? { campaign } : {}) } })).result;
}

export async function reportRows<T>(id: string, params: Record<string, string> = {}): Promise<T[]> {
  return (await api<{ rows: T[] }>(`/v1/reports/${id}/run`, { method: 'POST', body: { params } })).rows;
}
