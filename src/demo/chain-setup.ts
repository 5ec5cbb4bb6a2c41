import { createStore, upsertCategories, upsertProducts, type Store } from '../catalog/index.ts';
import { createCampaign } from '../campaigns/index.ts';
import type { Pool } from '../db/index.ts';
import { withTransaction } from '../db/index.ts';
import { saveSettings, type VersionedSettings } from '../processing/index.ts';
import { defaultProgramSettings, type ProgramSettings } from '../rules/index.ts';
import type { PlantedCampaign } from './campaign-plan.ts';
import { demoCategories, type DemoStore } from './chain-catalog.ts';
import type { DemoProduct } from './basket.ts';
import type { DemoOptions } from './demo-parameters.ts';

/** The demo chain's program: 1 point = 1 ruble, 3/5/7 %, 30% of a receipt payable, points live 180 days. */
export const demoProgramSettings: ProgramSettings = {
  ...defaultProgramSettings,
  max_redeem_share_bp: 3000,
  min_balance_to_redeem: 100,
  pending_days: 14,
  expiry: { kind: 'after_days', days: 180 },
  non_promotable_categories: ['alcohol', 'tobacco'],
};

export interface ChainSetup {
  stores: Store[];
  settings: VersionedSettings;
}

/** Stores, categories, products, the program's settings and the campaigns, in one transaction. */
export async function setUpChain(pool: Pool, options: DemoOptions, stores: DemoStore[], products: DemoProduct[], campaigns: PlantedCampaign[], now: Date): Promise<ChainSetup> {
  return withTransaction(pool, async (client) => {
    const created: Store[] = [];
    for (const s of stores) {
      created.push(await createStore(client, { code: s.code, name: options.locale === 'ru' ? s.ru : s.en, city: options.locale === 'ru' ? s.cityRu : s.cityEn, format: s.format, time_zone: s.timeZone }));
    }
    await upsertCategories(
      client,
      demoCategories.map((c) => ({ code: c.code, parent_code: c.parent, name: options.locale === 'ru' ? c.ru : c.en, non_promotable: c.nonPromotable ?? false })),
    );
    await upsertProducts(
      client,
      products.map((p) => ({
        sku: p.sku,
        name: options.locale === 'ru' ? p.ru : p.en,
        category_code: p.category,
        brand: p.brand,
        price_kopecks: p.priceKopecks,
        cost_kopecks: p.costKopecks,
        non_promotable: p.nonPromotable,
      })),
    );
    const settings = await saveSettings(client, demoProgramSettings, 'demo');
    for (const c of campaigns) {
      await createCampaign(
        client,
        { id: c.id, code: c.code, name: options.locale === 'ru' ? c.ru : c.en, startsAt: new Date(c.startsAt), endsAt: new Date(c.endsAt), controlShareBp: c.controlShareBp },
        now,
      );
    }
    return { stores: created, settings };
  });
}
