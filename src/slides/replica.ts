/**
 * The state two windows of one deck share, kept so that both end up holding the same values whatever order
 * their edits cross in. Every value lives at a path ('deck/position', 'w/cam-gap:0/A#7', ...) and every write
 * carries a stamp: a Lamport counter and the writing window's site. The newer stamp wins everywhere, so each
 * window applies the same winner; equal counters go to the older window (the smaller site), which is also why
 * a window that opens late takes the state of the one already showing.
 *
 * An array is written whole ('.../A', its base) or one cell at a time ('.../A#7'). A cell counts only if it is
 * newer than its base, so a whole new array (a preset, a new size) overrides the cells written before it, and
 * edits of different cells made at the same moment in two windows both survive.
 */

export type Stamp = readonly [counter: number, site: string];

export interface Write {
  path: string;
  value: unknown;
  stamp: Stamp;
}

/** A window's site: the time it opened, then a random tail, so sorting sites sorts windows by age. */
export function newSite(now = Date.now()): string {
  return `${now.toString(36).padStart(9, '0')}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Whether stamp a wins over stamp b. */
export function newer(a: Stamp, b: Stamp): boolean {
  return a[0] !== b[0] ? a[0] > b[0] : a[1] < b[1];
}

const baseOf = (path: string) => {
  const hash = path.indexOf('#');
  return hash < 0 ? null : path.slice(0, hash);
};

export class Replica {
  readonly site: string;
  #clock = 0;
  #entries = new Map<string, { value: unknown; stamp: Stamp }>();

  constructor(site: string = newSite()) {
    this.site = site;
  }

  /** A change made in this window: stamped newer than anything this window has seen. */
  local(path: string, value: unknown): Write {
    const write: Write = { path, value, stamp: [++this.#clock, this.site] };
    this.#store(write);
    return write;
  }

  /** What this window holds before anyone edits (its defaults, its link): weaker than any edit. Null if a value is known already. */
  seed(path: string, value: unknown): Write | null {
    if (this.#entries.has(path)) return null;
    const write: Write = { path, value, stamp: [0, this.site] };
    this.#store(write);
    return write;
  }

  /** A write from another window: kept if it wins. Returns whether it changed what this window holds. */
  receive(write: Write): boolean {
    if (!isWrite(write)) return false;
    this.#clock = Math.max(this.#clock, write.stamp[0]);
    const current = this.#entries.get(write.path);
    if (current && !newer(write.stamp, current.stamp)) return false;
    const base = baseOf(write.path);
    if (base !== null) {
      const over = this.#entries.get(base);
      if (over && newer(over.stamp, write.stamp)) return false;
    }
    this.#store(write);
    return true;
  }

  #store(write: Write): void {
    this.#entries.set(write.path, { value: write.value, stamp: write.stamp });
    if (baseOf(write.path) !== null) return;
    // A new base outdates the cells written before it.
    const prefix = `${write.path}#`;
    for (const [path, entry] of this.#entries) if (path.startsWith(prefix) && newer(write.stamp, entry.stamp)) this.#entries.delete(path);
  }

  get(path: string): unknown {
    return this.#entries.get(path)?.value;
  }

  has(path: string): boolean {
    return this.#entries.has(path);
  }

  /** The paths under a prefix with their values. */
  *under(prefix: string): Iterable<[string, unknown]> {
    for (const [path, entry] of this.#entries) if (path.startsWith(prefix)) yield [path, entry.value];
  }

  /** Everything held, as writes: what a window that just opened is sent. */
  snapshot(): Write[] {
    return [...this.#entries].map(([path, { value, stamp }]) => ({ path, value, stamp }));
  }
}

function isWrite(w: unknown): w is Write {
  const write = w as Write;
  return (
    typeof write === 'object' && write !== null && typeof write.path === 'string' && Array.isArray(write.stamp) &&
    Number.isSafeInteger(write.stamp[0]) && write.stamp[0] >= 0 && typeof write.stamp[1] === 'string'
  );
}

/** An array as its base holds it: the sizes and the numbers in row-major order. */
export interface FlatArray {
  dims: number[];
  flat: number[];
}

type Nested = number | Nested[];

function flatten(value: Nested[]): FlatArray {
  const dims: number[] = [];
  for (let v: Nested = value; Array.isArray(v); v = v[0]) dims.push(v.length);
  return { dims, flat: (value as unknown[]).flat(Infinity) as number[] };
}

function reshape(flat: number[], dims: number[]): Nested[] {
  if (dims.length === 1) return flat.slice();
  const [first, ...rest] = dims;
  const size = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: first }, (_, i) => reshape(flat.slice(i * size, (i + 1) * size), rest));
}

const isFlatArray = (v: unknown): v is FlatArray => typeof v === 'object' && v !== null && Array.isArray((v as FlatArray).dims) && Array.isArray((v as FlatArray).flat);

/** The writes that turn the fields `before` into `after` under a prefix: changed cells one by one, or a whole array when its size changed or much of it did. */
export function diffValues(replica: Replica, prefix: string, before: Record<string, unknown>, after: Record<string, unknown>): Write[] {
  const writes: Write[] = [];
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const path = `${prefix}${field}`;
    const [a, b] = [before[field], after[field]];
    if (b === undefined || b === null) {
      if (a !== undefined && a !== null) writes.push(replica.local(path, null));
      continue;
    }
    if (!Array.isArray(b)) {
      if (a !== b) writes.push(replica.local(path, b));
      continue;
    }
    const next = flatten(b as Nested[]);
    const prev = Array.isArray(a) ? flatten(a as Nested[]) : null;
    if (!prev || prev.dims.join('x') !== next.dims.join('x')) {
      writes.push(replica.local(path, next));
      continue;
    }
    const changed: number[] = [];
    next.flat.forEach((v, i) => v !== prev.flat[i] && changed.push(i));
    if (changed.length > Math.max(4, next.flat.length / 4)) writes.push(replica.local(path, next));
    else for (const i of changed) writes.push(replica.local(`${path}#${i}`, next.flat[i]));
  }
  return writes;
}

/** The writes that seed the fields of `values` under a prefix (arrays whole). */
export function seedValues(replica: Replica, prefix: string, values: Record<string, unknown>): Write[] {
  const writes: Write[] = [];
  for (const [field, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const write = replica.seed(`${prefix}${field}`, Array.isArray(value) ? flatten(value as Nested[]) : value);
    if (write) writes.push(write);
  }
  return writes;
}

/** The fields held under a prefix: each array its base with the newer cells applied; absent fields left out. */
export function valuesUnder(replica: Replica, prefix: string): Record<string, unknown> {
  const bases = new Map<string, unknown>();
  const cells: [string, number, unknown][] = [];
  for (const [path, value] of replica.under(prefix)) {
    const rest = path.slice(prefix.length);
    const hash = rest.indexOf('#');
    if (hash < 0) bases.set(rest, value);
    else cells.push([rest.slice(0, hash), Number(rest.slice(hash + 1)), value]);
  }
  const out: Record<string, unknown> = {};
  const flats = new Map<string, FlatArray>();
  for (const [field, value] of bases) {
    if (value === null) continue;
    if (isFlatArray(value)) flats.set(field, { dims: value.dims, flat: value.flat.slice() });
    else out[field] = value;
  }
  for (const [field, i, value] of cells) {
    const array = flats.get(field);
    if (array && Number.isInteger(i) && i >= 0 && i < array.flat.length && typeof value === 'number') array.flat[i] = value;
  }
  for (const [field, { dims, flat }] of flats) out[field] = reshape(flat, dims);
  return out;
}
