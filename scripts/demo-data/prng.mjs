// Seeded PRNG for the demo and bench data: same seed string → same numbers on every machine.
// sfc32 seeded through cyrb128; each run derives its own stream from a label, so adding a run
// never shifts the numbers of the others.

function cyrb128(str) {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

function sfc32(a, b, c, d) {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** A deterministic random stream named by `parts` (joined with "/"). */
export function rngFor(...parts) {
  const next = sfc32(...cyrb128(parts.join('/')));
  for (let i = 0; i < 12; i++) next(); // warm-up: the first outputs of sfc32 correlate with the seed
  const rng = {
    next,
    float: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    /** Normal deviate (Box–Muller). */
    normal: (mean = 0, sd = 1) => {
      const u = 1 - next();
      const v = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    hex: (digits) => {
      let s = '';
      while (s.length < digits) s += Math.floor(next() * 16).toString(16);
      return s;
    },
    /** A random (version 4) UUID as MLflow writes run ids: 32 lower-case hex digits, no dashes. */
    uuidHex: () => {
      const h = rng.hex(32).split('');
      h[12] = '4';
      h[16] = '89ab'[parseInt(h[16], 16) & 3];
      return h.join('');
    },
  };
  return rng;
}

/** 32 hex digits → dashed 8-4-4-4-12 UUID, the form OpenLineage uses for runId. */
export function dashed(hex) {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
