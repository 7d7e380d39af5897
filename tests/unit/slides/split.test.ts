import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkMath from 'remark-math';
import { compile } from '@mdx-js/mdx';
import type { Root } from 'mdast';
import { numberSteps, remarkSlides, splitSlides, type SplitSlide } from '../../../src/slides/split.ts';

/** Parses MDX the way the site does (MDX syntax plus $ maths), frontmatter stripped as the content loader does. */
function parse(source: string): Root {
  return unified().use(remarkParse).use(remarkMdx).use(remarkMath).parse(source) as Root;
}

/** A slide's own source text, from its first node to its last: what the round-trip fixtures compare. */
function sourceOf(slide: SplitSlide, source: string): string {
  const first = slide.nodes[0].position!.start.offset!;
  const last = slide.nodes.at(-1)!.position!.end.offset!;
  return source.slice(first, last);
}

function split(source: string) {
  const result = splitSlides(parse(source));
  return { ...result, sources: result.slides.map((s) => sourceOf(s, source)), titles: result.slides.map((s) => s.title) };
}

/** Every character but whitespace and the <Slide /> marks, in order: what no split may lose or reorder. */
const ink = (text: string) => text.replace(/<Slide\s*\/>/g, '').replace(/\s+/g, '');

describe('splitting a lesson without marks (second-level headings)', () => {
  const source = [
    'An opening paragraph, before any heading.',
    '',
    '## First',
    '',
    'Text of the first slide.',
    '',
    '### A third-level heading stays on its slide',
    '',
    '$$',
    'S_c = \\sum_k w_k^c F^k',
    '$$',
    '',
    '## Second',
    '',
    '- one',
    '- two',
    '',
    '## Third',
    '',
    '<ClassScores label="x" />',
  ].join('\n');

  it('starts a slide at each ## heading, with the opening as a slide of its own', () => {
    const { sources, titles } = split(source);
    expect(sources).toEqual([
      'An opening paragraph, before any heading.',
      '## First\n\nText of the first slide.\n\n### A third-level heading stays on its slide\n\n$$\nS_c = \\sum_k w_k^c F^k\n$$',
      '## Second\n\n- one\n- two',
      '## Third\n\n<ClassScores label="x" />',
    ]);
    expect(titles).toEqual(['', 'First', 'Second', 'Third']);
  });

  it('loses and reorders nothing', () => {
    expect(ink(split(source).sources.join('\n'))).toBe(ink(source));
  });

  it('makes one slide of a lesson with no heading at all', () => {
    expect(split('Just one paragraph.\n\nAnd another.').sources).toEqual(['Just one paragraph.\n\nAnd another.']);
  });

  it('makes no slide of an empty lesson', () => {
    expect(split('').slides).toEqual([]);
  });
});

describe('splitting with <Slide /> marks', () => {
  const source = [
    '## One',
    '',
    'First half.',
    '',
    '<Slide />',
    '',
    'Second half, still under heading One.',
    '',
    '<Slide />',
    '',
    '## Two',
    '',
    'A mark right before a heading makes one boundary, not two.',
    '',
    '<Slide />',
    '<Slide />',
    '',
    'Two marks in a row make no empty slide.',
    '',
    '<Slide />',
  ].join('\n');

  it('adds a boundary at each mark and drops the marks themselves', () => {
    const { sources, titles } = split(source);
    expect(sources).toEqual([
      '## One\n\nFirst half.',
      'Second half, still under heading One.',
      '## Two\n\nA mark right before a heading makes one boundary, not two.',
      'Two marks in a row make no empty slide.',
    ]);
    expect(titles).toEqual(['One', '', 'Two', '']);
    expect(ink(sources.join('\n'))).toBe(ink(source));
  });

  it('lets a mark at the very start open the first slide', () => {
    expect(split('<Slide />\n\nOpening.\n\n## Next\n\nMore.').sources).toEqual(['Opening.', '## Next\n\nMore.']);
  });

  it('keeps import and export statements at the top of the module, outside every slide', () => {
    const { module, sources } = split("import X from './x.ts'\n\n## A\n\nText.\n\nexport const y = 1\n\n## B\n\nMore.");
    expect(module.map((n) => n.type)).toEqual(['mdxjsEsm', 'mdxjsEsm']);
    expect(sources).toEqual(['## A\n\nText.', '## B\n\nMore.']);
  });
});

describe('steps and notes', () => {
  const source = [
    '## Reveal',
    '',
    'Always shown.',
    '',
    '<Step>',
    '',
    'Shown at step 1.',
    '',
    '</Step>',
    '',
    'A sentence with <Step>an inline part</Step> at step 2.',
    '',
    '<Step each>',
    '',
    '- item at step 3',
    '- item at step 4',
    '',
    '</Step>',
    '',
    '<Notes>',
    '',
    'Say this aloud.',
    '',
    '</Notes>',
    '',
    '## No reveals',
    '',
    'Plain.',
  ].join('\n');

  it('counts the reveals and notes of each slide', () => {
    const { slides } = split(source);
    expect(slides.map((s) => [s.title, s.steps, s.notes])).toEqual([
      ['Reveal', 4, true],
      ['No reveals', 0, false],
    ]);
  });

  it('numbers the reveals 1, 2, ... in document order, one per item for <Step each>', () => {
    const { slides } = split(source);
    numberSteps(slides[0]);
    const found: string[] = [];
    const visit = (node: { type: string; name?: string; attributes?: { name: string; value: string }[]; children?: unknown[] }) => {
      if (node.name === 'Step') {
        const attrs = Object.fromEntries((node.attributes ?? []).map((a) => [a.name, a.value]));
        found.push(`${node.type === 'mdxJsxTextElement' ? 'inline ' : ''}${attrs.n}`);
      }
      for (const child of node.children ?? []) visit(child as never);
    };
    for (const node of slides[0].nodes) visit(node as never);
    // The <Step each> wrapper becomes n=0 (no reveal of its own) around items 3 and 4, whose one
    // paragraph each gets an inline step (so the list stays tight on the lesson page).
    expect(found).toEqual(['1', 'inline 2', '0', 'inline 3', 'inline 4']);
  });
});

describe('<Step each> around a list', () => {
  it('wraps the blocks of an item that holds several in one step (a one-paragraph item gets an inline step)', () => {
    const { slides } = split('<Step each>\n\n- first\n\n  more of the first\n\n- second\n\n</Step>');
    expect(slides[0].steps).toBe(2);
    numberSteps(slides[0]);
    const list = (slides[0].nodes[0] as unknown as { children: { children: { children: { type: string; name: string }[] }[] }[] }).children[0];
    expect(list.children.map((item) => item.children.map((c) => `${c.type}:${c.name}`))).toEqual([['mdxJsxFlowElement:Step'], ['paragraph:undefined']]);
  });

  it('numbers the items 1, 2, ... even when each item is one paragraph', () => {
    const { slides } = split('Intro.\n\n<Step each>\n\n- a\n- b\n- c\n\n</Step>');
    numberSteps(slides[0]);
    const numbers = JSON.stringify(slides[0].nodes).match(/"name":"n","value":"\d+"/g);
    // The wrapper (n = 0, no reveal of its own) comes first in the tree, then its items.
    expect(numbers).toEqual(['"name":"n","value":"0"', '"name":"n","value":"1"', '"name":"n","value":"2"', '"name":"n","value":"3"']);
  });
});

describe('the remark plugin in an MDX compile', () => {
  it('wraps each slide in a SlideSection with its index, steps, title and notes', async () => {
    const source = '## First\n\n<Step>Hi</Step>\n\n<Notes>psst</Notes>\n\n<Slide />\n\n## Second\n\nBye.';
    const tree = parse(source);
    remarkSlides()(tree, { path: 'lesson.mdx' });
    const sections = tree.children.map((n) => {
      const el = n as { name: string; attributes: { name: string; value: string }[] };
      return [el.name, Object.fromEntries(el.attributes.map((a) => [a.name, a.value]))];
    });
    expect(sections).toEqual([
      ['SlideSection', { index: '0', steps: '1', title: 'First', notes: 'true' }],
      ['SlideSection', { index: '1', steps: '0', title: 'Second', notes: 'false' }],
    ]);
  });

  it('produces MDX that compiles and asks for the slide components', async () => {
    const code = String(await compile('## A\n\n<Step>x</Step>\n\n<Slide />\n\nB\n', { remarkPlugins: [remarkMath, remarkSlides] }));
    expect(code).toContain('SlideSection');
    expect(code).toContain('Step');
    expect(code).not.toMatch(/\bSlide\b(?!Section)/);
  });

  it('leaves plain Markdown files alone', () => {
    const tree = parse('## A\n\nText.');
    remarkSlides()(tree, { path: 'notes.md' });
    expect(tree.children.map((n) => n.type)).toEqual(['heading', 'paragraph']);
  });
});

describe('the course’s own lessons', () => {
  const root = new URL('../../../content/lessons/', import.meta.url);
  const read = (locale: string, file: string) => readFileSync(new URL(`${locale}/${file}`, root), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
  const files = readdirSync(new URL('en/', root)).filter((f) => f.endsWith('.mdx'));

  it('has lessons to split', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(`${file} splits into the same slides, steps and notes in English and Korean`, () => {
      const en = split(read('en', file));
      const ko = split(read('ko', file));
      expect(en.slides.length).toBeGreaterThan(1);
      expect(ko.slides.map((s) => [s.steps, s.notes])).toEqual(en.slides.map((s) => [s.steps, s.notes]));
      // Nothing of the lesson is lost or reordered (import/export lines stay at the top of the module).
      const withoutEsm = (text: string) => ink(text.replace(/^(import|export)\s.*$/gm, ''));
      expect(ink(en.sources.join('\n'))).toBe(withoutEsm(read('en', file)));
      expect(ink(ko.sources.join('\n'))).toBe(withoutEsm(read('ko', file)));
    });
  }
});
