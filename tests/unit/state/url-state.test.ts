import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, readParam, writeParam, stateFromUrl, sanitizeQuery, MAX_STATE_LENGTH, type Schema } from '../../../src/state/url-state.ts';
import { checkToy, toySchema, toyState, type ToyState } from '../../../src/state/toy-state.ts';
import { seedExample } from '../../../src/state/seed-example.ts';

const schema = {
  A: { kind: 'array', rank: 2, max: [3, 3] },
  c: { kind: 'int', min: 0, max: 2 },
  t: { kind: 'number', min: 0, max: 1, optional: true },
  cmap: { kind: 'enum', values: ['viridis', 'jet'], optional: true },
} as const satisfies Schema;

describe('encoding a state', () => {
  it('writes arrays with their size and numbers in their shortest exact form', () => {
    expect(encodeState(schema, { A: [[1, -2.5], [0.125, 1e-7]], c: 2, cmap: 'jet' })).toBe('A:2x2:1,-2.5,0.125,1e-7;c:2;cmap:jet');
  });
  it('reads back exactly what it wrote', () => {
    const values = { A: [[1, -2.5, 3], [0.1, 0.2, 0.30000000000000004]], c: 1, t: 0.2, cmap: 'viridis' };
    const decoded = decodeState(schema, encodeState(schema, values));
    expect(decoded).toEqual({ ok: true, values });
  });
  it('round-trips the talk’s example through the toy schema', () => {
    const state = toyState(seedExample());
    const text = encodeState(toySchema, state);
    const decoded = decodeState(toySchema, text);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(checkToy(decoded.values as unknown as ToyState)).toBeNull();
    expect(decoded.values).toEqual(state);
  });
  it('uses only characters that travel raw in a query string', () => {
    const text = encodeState(toySchema, toyState(seedExample()));
    expect(text).toMatch(/^[A-Za-z0-9\-.:;,]+$/);
    expect(writeParam('', 'cam-x', text)).toBe(`?cam-x=${text}`);
  });
});

describe('refusing a malformed or hostile link', () => {
  const refused = (text: string) => decodeState(schema, text).ok;
  it.each([
    ['empty', ''],
    ['markup', '<img src=x onerror=alert(1)>'],
    ['script in a value', 'A:1x1:1;c:0;cmap:<script>'],
    ['an unknown field', 'A:1x1:1;c:0;evil:1'],
    ['a prototype key', 'A:1x1:1;c:0;__proto__:1'],
    ['a repeated field', 'A:1x1:1;c:0;c:1'],
    ['a missing field', 'A:1x1:1'],
    ['too many cells', 'A:1x1:1,2;c:0'],
    ['too few cells', 'A:2x2:1,2,3;c:0'],
    ['a size past the bound', 'A:4x1:1,2,3,4;c:0'],
    ['a zero size', 'A:0x1:;c:0'],
    ['the wrong rank', 'A:1:1;c:0'],
    ['NaN', 'A:1x1:NaN;c:0'],
    ['Infinity', 'A:1x1:Infinity;c:0'],
    ['1e30', 'A:1x1:1e30;c:0'],
    ['hex', 'A:1x1:0x10;c:0'],
    ['an empty cell', 'A:1x2:1,;c:0'],
    ['a class out of range', 'A:1x1:1;c:3'],
    ['a class that is not whole', 'A:1x1:1;c:0.5'],
    ['a threshold out of range', 'A:1x1:1;c:0;t:2'],
    ['an unknown colour map', 'A:1x1:1;c:0;cmap:rainbow'],
    ['no colon', 'A'],
  ])('refuses %s', (_, text) => {
    expect(refused(text)).toBe(false);
  });
  it('refuses a link longer than the limit before parsing it', () => {
    const long = `A:1x1:${'1'.repeat(MAX_STATE_LENGTH)};c:0`;
    expect(decodeState(schema, long)).toEqual({ ok: false, reason: 'too long' });
  });
  it('refuses toy values whose parts disagree', () => {
    const d = decodeState(toySchema, 'A:2x1x1:1,2;w:1x3:1,2,3;b:1:0;c:0');
    expect(d.ok).toBe(true);
    if (d.ok) expect(checkToy(d.values as unknown as ToyState)).toMatch(/weight/);
    const c = decodeState(toySchema, 'A:1x1x1:1;w:2x1:1,2;b:2:0,0;c:5');
    expect(c.ok && checkToy(c.values as unknown as ToyState)).toMatch(/class/);
  });
});

describe('the query string', () => {
  it('reads one widget’s parameter, raw or percent-encoded, and ignores the others', () => {
    expect(readParam('?x=1&cam-a=A:1x1:2;c:0', 'cam-a')).toBe('A:1x1:2;c:0');
    expect(readParam('?cam-a=A%3A1x1%3A2%3Bc%3A0', 'cam-a')).toBe('A:1x1:2;c:0');
    expect(readParam('?x=1', 'cam-a')).toBeNull();
    expect(readParam('', 'cam-a')).toBeNull();
    expect(readParam('?cam-a=%E0%A4%A', 'cam-a')).toBe('\u0000');
  });
  it('writes one parameter, keeping the others', () => {
    expect(writeParam('?x=1&cam-a=old', 'cam-a', 'c:1')).toBe('?x=1&cam-a=c:1');
    expect(writeParam('?cam-a=old', 'cam-a', null)).toBe('');
    expect(writeParam('', 'cam-a', 'a b<')).toBe('?cam-a=a%20b%3C');
  });
  it('tells absent, accepted and refused apart', () => {
    expect(stateFromUrl('', 'k', schema)).toEqual({ status: 'absent' });
    expect(stateFromUrl('?k=A:1x1:1;c:0', 'k', schema).status).toBe('ok');
    expect(stateFromUrl('?k=%3Cscript%3E', 'k', schema).status).toBe('refused');
    expect(stateFromUrl('?k=A:1x1:1;c:0', 'k', schema, () => 'no').status).toBe('refused');
  });
});

describe('sanitizing the query before libraries read it', () => {
  it('keeps good parameters, marks undecodable values invalid, drops undecodable names and tfjsflags', () => {
    expect(sanitizeQuery('?a=1&cam-x=A:1x1:2;c:0')).toBe('?a=1&cam-x=A:1x1:2;c:0');
    expect(sanitizeQuery('?cam-x=%E0%A4%A&b=2')).toBe('?cam-x=invalid&b=2');
    expect(sanitizeQuery('?%E0%A4%A=1&b=2')).toBe('?b=2');
    expect(sanitizeQuery('?tfjsflags=DEBUG:true&TFJSFLAGS=x')).toBe('');
    expect(sanitizeQuery('')).toBe('');
    for (const q of ['?cam-x=%E0%A4%A', '?%zz', '?a=%']) expect(() => decodeURIComponent(sanitizeQuery(q))).not.toThrow();
  });
  it('leaves a sanitized value that the widget refuses', () => {
    expect(stateFromUrl(sanitizeQuery('?k=%E0%A4%A'), 'k', schema).status).toBe('refused');
  });
});
