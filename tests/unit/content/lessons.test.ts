import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = (locale: string) => new URL(`../../../content/lessons/${locale}/`, import.meta.url);
const files = (locale: string) => readdirSync(dir(locale)).filter((f) => f.endsWith('.mdx')).sort();
const frontmatter = (locale: string, file: string) => {
  const text = readFileSync(new URL(file, dir(locale)), 'utf8');
  const block = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
  return Object.fromEntries(block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]));
};

describe('the lessons', () => {
  it('exist with the same slugs in English and Korean', () => {
    expect(files('ko')).toEqual(files('en'));
    expect(files('en').length).toBeGreaterThanOrEqual(9);
  });
  it('are numbered by their file name, in both locales, with a title and a summary', () => {
    for (const locale of ['en', 'ko']) {
      for (const file of files(locale)) {
        const fm = frontmatter(locale, file);
        expect(Number(fm.order), `${locale}/${file}`).toBe(Number(file.slice(0, 2)));
        expect(fm.title, `${locale}/${file}`).toBeTruthy();
        expect(fm.summary, `${locale}/${file}`).toBeTruthy();
      }
    }
  });
});
