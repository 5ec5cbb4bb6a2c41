/**
 * Splits an integer total across weights so that the parts are integers that add up exactly
 * (largest remainder method; ties go to the earlier index). Points and kopecks are never lost
 * or invented by rounding. Optional caps bound each part. BigInt arithmetic: total × weight
 * can exceed 2^53.
 */
export function allocate(total: number, weights: number[], caps?: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (total === 0 || sum === 0) return weights.map(() => 0);
  if (caps && caps.reduce((a, b) => a + b, 0) < total) throw new RangeError('allocate: caps below total');
  const bigTotal = BigInt(total);
  const bigSum = BigInt(sum);
  const parts = weights.map((w) => (bigTotal * BigInt(w)) / bigSum);
  const remainders = weights.map((w, i) => ({ i, r: (bigTotal * BigInt(w)) % bigSum }));
  let left = total - parts.reduce((a, b) => a + Number(b), 0);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  // With caps (no part above its cap), the proportional floor may already sit at a cap; the
  // leftover units then go round to the parts that still have room.
  while (left > 0) {
    let given = 0;
    for (const { i } of remainders) {
      if (left <= 0) break;
      if (caps && parts[i]! >= BigInt(caps[i]!)) continue;
      parts[i]! += 1n;
      left--;
      given++;
    }
    if (given === 0) throw new RangeError('allocate: no part has room left');
  }
  return parts.map(Number);
}

/** floor(a × b / c) without overflow. */
export function mulDivFloor(a: number, b: number, c: number): number {
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/**
 * The share of `total` belonging to `part` of `whole`, taken after `before` was already taken,
 * such that successive shares add up to exactly `total` when the parts add up to `whole`.
 * Used for partial returns: three returns of one unit each claw back exactly what was earned.
 */
export function cumulativeShare(total: number, whole: number, before: number, part: number): number {
  return mulDivFloor(total, before + part, whole) - mulDivFloor(total, before, whole);
}
