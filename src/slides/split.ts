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
 * - `<Notes>...</Notes>` holds speaker notes for the presenter view (the lesson page shows nothing).
 */
import type { Heading, List, Root, RootContent } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';

export const SLIDE = 'Slide';
export const STEP = 'Step';
export const NOTES = 'Notes';
/** The element remarkSlides wraps each slide in; the lesson page renders it as nothing but its children. */
export const SECTION = 'SlideSection';

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
      let notes = false;
      for (const node of nodes) {
        walk(node as AnyNode, (n) => {
          if (isJsx(n, STEP)) steps += hasAttribute(n, 'each') ? itemsOf(n).length : 1;
          if (isJsx(n, NOTES)) notes = true;
        });
      }
      return { nodes, title: heading ? textOf(heading as AnyNode).trim() : '', steps, notes };
    });
  return { module, slides };
}

function itemsOf(step: Jsx): AnyNode[] {
  return (step.children as AnyNode[]).filter((c): c is AnyNode & List => c.type === 'list').flatMap((list) => list.children as AnyNode[]);
}

/**
 * Numbers the `<Step>` reveals of one slide 1, 2, ... in document order (attribute n), and turns
 * `<Step each>` into one numbered step per list item. Changes the nodes in place.
 */
export function numberSteps(slide: SplitSlide): void {
  let n = 0;
  const visit = (node: AnyNode): void => {
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
 * The remark plugin: wraps each slide of an MDX lesson in a SlideSection element and removes the
 * `<Slide />` marks. Plain Markdown files are left alone (they cannot render components).
 */
export function remarkSlides() {
  return (tree: Root, file: { path?: string }) => {
    if (file.path && !file.path.endsWith('.mdx')) return;
    const { module, slides } = splitSlides(tree);
    slides.forEach(numberSteps);
    tree.children = [...module, ...slides.map(sectionOf)];
  };
}
