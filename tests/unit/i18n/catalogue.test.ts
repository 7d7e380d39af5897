import { describe, expect, it } from 'vitest';
import en from '../../../src/i18n/en.json';
import ko from '../../../src/i18n/ko.json';
import { format, localePath } from '../../../src/i18n/index.ts';

describe('interface strings', () => {
  it('Korean has every English key and no other', () => {
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
  });
  it('each translation keeps the placeholders of the English string', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(names(ko[key]), key).toEqual(names(en[key]));
  });
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
  it('puts Korean under /ko/ and honours a sub-folder base path', () => {
    expect(localePath('en', 'lessons/x/', '/')).toBe('/lessons/x/');
    expect(localePath('ko', 'lessons/x/', '/')).toBe('/ko/lessons/x/');
    expect(localePath('ko', '', '/cam-lab')).toBe('/cam-lab/ko/');
  });
});
