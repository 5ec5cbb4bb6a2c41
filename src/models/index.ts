// models: pure numeric code (no SQL): the customer models and the random processes behind them.
export { Random } from './random.ts';
export { kMeans } from './k-means.ts';
