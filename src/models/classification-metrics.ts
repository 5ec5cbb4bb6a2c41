/**
 * How well scores separate and predict a yes/no outcome: the area under the ROC curve (the
 * chance a random positive scores above a random negative, ties counting half), the Brier score,
 * the log loss, and calibration bins (mean prediction against the observed rate).
 */
export function areaUnderRoc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && scores[order[j]!] === scores[order[i]!]) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (labels[order[k]!] === 1) {
      positives++;
      rankSum += midRank;
    }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function brierScore(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < probabilities.length; i++) sum += (probabilities[i]! - labels[i]!) ** 2;
  return sum / probabilities.length;
}

export function logLoss(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, probabilities[i]!));
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / probabilities.length;
}

/** Ten bins of equal width in predicted probability: count, mean prediction, observed rate. */
export function calibrationBins(probabilities: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): { from: number; to: number; count: number; predicted: number; observed: number }[] {
  const out = Array.from({ length: bins }, (_, b) => ({ from: b / bins, to: (b + 1) / bins, count: 0, predicted: 0, observed: 0 }));
  for (let i = 0; i < probabilities.length; i++) {
    const bin = out[Math.min(bins - 1, Math.floor(probabilities[i]! * bins))]!;
    bin.count++;
    bin.predicted += probabilities[i]!;
    bin.observed += labels[i]!;
  }
  return out.filter((b) => b.count > 0).map((b) => ({ ...b, predicted: b.predicted / b.count, observed: b.observed / b.count }));
}
