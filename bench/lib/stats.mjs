// Percentiles (nearest rank) over plain arrays and over 0.1 ms histograms.
export const round = (x, d = 2) => (x === null || x === undefined || Number.isNaN(x) ? null : Math.round(x * 10 ** d) / 10 ** d);

export function pct(values, p) {
  const v = values.filter((x) => x !== null && x !== undefined && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const i = Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1));
  return v[i];
}

export const summary = (values) => ({ n: values.length, p50: round(pct(values, 50)), p99: round(pct(values, 99)), max: round(pct(values, 100)) });

/** Percentile of a Map(bucket of 0.1 ms -> count). */
export function histPct(hist, p) {
  const keys = [...hist.keys()].sort((a, b) => a - b);
  const total = keys.reduce((a, k) => a + hist.get(k), 0);
  if (!total) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const k of keys) {
    seen += hist.get(k);
    if (seen >= rank) return k / 10;
  }
  return keys[keys.length - 1] / 10;
}
export const histCount = (hist) => [...hist.values()].reduce((a, b) => a + b, 0);

export const ratio = (a, b) => (a === null || b === null || !b ? null : round(a / b, 2));
