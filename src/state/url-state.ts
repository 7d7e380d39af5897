/**
 * The toy state of a page, in its URL, so a learner can send an example as a link and a reload restores it.
 *
 * Each widget owns one query parameter named after its tag: `?cam-gap=A:3x5x5:20,30,...;cmap:viridis`.
 * A value is a list of `;`-separated fields: `name:value` for options and numbers, `name:DIMS:v,v,...` for
 * arrays (DIMS like `3x5x5`). The characters used (letters, digits, `- . : ; , x`) travel raw in a query string.
 *
 * Decoding is strict: an unknown or repeated field, a wrong count, a size past its bound, a number that is
 * not a plain finite decimal, or a value outside its range refuses the whole link. The caller then shows
 * the default with a notice; nothing from the link is ever inserted as markup.
 */
import { CELL_LIMIT } from './parse-number.ts';

export type Nested = number | Nested[];

export type Field =
  | { kind: 'array'; rank: number; max: readonly number[]; limit?: number; optional?: boolean }
  | { kind: 'enum'; values: readonly string[]; optional?: boolean }
  | { kind: 'int'; min: number; max: number; optional?: boolean }
  | { kind: 'number'; min: number; max: number; optional?: boolean };

export type Schema = Record<string, Field>;
export type StateValues = Record<string, Nested | string>;

/** The value a field of a schema holds. */
type ValueOf<F extends Field> = F extends { kind: 'array'; rank: 1 }
  ? number[]
  : F extends { kind: 'array'; rank: 2 }
    ? number[][]
    : F extends { kind: 'array'; rank: 3 }
      ? number[][][]
      : F extends { kind: 'enum'; values: readonly (infer V)[] }
        ? V
        : number;

type OptionalKeys<S extends Schema> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S];

/** The state a schema describes: one value per field, optional fields may be absent. */
export type StateOf<S extends Schema> = { -readonly [K in Exclude<keyof S, OptionalKeys<S>>]: ValueOf<S[K]> } & {
  -readonly [K in OptionalKeys<S>]?: ValueOf<S[K]>;
};

export type Decoded = { ok: true; values: StateValues } | { ok: false; reason: string };

/** Links longer than this are refused before any parsing (16 x 16 x 8 cells and the weights fit well inside). */
export const MAX_STATE_LENGTH = 32_000;

const NAME = /^[A-Za-z][A-Za-z0-9]{0,15}$/;
const NUMBER = /^-?(\d{1,7}(\.\d{1,20})?|\.\d{1,20})(e[+-]?\d{1,3})?$/i;
const DIMS = /^\d{1,3}(x\d{1,3}){0,3}$/;
const WORD = /^[a-z][a-z0-9-]{0,23}$/;

/** The shortest text that reads back as the same number. */
export function encodeNumber(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`Cannot encode ${x}`);
  return Object.is(x, -0) ? '0' : String(x);
}

function shapeOf(value: Nested, rank: number): number[] {
  const dims: number[] = [];
  let v: Nested = value;
  for (let r = 0; r < rank; r++) {
    if (!Array.isArray(v)) throw new Error('Array of the wrong rank');
    dims.push(v.length);
    v = v[0];
  }
  return dims;
}

export function encodeState(schema: Schema, values: StateValues): string {
  const parts: string[] = [];
  for (const [name, field] of Object.entries(schema)) {
    const value = values[name];
    if (value === undefined) {
      if (field.optional) continue;
      throw new Error(`Missing ${name}`);
    }
    if (field.kind === 'array') {
      const dims = shapeOf(value as Nested, field.rank);
      const flat = (value as unknown as unknown[]).flat(Infinity) as number[];
      parts.push(`${name}:${dims.join('x')}:${flat.map(encodeNumber).join(',')}`);
    } else if (field.kind === 'enum') parts.push(`${name}:${String(value)}`);
    else parts.push(`${name}:${encodeNumber(value as number)}`);
  }
  return parts.join(';');
}

function reshape(flat: number[], dims: number[]): Nested {
  if (dims.length === 1) return flat;
  const [first, ...rest] = dims;
  const size = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: first }, (_, i) => reshape(flat.slice(i * size, (i + 1) * size), rest));
}

function parseNumber(text: string): number | null {
  if (!NUMBER.test(text)) return null;
  const v = Number(text);
  return Number.isFinite(v) ? (Object.is(v, -0) ? 0 : v) : null;
}

export function decodeState(schema: Schema, text: string): Decoded {
  if (typeof text !== 'string' || text.length === 0) return { ok: false, reason: 'empty' };
  if (text.length > MAX_STATE_LENGTH) return { ok: false, reason: 'too long' };
  const values: StateValues = Object.create(null) as StateValues;
  for (const part of text.split(';')) {
    const colon = part.indexOf(':');
    if (colon < 0) return { ok: false, reason: 'malformed field' };
    const name = part.slice(0, colon);
    const rest = part.slice(colon + 1);
    if (!NAME.test(name) || !Object.hasOwn(schema, name)) return { ok: false, reason: 'unknown field' };
    if (name in values) return { ok: false, reason: 'repeated field' };
    const field = schema[name];
    if (field.kind === 'array') {
      const second = rest.indexOf(':');
      if (second < 0) return { ok: false, reason: `${name}: no size` };
      const dimsText = rest.slice(0, second);
      if (!DIMS.test(dimsText)) return { ok: false, reason: `${name}: bad size` };
      const dims = dimsText.split('x').map(Number);
      if (dims.length !== field.rank) return { ok: false, reason: `${name}: wrong rank` };
      if (dims.some((d, r) => d < 1 || d > field.max[r])) return { ok: false, reason: `${name}: size out of bounds` };
      const count = dims.reduce((a, b) => a * b, 1);
      const cells = rest.slice(second + 1).split(',');
      if (cells.length !== count) return { ok: false, reason: `${name}: wrong count` };
      const limit = field.limit ?? CELL_LIMIT;
      const flat: number[] = [];
      for (const cell of cells) {
        const v = parseNumber(cell);
        if (v === null || Math.abs(v) > limit) return { ok: false, reason: `${name}: bad number` };
        flat.push(v);
      }
      values[name] = reshape(flat, dims);
    } else if (field.kind === 'enum') {
      if (!WORD.test(rest) || !field.values.includes(rest)) return { ok: false, reason: `${name}: unknown value` };
      values[name] = rest;
    } else {
      const v = parseNumber(rest);
      if (v === null || v < field.min || v > field.max) return { ok: false, reason: `${name}: out of range` };
      if (field.kind === 'int' && !Number.isInteger(v)) return { ok: false, reason: `${name}: not an integer` };
      values[name] = v;
    }
  }
  for (const [name, field] of Object.entries(schema)) {
    if (!field.optional && !(name in values)) return { ok: false, reason: `missing ${name}` };
  }
  return { ok: true, values: { ...values } };
}

/** The raw state text of one widget in a query string ('?a=..&b=..'), or null when absent. */
export function readParam(search: string, key: string): string | null {
  const query = search.startsWith('?') ? search.slice(1) : search;
  for (const entry of query.split('&')) {
    const eq = entry.indexOf('=');
    if (eq < 0) continue;
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(entry.slice(0, eq));
      value = decodeURIComponent(entry.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      if (entry.slice(0, eq) === key) return '\u0000'; // present but undecodable: refused by decodeState
      continue;
    }
    if (name === key) return value;
  }
  return null;
}

/** A query string with one widget's parameter set (or removed, for null), the others kept as they were. */
export function writeParam(search: string, key: string, value: string | null): string {
  const query = search.startsWith('?') ? search.slice(1) : search;
  const kept = query.split('&').filter((entry) => {
    if (!entry) return false;
    const eq = entry.indexOf('=');
    const raw = eq < 0 ? entry : entry.slice(0, eq);
    try {
      return decodeURIComponent(raw) !== key;
    } catch {
      return true;
    }
  });
  if (value !== null) kept.push(`${key}=${value.replace(/[^A-Za-z0-9\-.:;,_]/g, encodeURIComponent)}`);
  return kept.length ? `?${kept.join('&')}` : '';
}

/** What a widget gets from the page's URL: its state, nothing, or a refusal (shown as a notice). */
export type FromUrl = { status: 'absent' } | { status: 'ok'; values: StateValues } | { status: 'refused'; reason: string };

export function stateFromUrl(search: string, key: string, schema: Schema, check?: (values: StateValues) => string | null): FromUrl {
  const raw = readParam(search, key);
  if (raw === null) return { status: 'absent' };
  const decoded = decodeState(schema, raw);
  if (!decoded.ok) return { status: 'refused', reason: decoded.reason };
  const problem = check?.(decoded.values) ?? null;
  return problem ? { status: 'refused', reason: problem } : { status: 'ok', values: decoded.values };
}

/**
 * Makes a page's query string safe to hand to libraries before any of them reads it. TensorFlow.js parses
 * the query when it loads: a malformed escape ('%E0%A4%A') makes it throw, and a 'tfjsflags' parameter would
 * let a link change its settings. Undecodable values become 'invalid' (which the widget then refuses with a
 * notice), undecodable names and 'tfjsflags' are dropped; everything else is kept as it was.
 */
export function sanitizeQuery(search: string): string {
  const query = search.startsWith('?') ? search.slice(1) : search;
  const kept: string[] = [];
  for (const entry of query.split('&')) {
    if (!entry) continue;
    const eq = entry.indexOf('=');
    const rawName = eq < 0 ? entry : entry.slice(0, eq);
    let name: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
    } catch {
      continue;
    }
    if (name.toLowerCase() === 'tfjsflags') continue;
    if (eq < 0) {
      kept.push(entry);
      continue;
    }
    try {
      decodeURIComponent(entry.slice(eq + 1).replace(/\+/g, ' '));
      kept.push(entry);
    } catch {
      kept.push(`${rawName}=invalid`);
    }
  }
  return kept.length ? `?${kept.join('&')}` : '';
}
