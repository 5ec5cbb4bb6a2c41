// campaigns: campaigns, their windows and holdout assignment. The rules engine applies effects;
// audiences, budgets and schedules arrive with the campaign engine.
export { holdoutGroup, holdoutBucket, type CampaignGroup } from './holdout.ts';
export { createCampaign, assignAudience, listCampaigns, type Campaign, type NewCampaign } from './campaigns.ts';
