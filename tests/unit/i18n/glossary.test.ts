import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { glossary, type GlossaryTerm } from '../../../src/i18n/glossary.ts';

// Every Korean text of the project, found by walking the folders (a lesson or page added later is read too):
// the Korean lessons (any Markdown under a `ko` folder of content/), the Korean interface strings, and the
// Korean text of the Astro components and pages.

const root = new URL('../../../', import.meta.url);
const HANGUL = /[\uAC00-\uD7A3]/;

interface Source {
  path: string;
  text: string;
  /** Whether Latin-script variants are looked for: not in code files, where English words are code. */
  latin: boolean;
}

function walk(dir: string, keep: (path: string) => boolean, found: string[] = []): string[] {
  for (const entry of readdirSync(new URL(dir, root), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) walk(path, keep, found);
    else if (keep(path)) found.push(path);
  }
  return found;
}

function koreanSources(): Source[] {
  const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
  const lessons = walk('content', (p) => /\/ko\/.*\.mdx?$/.test(p)).map((path) => ({ path, text: read(path), latin: true }));
  const strings = { path: 'src/i18n/ko.json', text: read('src/i18n/ko.json'), latin: true };
  const astro = walk('src', (p) => p.endsWith('.astro'))
    .map((path) => ({ path, text: read(path), latin: false }))
    .filter((s) => HANGUL.test(s.text));
  return [...lessons, strings, ...astro].sort((a, b) => a.path.localeCompare(b.path));
}

/** Blanks formulas and code (keeping line breaks, so line numbers stay right): there softmax is a symbol, not a word. */
function withoutFormulasAndCode(text: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return text
    .replace(/```[\s\S]*?```/g, blank)
    .replace(/\$\$[\s\S]*?\$\$/g, blank)
    .replace(/`[^`\n]*`/g, blank)
    .replace(/\$[^$\n]+\$/g, blank);
}

interface Hit {
  line: number;
  variant: string;
  term: GlossaryTerm;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where a text uses a variant the glossary refuses. Hangul variants count anywhere; Latin ones as whole words outside formulas and code. */
function discouraged(text: string, terms: readonly GlossaryTerm[], latin = true): Hit[] {
  const prose = withoutFormulasAndCode(text);
  const hits: Hit[] = [];
  for (const term of terms) {
    for (const variant of term.avoid) {
      const korean = HANGUL.test(variant);
      if (!korean && !latin) continue;
      const pattern = korean ? new RegExp(escape(variant), 'g') : new RegExp(`\\b${escape(variant)}\\b`, 'gi');
      for (const m of (korean ? text : prose).matchAll(pattern)) {
        hits.push({ line: text.slice(0, m.index).split('\n').length, variant, term });
      }
    }
  }
  return hits.sort((a, b) => a.line - b.line);
}

describe('the Korean glossary', () => {
  it('names each English term and each Korean term once, with the variants it refuses', () => {
    const en = glossary.map((t) => t.en);
    const ko = glossary.map((t) => t.ko);
    expect(new Set(en).size).toBe(en.length);
    expect(new Set(ko).size).toBe(ko.length);
    for (const term of glossary) {
      expect(term.avoid.length, term.en).toBeGreaterThan(0);
      expect(new Set(term.avoid).size, term.en).toBe(term.avoid.length);
    }
  });

  it('never refuses its own terms: writing by the glossary cannot fail the check', () => {
    for (const term of glossary) expect(discouraged(term.ko, glossary), term.ko).toEqual([]);
  });

  it('holds the pairs issue 12 and the course vocabulary name', () => {
    const avoided = (ko: string) => glossary.find((t) => t.ko === ko)?.avoid ?? [];
    expect(avoided('특징 맵')).toContain('특성 맵');
    expect(avoided('평탄화')).toContain('펼치기');
    expect(avoided('완전 연결 층')).toEqual(expect.arrayContaining(['덴스 층', '밀집층', '선형층']));
    expect(avoided('강의')).toContain('레슨');
    expect(avoided('색상 맵')).toEqual(expect.arrayContaining(['색 지도', '색 척도']));
    expect(avoided('그래디언트')).toContain('기울기');
    for (const ko of ['바운딩 박스', '약지도 객체 위치 추정', 'saliency 맵', '전역 평균 풀링', '전역 최대 풀링', '클래스 점수']) {
      expect(glossary.map((t) => t.ko)).toContain(ko);
    }
  });
});

describe('finding a refused variant', () => {
  const terms: GlossaryTerm[] = [
    { en: 'feature map', ko: '특징 맵', avoid: ['특성 맵'] },
    { en: 'softmax', ko: '소프트맥스', avoid: ['softmax'] },
  ];

  it('reports each Hangul variant with its line', () => {
    const hits = discouraged('첫 줄\n두 번째 줄의 특성 맵과\n특성 맵', terms);
    expect(hits.map((h) => [h.line, h.variant, h.term.ko])).toEqual([[2, '특성 맵', '특징 맵'], [3, '특성 맵', '특징 맵']]);
  });

  it('finds a Latin variant in prose, in any case, but not in formulas, code or longer words', () => {
    const text = 'Softmax를 거친 값\n$\\mathrm{softmax}(S)$ 와 `tf.softmax`\n$$\np = \\mathrm{softmax}(S)\n$$\nlogsoftmax';
    expect(discouraged(text, terms).map((h) => h.line)).toEqual([1]);
  });

  it('leaves Latin words alone in code files', () => {
    expect(discouraged('const p = tf.softmax(s); // 특성 맵', terms, false).map((h) => h.variant)).toEqual(['특성 맵']);
  });
});

describe('every Korean text of the project', () => {
  const sources = koreanSources();

  it('is found by walking the folders: every Korean lesson and the Korean strings', () => {
    const lessons = readdirSync(new URL('content/lessons/ko/', root)).filter((f) => f.endsWith('.mdx'));
    expect(lessons.length).toBeGreaterThanOrEqual(9);
    for (const file of lessons) expect(sources.map((s) => s.path)).toContain(`content/lessons/ko/${file}`);
    expect(sources.map((s) => s.path)).toContain('src/i18n/ko.json');
  });

  it.each(sources.map((s) => [s.path, s] as const))('%s uses the glossary’s terms', (_, source) => {
    const found = discouraged(source.text, glossary, source.latin).map((h) => `${source.path}:${h.line}: “${h.variant}” → ${h.term.ko} (${h.term.en})`);
    expect(found).toEqual([]);
  });
});
