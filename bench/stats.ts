export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number;
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

export const round = (x: number, digits = 2) => Number(x.toFixed(digits));
