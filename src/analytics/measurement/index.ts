// measurement: what campaigns and the program cause, measured against control groups and
// pre-periods; their cost and ROI; and the mechanics simulator. Statistics live in src/models.
export { campaignEffect, methodsText as campaignMethods, type CampaignEffect, type CampaignEffectOptions, type MetricComparison, type ArmEconomics, type AfterWindow } from './campaign-effect.ts';
export { campaignBreakdown, type CampaignBreakdown } from './campaign-breakdown.ts';
export { planCampaign, type Plan, type PlanInput } from './campaign-planning.ts';
export { findCampaign, patronBreakdowns, type MeasuredCampaign } from './campaign-units.ts';
export { programEffect, programMethods, type ProgramEffect, type ProgramEffectOptions } from './program-effect.ts';
export { programRoi, type ProgramRoi, type ProgramRoiOptions } from './program-roi.ts';
export { compareMechanics, type MechanicsComparison, type MechanicsOptions } from './mechanics.ts';
export { listCampaigns as listMeasuredCampaigns } from './campaign-list.ts';
