import { PatronError } from '../core/index.ts';
import { eraseAndMigrate, type Pool } from '../db/index.ts';
import { Random } from '../models/index.ts';
import { recalculateTiers } from '../processing/index.ts';
import { zoneOffsetMs } from '../rules/index.ts';
import { BasketBuilder, demoProducts } from './basket.ts';
import { plantCampaigns } from './campaign-plan.ts';
import { demoStores } from './chain-catalog.ts';
import { demoProgramSettings, setUpChain } from './chain-setup.ts';
import { demoPeriod, type DemoOptions } from './demo-parameters.ts';
import { buildHistoryChunk, writeHistoryChunk, type HistoryContext, type LiveVisit } from './history-chunk.ts';
import { replayLivePeriod } from './live-replay.ts';
import type { SimShopper } from './shopper-simulation.ts';
import { buildTruth, type DemoTruth } from './truth.ts';

export interface DemoProgress {
  phase(name: 'history' | 'live', total: number): void;
  update(done: number): void;
  done(): void;
}

export interface DemoSummary {
  truth: DemoTruth;
  seconds: { history: number; live: number; total: number };
}

const shoppersPerChunk = 1000;
const parallelWrites = 2;

/** True when the database holds no chain yet: no stores, customers or receipts. */
export async function isChainEmpty(pool: Pool): Promise<boolean> {
  const { rows } = await pool.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM stores) OR EXISTS (SELECT 1 FROM customers) OR EXISTS (SELECT 1 FROM receipts) AS any');
  return !rows[0]!.any;
}

/**
 * Generates the demo chain into the database: the bulk history up to the live period, then the
 * live period through the processing path. Refuses a database that already holds a chain unless
 * `force`, which erases it first.
 */
export async function runDemo(pool: Pool, options: DemoOptions & { force: boolean }, progress: DemoProgress): Promise<DemoSummary> {
  if (!(await isChainEmpty(pool))) {
    if (!options.force) throw new PatronError('demo_target_not_empty', 'This data folder already holds a chain; pass --force to erase it and generate the demo');
    await eraseAndMigrate(pool);
  }
  const started = Date.now();
  const period = demoPeriod(options);
  const master = new Random(options.seed);
  const campaigns = plantCampaigns(period, master);
  const demoStoreList = demoStores(options.stores);
  const products = demoProducts();
  const setup = await setUpChain(pool, options, demoStoreList, products, campaigns, new Date(period.start));
  const ctx: HistoryContext = {
    pool,
    options,
    period,
    demoStores: demoStoreList,
    stores: setup.stores,
    simStores: demoStoreList.map((s) => ({ traffic: s.traffic, offsetMs: zoneOffsetMs(period.start, s.timeZone) })),
    settings: setup.settings,
    campaigns,
    baskets: new BasketBuilder(products),
  };

  progress.phase('history', options.shoppers);
  const shoppers: SimShopper[] = [];
  const live: LiveVisit[] = [];
  const counts = { history_receipts: 0, history_member_receipts: 0, history_lines: 0 };
  // Chunks are independent (shoppers of their own): two are written at once, in two backends,
  // while the next is built, so both cores work (one writer left PostgreSQL's second core idle).
  const writing = new Set<Promise<void>>();
  try {
    for (let from = 0; from < options.shoppers; from += shoppersPerChunk) {
      const to = Math.min(options.shoppers, from + shoppersPerChunk);
      const chunk = buildHistoryChunk(ctx, from, to);
      while (writing.size >= parallelWrites) await Promise.race(writing);
      const write: Promise<void> = writeHistoryChunk(ctx, chunk).then(() => void writing.delete(write));
      writing.add(write);
      for (const s of chunk.shoppers) shoppers.push(s);
      counts.history_receipts += chunk.receipts;
      counts.history_member_receipts += chunk.memberReceipts;
      counts.history_lines += chunk.lines;
      live.push(...chunk.live);
      progress.update(to);
    }
    await Promise.all(writing);
  } finally {
    // After a failed write the other one still settles before the error goes up.
    await Promise.allSettled(writing);
  }
  progress.done();
  await recalculateTiers(pool, new Date(period.liveFrom));
  const historySeconds = (Date.now() - started) / 1000;

  // The live bar opens with the first report, which knows how many events the replay holds.
  const liveResult = await replayLivePeriod(ctx, live, shoppers, (done, total) => {
    progress.phase('live', total);
    progress.update(done);
  });
  progress.done();
  await recalculateTiers(pool, new Date(period.end));

  const truth = buildTruth({
    options: { ...options, force: undefined } as DemoOptions,
    period,
    settings: demoProgramSettings,
    campaigns,
    shoppers,
    abuse: liveResult.abuse,
    products: products.length,
    realized: {
      ...counts,
      live_receipts: liveResult.receipts,
      live_member_receipts: liveResult.memberReceipts,
      live_registrations: liveResult.registrations,
      live_returns: liveResult.returns,
    },
  });
  const total = (Date.now() - started) / 1000;
  return { truth, seconds: { history: historySeconds, live: total - historySeconds, total } };
}
