/**
 * Splits a lesson's MDX tree into slides. One parser, used at build time by remarkSlides (below) and by the
 * unit tests, so what the tests check is what the slides page shows.
 *
 * The rules (see src/slides/README.md):
 * - a slide starts at every second-level heading (`## ...`) and at every `<Slide />`;
 *   a `<Slide />` directly before a heading makes one boundary, not two;
 * - what comes before the first boundary is a slide of its own;
 * - `<Step>...</Step>` is revealed one step at a time, in document order; `<Step each>` around a list
 *   reveals its items one by one;
 * - `<Notes>...</Notes>` holds speaker notes for the presenter view (the lesson page shows nothing);
 * - a slide is not a page of prose: the lesson's paragraphs, lists and quotes go to the presenter's notes on
 *   the slides page (wrapped in a LessonProse element), and the audience sees the headings, formulas, widgets
 *   and figures, and `<SlideOnly>...</SlideOnly>`: a few words written for the slide, which the lesson page
 *   does not show. A `<Step>` that holds only prose goes to the notes with it and is no reveal.
 */
import type { Heading, List, Root, RootContent } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';

export const SLIDE = 'Slide';
export const STEP = 'Step';
export const NOTES = 'Notes';
/** Text written for the slide alone: the slides page shows it, the lesson page shows nothing. */
export const SLIDE_ONLY = 'SlideOnly';
/** The element remarkSlides wraps each slide in; the lesson page renders it as nothing but its children. */
export const SECTION = 'SlideSection';
/** The element remarkSlides wraps a slide's prose in: the lesson page shows it as it is, the slides page moves it to the notes. */
export const PROSE = 'LessonProse';
/** The blocks that are prose: on a slide they go to the presenter's notes (outside `<SlideOnly>`). */
const PROSE_BLOCKS = new Set(['paragraph', 'list', 'blockquote']);

type Jsx = MdxJsxFlowElement | MdxJsxTextElement;
type AnyNode = { type: string; children?: AnyNode[]; value?: string };

export interface SplitSlide {
  /** The lesson's own nodes, in order; nothing is copied or dropped except the `<Slide />` marks. */
  nodes: RootContent[];
  /** The text of the slide's first heading, or '' when it has none. */
  title: string;
  /** How many `<Step>` reveals the slide has. */
  steps: number;
  /** Whether the slide carries speaker notes. */
  notes: boolean;
  /** Whether some of the lesson's prose is on this slide, which the slides page moves to the notes. */
  prose: boolean;
}

export interface Split {
  /** ESM (import/export) and frontmatter, which must stay at the top level of the module. */
  module: RootContent[];
  slides: SplitSlide[];
}

function isJsx(node: AnyNode, name?: string): node is Jsx & AnyNode {
  return (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && (name === undefined || (node as Jsx).name === name);
}

function staysAtTop(node: RootContent): boolean {
  return node.type === 'mdxjsEsm' || node.type === 'yaml' || (node.type as string) === 'toml';
}

export function isSlideMark(node: RootContent): boolean {
  return node.type === 'mdxJsxFlowElement' && node.name === SLIDE;
}

function hasAttribute(node: Jsx, name: string): boolean {
  return node.attributes.some((a) => a.type === 'mdxJsxAttribute' && a.name === name && a.value !== 'false');
}

function attribute(name: string, value: string): MdxJsxAttribute {
  return { type: 'mdxJsxAttribute', name, value };
}

function setAttribute(node: Jsx, name: string, value: string): void {
  node.attributes = node.attributes.filter((a) => !(a.type === 'mdxJsxAttribute' && a.name === name));
  node.attributes.push(attribute(name, value));
}

function textOf(node: AnyNode): string {
  if (typeof node.value === 'string' && node.type !== 'mdxFlowExpression' && node.type !== 'mdxTextExpression') return node.value;
  return (node.children ?? []).map(textOf).join('');
}

function walk(node: AnyNode, visit: (node: AnyNode) => void): void {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

/** Groups the top-level nodes into slides. Pure: the tree is not changed. */
export function splitSlides(root: Root): Split {
  const module: RootContent[] = [];
  const groups: RootContent[][] = [];
  let current: RootContent[] | null = null;
  for (const node of root.children) {
    if (staysAtTop(node)) {
      module.push(node);
    } else if (isSlideMark(node)) {
      current = [];
      groups.push(current);
    } else {
      const heading = node.type === 'heading' && node.depth === 2;
      if (!current || (heading && current.length > 0)) {
        current = [];
        groups.push(current);
      }
      current.push(node);
    }
  }
  const slides = groups
    .filter((nodes) => nodes.length > 0)
    .map((nodes): SplitSlide => {
      const heading = nodes.find((n): n is Heading => n.type === 'heading');
      let steps = 0;
      for (const node of nodes) walk(node as AnyNode, refuseInlineSlideOnly);
      visitStage(nodes as AnyNode[], (n) => {
        if (isJsx(n, STEP)) steps += hasAttribute(n, 'each') ? itemsOf(n).length : 1;
      });
      let notes = false;
      for (const node of nodes) walk(node as AnyNode, (n) => void (isJsx(n, NOTES) && (notes = true)));
      const prose = proseBlocks(nodes as AnyNode[]).length > 0;
      return { nodes, title: heading ? textOf(heading as AnyNode).trim() : '', steps, notes, prose };
    });
  return { module, slides };
}

function refuseInlineSlideOnly(node: AnyNode): void {
  if (node.type === 'mdxJsxTextElement' && (node as Jsx).name === SLIDE_ONLY) {
    const at = (node as Jsx).position?.start;
    throw new Error(
      `<${SLIDE_ONLY}> inside a sentence${at ? ` (line ${at.line})` : ''}: put it on lines of its own, between blocks. ` +
        'Inside a paragraph it would go to the presenter\'s notes with the paragraph, and the audience would never see it.',
    );
  }
}

/**
 * Whether a block of a slide is the lesson's prose: a paragraph, a list, a quote, or a `<Step>` that holds
 * nothing else. The slides page moves it to the presenter's notes.
 */
function isProse(node: AnyNode): boolean {
  if (PROSE_BLOCKS.has(node.type)) return true;
  const children = node.children ?? [];
  return isJsx(node, STEP) && node.type === 'mdxJsxFlowElement' && children.length > 0 && children.every(isProse);
}

/** A `<Step>` around blocks: its blocks follow the slide's own rule (prose to the notes, the rest on the stage). */
const isBlockStep = (node: AnyNode) => isJsx(node, STEP) && node.type === 'mdxJsxFlowElement';

/** The prose blocks among a slide's blocks, also inside a `<Step>` that holds prose and more; never inside `<SlideOnly>`. */
function proseBlocks(blocks: AnyNode[]): AnyNode[] {
  return blocks.flatMap((node) => (isProse(node) ? [node] : isBlockStep(node) ? proseBlocks(node.children ?? []) : []));
}

/** A component the lesson places (a widget, a figure), not one of the slide marks: its insides are its own. */
const isComponent = (node: AnyNode) => isJsx(node) && ![STEP, SLIDE_ONLY, NOTES, SLIDE].includes((node as Jsx).name ?? '');

/**
 * Visits, in document order, every node the audience sees on a slide (reveals included): everything but the
 * notes and the lesson's prose. Inside `<SlideOnly>` and below the level of blocks nothing moves; a
 * component is visited, not its insides.
 */
function visitStage(nodes: AnyNode[], visit: (node: AnyNode) => void, blocks = true): void {
  for (const node of nodes) {
    if (isJsx(node, NOTES) || (blocks && isProse(node))) continue;
    visit(node);
    if (!isComponent(node)) visitStage(node.children ?? [], visit, blocks && isBlockStep(node));
  }
}

/** The words in a piece of text: runs without spaces that hold a letter or a digit (a dash or a dot alone is no word). */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * How many words of prose the audience reads on a slide, every reveal shown: headings and `<SlideOnly>`
 * text; not formulas (inline or displayed, which are math nodes, not text), widgets or figures, the notes,
 * or the prose that goes to the notes.
 */
export function audienceWords(slide: SplitSlide): number {
  let words = 0;
  visitStage(slide.nodes as AnyNode[], (n) => {
    if (n.type === 'text' || n.type === 'inlineCode') words += countWords(n.value ?? '');
  });
  return words;
}

/** Whether the audience sees anything on a slide besides its heading: a formula, a widget or figure, or slide text. */
export function showsMoreThanAHeading(slide: SplitSlide): boolean {
  let shown = false;
  visitStage(slide.nodes as AnyNode[], (n) => {
    if (n.type === 'math' || n.type === 'code' || isJsx(n, SLIDE_ONLY) || isComponent(n)) shown = true;
  });
  return shown;
}

function itemsOf(step: Jsx): AnyNode[] {
  return (step.children as AnyNode[]).filter((c): c is AnyNode & List => c.type === 'list').flatMap((list) => list.children as AnyNode[]);
}

/**
 * Wraps each run of prose blocks of a slide (also inside a `<Step>` that holds more than prose) in a
 * LessonProse element, which the slides page shows in the notes. Changes the slide in place; a second call
 * changes nothing.
 */
export function wrapProse(slide: SplitSlide): void {
  const wrap = (blocks: AnyNode[]): AnyNode[] => {
    const out: AnyNode[] = [];
    let run: AnyNode[] | null = null;
    for (const node of blocks) {
      if (isProse(node)) {
        if (!run) {
          run = [];
          out.push({ type: 'mdxJsxFlowElement', name: PROSE, attributes: [], children: run } as AnyNode);
        }
        run.push(node);
        continue;
      }
      run = null;
      if (isBlockStep(node)) node.children = wrap(node.children ?? []);
      out.push(node);
    }
    return out;
  };
  slide.nodes = wrap(slide.nodes as AnyNode[]) as RootContent[];
}

/** A `<Step>` where nothing is revealed (in the notes, or in prose moved there): no number, and inline where it was. */
function quietSteps(node: AnyNode): void {
  walk(node, (n) => {
    if (!isJsx(n, STEP)) return;
    n.attributes = n.attributes.filter((a) => !(a.type === 'mdxJsxAttribute' && a.name === 'each'));
    setAttribute(n, 'n', '0');
    if (n.type === 'mdxJsxTextElement') setAttribute(n, 'inline', 'true');
  });
}

/**
 * Numbers the `<Step>` reveals of one slide 1, 2, ... in document order (attribute n), and turns
 * `<Step each>` into one numbered step per list item. Steps in the notes or in the moved prose are no
 * reveals: run wrapProse first (prepareSlide does both). Changes the nodes in place.
 */
export function numberSteps(slide: SplitSlide): void {
  let n = 0;
  const visit = (node: AnyNode): void => {
    if (isJsx(node, PROSE) || isJsx(node, NOTES)) {
      quietSteps(node);
      return;
    }
    if (isJsx(node, STEP) && node.type === 'mdxJsxFlowElement' && hasAttribute(node, 'each')) {
      node.attributes = node.attributes.filter((a) => !(a.type === 'mdxJsxAttribute' && a.name === 'each'));
      for (const item of itemsOf(node)) {
        const children = item.children ?? [];
        const attributes = [attribute('n', String(++n))];
        if (children.length === 1 && children[0].type === 'paragraph') {
          // A one-paragraph item: the step goes inside the paragraph, so a tight list stays tight
          // (<li>text</li>, not <li><p>text</p></li>) on the lesson page.
          const paragraph = children[0];
          const step: MdxJsxTextElement = {
            type: 'mdxJsxTextElement',
            name: STEP,
            attributes: [...attributes, attribute('inline', 'true')],
            children: (paragraph.children ?? []) as MdxJsxTextElement['children'],
          };
          paragraph.children = [step as AnyNode];
          for (const child of step.children) visit(child as AnyNode);
        } else {
          const step: MdxJsxFlowElement = { type: 'mdxJsxFlowElement', name: STEP, attributes, children: children as MdxJsxFlowElement['children'] };
          item.children = [step as AnyNode];
          for (const child of children) visit(child);
        }
      }
      // The wrapper itself is no reveal: it becomes a plain group around the list.
      setAttribute(node, 'n', '0');
      return;
    }
    if (isJsx(node, STEP)) {
      setAttribute(node, 'n', String(++n));
      if (node.type === 'mdxJsxTextElement') setAttribute(node, 'inline', 'true');
    }
    for (const child of node.children ?? []) visit(child);
  };
  for (const node of slide.nodes) visit(node as AnyNode);
}

/** Makes a slide ready for both pages: its prose wrapped for the notes, its reveals numbered. In place. */
export function prepareSlide(slide: SplitSlide): void {
  wrapProse(slide);
  numberSteps(slide);
}

/** The element that wraps one slide: <SlideSection index="0" steps="2" title="..." notes="true">. */
export function sectionOf(slide: SplitSlide, index: number): MdxJsxFlowElement {
  return {
    type: 'mdxJsxFlowElement',
    name: SECTION,
    attributes: [
      attribute('index', String(index)),
      attribute('steps', String(slide.steps)),
      attribute('title', slide.title),
      attribute('notes', String(slide.notes)),
    ],
    children: slide.nodes as MdxJsxFlowElement['children'],
  };
}

/**
 * The remark plugin: wraps each slide of an MDX lesson in a SlideSection element, its prose in LessonProse
 * elements, and removes the `<Slide />` marks. Plain Markdown files are left alone (they cannot render components).
 */
export function remarkSlides() {
  return (tree: Root, file: { path?: string }) => {
    if (file.path && !file.path.endsWith('.mdx')) return;
    const { module, slides } = splitSlides(tree);
    slides.forEach(prepareSlide);
    tree.children = [...module, ...slides.map(sectionOf)];
  };
}
