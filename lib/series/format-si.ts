const PREFIXES: Array<[number, string]> = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
const SMALL: Array<[number, string]> = [[1e-3, 'm'], [1e-6, 'µ'], [1e-9, 'n']];

const trim = (n: number) => Number(n.toPrecision(3)).toString();

/** An axis tick in SI form: 600000 → "600k", 1250000 → "1.25M", 0.0004 → "400µ"; 0.25 and 12 stay as they are. */
export function formatSI(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs === 0) return '0';
  for (const [scale, prefix] of PREFIXES) if (abs >= scale) return `${trim(value / scale)}${prefix}`;
  if (abs >= 0.01) return trim(value);
  for (const [scale, prefix] of SMALL) if (abs >= scale) return `${trim(value / scale)}${prefix}`;
  return value.toExponential(1);
}
