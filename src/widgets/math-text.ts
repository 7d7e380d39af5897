import { symbol } from './dom.ts';

/**
 * x_k, x_{k}, x_k^c, x^k, x^k_ij: one letter with a subscript and/or superscript, in either order. A subscript
 * may hold a comma (c,c') but never ends with one: in "S_c, the score" the comma is the sentence's.
 */
const TOKEN = /([A-Za-zα-ωΣ])(?:_\{?([A-Za-z0-9']+(?:,[A-Za-z0-9']+)*)\}?)?(?:\^\{?([A-Za-z0-9]+)\}?)?(?:_\{?([A-Za-z0-9']+(?:,[A-Za-z0-9']+)*)\}?)?/g;

export type MathPart = string | { name: string; sub?: string; sup?: string };

/** Splits text into plain runs and symbols; only a standalone letter with _ or ^ becomes a symbol. */
export function mathParts(text: string): MathPart[] {
  const out: MathPart[] = [];
  let at = 0;
  for (const match of text.matchAll(TOKEN)) {
    const [whole, name, subFirst, sup, subAfter] = match;
    const sub = subFirst ?? subAfter;
    if (sub === undefined && sup === undefined) continue;
    const start = match.index ?? 0;
    // "grad_cam" or "ReLU" stay as they are: the letter must not continue a word.
    if (start > 0 && /[A-Za-z0-9]/.test(text[start - 1])) continue;
    if (start > at) out.push(text.slice(at, start));
    out.push(sup === undefined ? { name, sub } : sub === undefined ? { name, sup } : { name, sub, sup });
    at = start + whole.length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/**
 * Turns interface text such as "the means α_k^c" into text nodes and symbol() elements, so the widgets'
 * symbols look like the papers' without any markup being parsed.
 */
export function mathText(text: string): (Node | string)[] {
  return mathParts(text).map((part) => (typeof part === 'string' ? part : symbol(part.name, part.sub, part.sup)));
}

/** Per element, the text last set by setMathText and the text content it made (another write may have replaced it since). */
const shownMath = new WeakMap<Element, { source: string; shown: string }>();

/** Replaces an element's content with mathText(text) only when that is not what it shows already (see setText in dom.ts). */
export function setMathText(element: Element, text: string): void {
  const last = shownMath.get(element);
  if (last?.source === text && element.textContent === last.shown) return;
  element.replaceChildren(...mathText(text));
  shownMath.set(element, { source: text, shown: element.textContent ?? '' });
}
