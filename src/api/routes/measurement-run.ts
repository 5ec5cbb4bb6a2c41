import { z } from 'zod';
import { breakdownOptions, campaignBreakdown, campaignEffect, effectOptions, findReport, planCampaign, planInput, programEffect, programOptions, programRoi, programRoiOptions, runMechanics, type AnalyticsStore } from '../../analytics/index.ts';
import { parseParams } from '../../analytics/reports/report-definition.ts';
import { PatronError } from '../../core/index.ts';
import { assertChainWide } from '../auth/access.ts';
import { requireAnalytics } from '../require-analytics.ts';
import type { RouteModule } from '../route-context.ts';

type Params = ReturnType<typeof parseParams>;

/** Each measurement with the report whose parameters it takes; the answer is the whole result, intervals and plain-language meaning included. */
const measurements: Record<string, { report: string; campaign: boolean; run: (store: AnalyticsStore, params: Params, campaign: string) => Promise<unknown> }> = {
  'campaign-effect': { report: 'measurement.campaign-effect', campaign: true, run: (s, p, c) => campaignEffect(s, c, effectOptions(p)) },
  'campaign-breakdown': {
    report: 'measurement.campaign-breakdown', campaign: true,
    run: (s, p, c) => {
      const { by, ...options } = breakdownOptions(p);
      return campaignBreakdown(s, c, by, options);
    },
  },
  'campaign-planning': { report: 'measurement.campaign-planning', campaign: false, run: (s, p) => planCampaign(s, planInput(p)) },
  'program-effect': { report: 'measurement.program-effect', campaign: false, run: (s, p) => programEffect(s, programOptions(p)) },
  'program-roi': { report: 'measurement.program-roi', campaign: false, run: (s, p) => programRoi(s, programRoiOptions(p)) },
  mechanics: { report: 'measurement.mechanics', campaign: false, run: (s, p) => runMechanics(s, p) },
};

export const measurementRunRoute: RouteModule = (app, deps) => {
  app.post('/v1/measurement/:kind', {
    config: { access: { users: ['admin', 'marketer', 'analyst'], apiKeys: true } },
    schema: {
      tags: ['analytics'],
      summary: 'Measure what a campaign or the program caused (effects with intervals, ROI, planning) or simulate mechanics; parameters as in the matching measurement.* report',
      params: z.object({ kind: z.enum(Object.keys(measurements) as [string, ...string[]]) }),
      body: z
        .object({
          campaign: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/).optional().describe('campaign id or code, for campaign-effect and campaign-breakdown'),
          params: z.record(z.string().regex(/^[a-z_]{1,40}$/), z.string().max(200)).default({}),
        })
        .strict(),
      response: { 200: z.object({ kind: z.string(), result: z.unknown(), seconds: z.number() }) },
    },
    handler: async (request) => {
      assertChainWide(request.principal);
      const m = measurements[request.params.kind]!;
      if (m.campaign && !request.body.campaign) throw new PatronError('validation_failed', `${request.params.kind} needs a campaign`, { issues: [{ path: 'body/campaign', message: 'required' }] });
      const started = performance.now();
      const result = await m.run(requireAnalytics(deps.analytics), parseParams(findReport(m.report), request.body.params), request.body.campaign ?? '');
      return { kind: request.params.kind, result, seconds: (performance.now() - started) / 1000 };
    },
  });
};
