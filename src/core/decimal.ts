/**
 * Half-up rounding on the decimal value a person reads, not on the binary double:
 * 9.895 is stored as 9.89499999…, yet a finance officer expects 9.90. Going through the shortest
 * decimal representation (what `String(x)` prints) gives the decimal the figure was meant to be.
 */
const POW10 = Array.from({ length: 11 }, (_, i) => 10 ** i);

export function roundHalfUp(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const d = Math.max(0, Math.min(10, Math.trunc(decimals)));
  // Fast path: far from a half, the binary error cannot change the rounding direction.
  const f = POW10[d];
  const y = Math.abs(x) * f;
  const frac = y - Math.floor(y);
  if (Math.abs(frac - 0.5) > 1e-6 && y < 1e15) {
    const r = Math.round(y) / f;
    return x < 0 && r !== 0 ? -r : r;
  }
  const sign = x < 0 ? -1 : 1;
  const [mant, expPart] = Math.abs(x).toExponential().split("e");
  const exp = Number(expPart);
  const digits = mant.replace(".", "");
  // value = 0.digits × 10^(exp+1); we keep (exp + 1 + d) digits.
  const keep = exp + 1 + d;
  if (keep < 0) return 0;
  if (keep >= digits.length) return x;
  let head = digits.slice(0, keep) || "0";
  const next = digits.charCodeAt(keep) - 48;
  let n = BigInt(head);
  if (next >= 5) n += 1n;
  head = n.toString();
  const scaled = Number(head) / 10 ** d;
  return sign * scaled === 0 ? 0 : sign * scaled;
}

/** Sums figures that are already rounded to `decimals`, without float drift (0.1 + 0.2 → 0.3). */
export function sumRounded(values: number[], decimals: number): number {
  const f = 10 ** Math.max(0, Math.min(10, decimals));
  let acc = 0;
  for (const v of values) acc += Math.round(v * f);
  return acc / f;
}
