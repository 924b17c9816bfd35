/**
 * Intersections of sorted, duplicate-free Int32Array ranges `[start, end)`: the inner loops of the
 * graph index. Ranges instead of subarrays so that the hot path allocates nothing.
 *
 * When one side is much shorter than the other, each of its values is found in the longer one by
 * galloping (exponential then binary search from the last position): O(m·log(n/m)) instead of
 * O(m + n).
 */

/** Past this size ratio galloping beats the linear merge. */
export const GALLOP_RATIO = 24;

/** First position in `[from, end)` whose value is ≥ `value` (galloping from `from`). */
export function gallop(list: Int32Array, from: number, end: number, value: number): number {
  if (from >= end || list[from]! >= value) return from;
  let low = from; // list[low] < value
  let step = 1;
  let high = from + 1;
  while (high < end && list[high]! < value) {
    low = high;
    step <<= 1;
    high = from + step;
  }
  if (high > end) high = end;
  // list[low] < value, and high === end or list[high] >= value
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if (list[middle]! < value) low = middle;
    else high = middle;
  }
  return high;
}

/** Whether `value` is in `[start, end)`. */
export function contains(list: Int32Array, start: number, end: number, value: number): boolean {
  let low = start;
  let high = end - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = list[middle]!;
    if (found < value) low = middle + 1;
    else if (found > value) high = middle - 1;
    else return true;
  }
  return false;
}

/** How many values the two ranges share. */
export function intersectCount(a: Int32Array, as: number, ae: number, b: Int32Array, bs: number, be: number): number {
  let na = ae - as;
  let nb = be - bs;
  if (na <= 0 || nb <= 0) return 0;
  if (na > nb) {
    const list = a; a = b; b = list;
    let swap = as; as = bs; bs = swap;
    swap = ae; ae = be; be = swap;
    swap = na; na = nb; nb = swap;
  }
  if (nb > GALLOP_RATIO * na) {
    let count = 0;
    let j = bs;
    for (let i = as; i < ae; i++) {
      j = gallop(b, j, be, a[i]!);
      if (j === be) break;
      if (b[j] === a[i]) count++;
    }
    return count;
  }
  let i = as;
  let j = bs;
  let count = 0;
  let x = a[i]!;
  let y = b[j]!;
  for (;;) {
    if (x < y) {
      if (++i === ae) break;
      x = a[i]!;
    } else if (x > y) {
      if (++j === be) break;
      y = b[j]!;
    } else {
      count++;
      if (++i === ae || ++j === be) break;
      x = a[i]!;
      y = b[j]!;
    }
  }
  return count;
}

/** Whether the two ranges share any value (stops at the first). */
export function intersects(a: Int32Array, as: number, ae: number, b: Int32Array, bs: number, be: number): boolean {
  let na = ae - as;
  let nb = be - bs;
  if (na <= 0 || nb <= 0) return false;
  if (na > nb) {
    const list = a; a = b; b = list;
    let swap = as; as = bs; bs = swap;
    swap = ae; ae = be; be = swap;
    swap = na; na = nb; nb = swap;
  }
  // Disjoint value ranges cannot meet: a cheap test that often settles it.
  if (a[ae - 1]! < b[bs]! || b[be - 1]! < a[as]!) return false;
  if (nb > GALLOP_RATIO * na) {
    let j = bs;
    for (let i = as; i < ae; i++) {
      j = gallop(b, j, be, a[i]!);
      if (j === be) return false;
      if (b[j] === a[i]) return true;
    }
    return false;
  }
  let i = as;
  let j = bs;
  let x = a[i]!;
  let y = b[j]!;
  for (;;) {
    if (x < y) {
      if (++i === ae) return false;
      x = a[i]!;
    } else if (x > y) {
      if (++j === be) return false;
      y = b[j]!;
    } else {
      return true;
    }
  }
}

/** Writes the shared values into `out` from position 0 and answers how many there are. */
export function intersectInto(a: Int32Array, as: number, ae: number, b: Int32Array, bs: number, be: number, out: Int32Array): number {
  let na = ae - as;
  let nb = be - bs;
  if (na <= 0 || nb <= 0) return 0;
  if (na > nb) {
    const list = a; a = b; b = list;
    let swap = as; as = bs; bs = swap;
    swap = ae; ae = be; be = swap;
    swap = na; na = nb; nb = swap;
  }
  let count = 0;
  if (nb > GALLOP_RATIO * na) {
    let j = bs;
    for (let i = as; i < ae; i++) {
      j = gallop(b, j, be, a[i]!);
      if (j === be) break;
      if (b[j] === a[i]) out[count++] = a[i]!;
    }
    return count;
  }
  let i = as;
  let j = bs;
  let x = a[i]!;
  let y = b[j]!;
  for (;;) {
    if (x < y) {
      if (++i === ae) break;
      x = a[i]!;
    } else if (x > y) {
      if (++j === be) break;
      y = b[j]!;
    } else {
      out[count++] = x;
      if (++i === ae || ++j === be) break;
      x = a[i]!;
      y = b[j]!;
    }
  }
  return count;
}
