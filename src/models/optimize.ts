/**
 * Minimisers for the models' negative log-likelihoods and the standard errors that come with a
 * maximum-likelihood fit. Parameters are optimised on the log scale (they are all positive), so
 * the search never has to be told about bounds.
 */

export interface Minimum {
  point: number[];
  value: number;
  iterations: number;
  converged: boolean;
  /** BFGS only: its estimate of the inverse Hessian at the minimum (a warm start for a bigger fit). */
  inverseHessian?: number[][];
}

/**
 * BFGS with a backtracking (Armijo) line search, for objectives with an analytic gradient.
 * Stops when the largest gradient component falls below `gradientTolerance`, or when steps no
 * longer lower the value (the gradient has reached its rounding noise) while it is below 100×.
 */
export function minimizeBfgs(
  f: (x: readonly number[]) => { value: number; gradient: number[] },
  start: readonly number[],
  { gradientTolerance = 1e-8, maxIterations = 500, initialInverseHessian }: { gradientTolerance?: number; maxIterations?: number; initialInverseHessian?: number[][] } = {},
): Minimum {
  const n = start.length;
  let x = [...start];
  let current = f(x);
  let inverse = initialInverseHessian ? initialInverseHessian.map((row) => [...row]) : identity(n);
  const done = (iterations: number, converged: boolean): Minimum => ({ point: x, value: current.value, iterations, converged, inverseHessian: inverse });
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    if (Math.max(...current.gradient.map(Math.abs)) < gradientTolerance) return done(iteration - 1, true);
    let direction = multiply(inverse, current.gradient).map((v) => -v);
    let slope = dot(direction, current.gradient);
    if (!(slope < 0)) {
      // The curvature estimate went bad: restart from steepest descent.
      inverse = identity(n);
      direction = current.gradient.map((v) => -v);
      slope = dot(direction, current.gradient);
    }
    let step = 1;
    let next: { value: number; gradient: number[] } | null = null;
    let candidate = x;
    for (let tries = 0; tries < 60; tries++) {
      candidate = x.map((v, i) => v + step * direction[i]!);
      const trial = f(candidate);
      if (Number.isFinite(trial.value) && trial.value <= current.value + 1e-4 * step * slope) {
        next = trial;
        break;
      }
      step /= 2;
    }
    if (!next) return done(iteration, Math.max(...current.gradient.map(Math.abs)) < gradientTolerance * 1e3);
    const s = candidate.map((v, i) => v - x[i]!);
    const y = next.gradient.map((v, i) => v - current.gradient[i]!);
    const sy = dot(s, y);
    if (sy > 1e-12) {
      if (iteration === 1 && !initialInverseHessian) inverse = identity(n).map((row) => row.map((v) => (v * sy) / dot(y, y)));
      const hy = multiply(inverse, y);
      const yhy = dot(y, hy);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          inverse[i]![j]! += ((sy + yhy) * s[i]! * s[j]!) / (sy * sy) - (hy[i]! * s[j]! + s[i]! * hy[j]!) / sy;
        }
      }
    }
    const stalled = current.value - next.value <= 1e-15 * Math.abs(current.value);
    x = candidate;
    current = next;
    if (stalled && Math.max(...current.gradient.map(Math.abs)) < gradientTolerance * 100) return done(iteration, true);
  }
  return done(maxIterations, false);
}

/** Nelder–Mead simplex search, for objectives without a gradient (the Pareto/NBD's). */
export function minimizeNelderMead(f: (x: readonly number[]) => number, start: readonly number[], { tolerance = 1e-11, maxIterations = 5000, initialStep = 0.5 } = {}): Minimum {
  const n = start.length;
  const safe = (x: readonly number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let simplex = [start.slice(), ...start.map((_, i) => start.map((v, j) => (i === j ? v + initialStep : v)))].map((p) => ({ p, v: safe(p) }));
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    simplex.sort((a, b) => a.v - b.v);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    if (Math.abs(worst.v - best.v) <= tolerance * (Math.abs(best.v) + 1e-12)) {
      const spread = Math.max(...simplex.map((s) => Math.max(...s.p.map((v, i) => Math.abs(v - best.p[i]!)))));
      if (spread < 1e-7) return { point: best.p, value: best.v, iterations: iteration, converged: true };
    }
    const centroid = start.map((_, i) => simplex.slice(0, n).reduce((sum, s) => sum + s.p[i]!, 0) / n);
    const towards = (coefficient: number) => centroid.map((c, i) => c + coefficient * (worst.p[i]! - c));
    const reflected = towards(-1);
    const rv = safe(reflected);
    if (rv < best.v) {
      const expanded = towards(-2);
      const ev = safe(expanded);
      simplex[n] = ev < rv ? { p: expanded, v: ev } : { p: reflected, v: rv };
    } else if (rv < simplex[n - 1]!.v) {
      simplex[n] = { p: reflected, v: rv };
    } else {
      const contracted = rv < worst.v ? towards(-0.5) : towards(0.5);
      const cv = safe(contracted);
      if (cv < Math.min(rv, worst.v)) simplex[n] = { p: contracted, v: cv };
      else simplex = simplex.map((s, k) => (k === 0 ? s : ((p) => ({ p, v: safe(p) }))(s.p.map((v, i) => best.p[i]! + 0.5 * (v - best.p[i]!)))));
    }
  }
  simplex.sort((a, b) => a.v - b.v);
  return { point: simplex[0]!.p, value: simplex[0]!.v, iterations: maxIterations, converged: false };
}

/**
 * Standard errors of a maximum-likelihood estimate: square roots of the diagonal of the inverse
 * of the observed information (the Hessian of the negative log-likelihood), taken by central
 * differences of the gradient when there is one, else of the function itself.
 */
export function standardErrors(negLogLik: (x: readonly number[]) => number, at: readonly number[], gradient?: (x: readonly number[]) => number[]): number[] {
  const n = at.length;
  const h = at.map((v) => 1e-4 * Math.max(Math.abs(v), 1e-3));
  const hessian: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const shifted = (moves: [number, number][]) => at.map((v, k) => v + moves.reduce((sum, [i, sign]) => sum + (i === k ? sign * h[k]! : 0), 0));
  if (gradient) {
    for (let j = 0; j < n; j++) {
      const up = gradient(shifted([[j, 1]]));
      const down = gradient(shifted([[j, -1]]));
      for (let i = 0; i < n; i++) hessian[i]![j] = (up[i]! - down[i]!) / (2 * h[j]!);
    }
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) hessian[i]![j] = hessian[j]![i] = (hessian[i]![j]! + hessian[j]![i]!) / 2;
  } else {
    const f0 = negLogLik(at);
    for (let i = 0; i < n; i++) {
      hessian[i]![i] = (negLogLik(shifted([[i, 1]])) - 2 * f0 + negLogLik(shifted([[i, -1]]))) / (h[i]! * h[i]!);
      for (let j = 0; j < i; j++) {
        const v = (negLogLik(shifted([[i, 1], [j, 1]])) - negLogLik(shifted([[i, 1], [j, -1]])) - negLogLik(shifted([[i, -1], [j, 1]])) + negLogLik(shifted([[i, -1], [j, -1]]))) / (4 * h[i]! * h[j]!);
        hessian[i]![j] = hessian[j]![i] = v;
      }
    }
  }
  const covariance = invert(hessian);
  return covariance ? covariance.map((row, i) => (row[i]! > 0 ? Math.sqrt(row[i]!) : NaN)) : at.map(() => NaN);
}

/** The inverse of a square matrix by Gauss–Jordan with partial pivoting, or null if singular. */
export function invert(matrix: readonly (readonly number[])[]): number[][] | null {
  const n = matrix.length;
  const a = matrix.map((row, i) => [...row, ...identity(n)[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    if (Math.abs(a[pivot]![col]!) < 1e-300) return null;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]![col]!;
    for (let k = 0; k < 2 * n; k++) a[col]![k]! /= p;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = a[r]![col]!;
      if (factor !== 0) for (let k = 0; k < 2 * n; k++) a[r]![k]! -= factor * a[col]![k]!;
    }
  }
  return a.map((row) => row.slice(n));
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

function multiply(m: number[][], v: readonly number[]): number[] {
  return m.map((row) => dot(row, v));
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
