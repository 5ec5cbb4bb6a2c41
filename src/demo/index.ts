// demo: a seeded synthetic retail chain with planted, documented truths (docs/demo.md).
export { runDemo, isChainEmpty, type DemoProgress, type DemoSummary } from './run-demo.ts';
export { defaultDemoOptions, demoModel, demoPeriod, type DemoOptions } from './demo-parameters.ts';
export { truthText, type DemoTruth } from './truth.ts';
export { simulateShopper, type SimShopper } from './shopper-simulation.ts';
export { BasketBuilder, demoProducts } from './basket.ts';
export { plantedAffinities } from './chain-catalog.ts';
