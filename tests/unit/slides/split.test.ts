import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkMath from 'remark-math';
import { compile } from '@mdx-js/mdx';
import type { Root } from 'mdast';
import { audienceWords, countWords, prepareSlide, remarkSlides, showsMoreThanAHeading, splitSlides, type SplitSlide } from '../../../src/slides/split.ts';

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
    'Prose: it goes to the notes on the slides page.',
    '',
    '<Step>',
    '',
    '$$',
    'x = 1',
    '$$',
    '',
    '</Step>',
    '',
    '<SlideOnly>',
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
    '</SlideOnly>',
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
    expect(slides.map((s) => [s.title, s.steps, s.notes, s.prose])).toEqual([
      ['Reveal', 4, true, true],
      ['No reveals', 0, false, true],
    ]);
  });

  it('numbers the reveals 1, 2, ... in document order, one per item for <Step each>', () => {
    const { slides } = split(source);
    prepareSlide(slides[0]);
    // The <Step each> wrapper becomes n=0 (no reveal of its own) around items 3 and 4, whose one
    // paragraph each gets an inline step (so the list stays tight on the lesson page).
    expect(stepsIn(slides[0].nodes)).toEqual(['1', 'inline 2', '0', 'inline 3', 'inline 4']);
  });
});

/** The <Step> elements of some nodes in document order, as their number (n), marked "inline" for a step within a sentence. */
function stepsIn(nodes: unknown[]): string[] {
  const found: string[] = [];
  const visit = (node: { type: string; name?: string; attributes?: { name: string; value: string }[]; children?: unknown[] }) => {
    if (node.name === 'Step') {
      const attrs = Object.fromEntries((node.attributes ?? []).map((a) => [a.name, a.value]));
      found.push(`${node.type === 'mdxJsxTextElement' ? 'inline ' : ''}${attrs.n}`);
    }
    for (const child of node.children ?? []) visit(child as never);
  };
  for (const node of nodes) visit(node as never);
  return found;
}

type Tree = { type: string; name?: string; value?: string; children?: Tree[] };
/** The names or types of a slide's top-level nodes, the prose wrappers opened: what goes where. */
const layout = (nodes: unknown[]) =>
  (nodes as Tree[]).map((n) => (n.name === 'LessonProse' ? `notes(${n.children!.map((c) => c.name ?? c.type).join(', ')})` : (n.name ?? n.type)));
/** Every text and formula of some nodes in document order, but the slide-only text: what the lesson page renders. */
const texts = (nodes: unknown[]): string[] =>
  (nodes as Tree[]).flatMap((n) => (n.name === 'SlideOnly' ? [] : typeof n.value === 'string' ? [n.value] : texts(n.children ?? [])));

describe('a slide is not a page of prose', () => {
  const source = [
    '## Heading',
    '',
    '<SlideOnly>',
    '',
    'A few words for the audience: $x$ and `code`.',
    '',
    '</SlideOnly>',
    '',
    'A paragraph of the lesson.',
    '',
    '- a list',
    '- of the lesson',
    '',
    '$$',
    'S_c = \\sum_k w_k^c F^k',
    '$$',
    '',
    '> A quote.',
    '',
    '<Step>',
    '',
    'A reveal of prose only.',
    '',
    '</Step>',
    '',
    '<Step>',
    '',
    'Prose beside a formula.',
    '',
    '$$',
    'y = 2',
    '$$',
    '',
    '</Step>',
    '',
    '<Widget tag="cam-class-scores" />',
    '',
    '<Notes>',
    '',
    'A note.',
    '',
    '</Notes>',
  ].join('\n');

  it('moves the prose to the notes and leaves headings, formulas, widgets, slide text and reveals on the stage', () => {
    const { slides } = split(source);
    expect(slides[0].steps).toBe(1); // the step of prose only is no reveal
    prepareSlide(slides[0]);
    expect(layout(slides[0].nodes)).toEqual(['heading', 'SlideOnly', 'notes(paragraph, list)', 'math', 'notes(blockquote, Step)', 'Step', 'Widget', 'Notes']);
    const mixed = (slides[0].nodes as unknown as Tree[])[5];
    expect(layout(mixed.children!)).toEqual(['notes(paragraph)', 'math']);
    expect(stepsIn(slides[0].nodes)).toEqual(['0', '1']);
  });

  it('keeps every text of the lesson, in order, so the lesson page does not change', () => {
    const { slides } = split(source);
    const before = texts(slides[0].nodes);
    prepareSlide(slides[0]);
    expect(texts(slides[0].nodes)).toEqual(before);
    expect(before).toContain('A paragraph of the lesson.');
    expect(before).not.toContain('A few words for the audience: ');
  });

  it('changes nothing when a slide is prepared twice', () => {
    const { slides } = split(source);
    prepareSlide(slides[0]);
    const once = JSON.stringify(slides[0].nodes);
    prepareSlide(slides[0]);
    expect(JSON.stringify(slides[0].nodes)).toBe(once);
  });

  it('counts the words the audience reads: the heading and the slide text, not formulas, widgets, notes or prose', () => {
    const { slides } = split(source);
    // "Heading" (1) + "A few words for the audience:" (6) + "and" (1) + `code` (1); $x$, the formulas, the widget,
    // the note and every sentence of prose are not counted.
    expect(audienceWords(slides[0])).toBe(9);
    expect(showsMoreThanAHeading(slides[0])).toBe(true);
  });

  it('counts every reveal, and Korean words by the spaces between them', () => {
    const { slides } = split('## 제목\n\n<SlideOnly>\n\n맵 $A^k$ 하나에\n\n<Step>\n\n숫자 하나 — 평균.\n\n</Step>\n\n</SlideOnly>');
    expect(audienceWords(slides[0])).toBe(6); // 제목, 맵, 하나에, 숫자, 하나, 평균. (the dash is no word)
  });

  it('finds a slide that would show only its heading', () => {
    const { slides } = split('## Only prose\n\nA paragraph.\n\n- a list\n\n## A formula\n\n$$\nx\n$$');
    expect(slides.map(showsMoreThanAHeading)).toEqual([false, true]);
  });

  it('refuses <SlideOnly> inside a sentence, where it would go to the notes with the sentence', () => {
    expect(() => split('## A\n\nA sentence with <SlideOnly>hidden words</SlideOnly> in it.')).toThrow(
      /<SlideOnly> inside a sentence \(line 3\): put it on lines of its own/,
    );
  });

  it('counts words as runs that hold a letter or a digit', () => {
    expect(countWords('  A  dash — and 3 dots ... then 특징 맵. ')).toBe(8);
  });
});

describe('<Step each> around a list', () => {
  it('wraps the blocks of an item that holds several in one step (a one-paragraph item gets an inline step)', () => {
    const { slides } = split('<SlideOnly>\n\n<Step each>\n\n- first\n\n  more of the first\n\n- second\n\n</Step>\n\n</SlideOnly>');
    expect(slides[0].steps).toBe(2);
    prepareSlide(slides[0]);
    const slideOnly = slides[0].nodes[0] as unknown as Tree;
    const list = slideOnly.children![0].children![0];
    expect(list.children!.map((item) => item.children!.map((c) => `${c.type}:${c.name}`))).toEqual([['mdxJsxFlowElement:Step'], ['paragraph:undefined']]);
  });

  it('numbers the items 1, 2, ... even when each item is one paragraph', () => {
    const { slides } = split('<SlideOnly>\n\n<Step each>\n\n- a\n- b\n- c\n\n</Step>\n\n</SlideOnly>');
    prepareSlide(slides[0]);
    // The wrapper (n = 0, no reveal of its own) comes first in the tree, then its items.
    expect(stepsIn(slides[0].nodes)).toEqual(['0', 'inline 1', 'inline 2', 'inline 3']);
  });

  it('is no reveal around a list of the lesson: the list goes to the notes, its steps unnumbered', () => {
    const { slides } = split('<Step each>\n\n- a\n- b\n\n</Step>');
    expect(slides[0].steps).toBe(0);
    prepareSlide(slides[0]);
    expect(layout(slides[0].nodes)).toEqual(['notes(Step)']);
    expect(stepsIn(slides[0].nodes)).toEqual(['0']);
  });
});

describe('the remark plugin in an MDX compile', () => {
  it('wraps each slide in a SlideSection with its index, steps, title and notes', async () => {
    const source = '## First\n\n<SlideOnly>\n\nSay <Step>hi</Step>\n\n</SlideOnly>\n\n<Notes>psst</Notes>\n\n<Slide />\n\n## Second\n\nBye.';
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
    expect(code).toContain('LessonProse');
    expect(code).toContain('Step');
    expect(code).not.toMatch(/\bSlide\b(?!Section)/);
  });

  it('leaves plain Markdown files alone', () => {
    const tree = parse('## A\n\nText.');
    remarkSlides()(tree, { path: 'notes.md' });
    expect(tree.children.map((n) => n.type)).toEqual(['heading', 'paragraph']);
  });
});
