import { symbol } from './dom.ts';

/** x_k, x_{k}, x_k^c, x^k, x_{ij}^{k}: one letter with a subscript and/or superscript. */
const TOKEN = /([A-Za-zα-ωΣ])(?:_\{?([A-Za-z0-9',]+)\}?)?(?:\^\{?([A-Za-z0-9]+)\}?)?/g;

/**
 * Turns interface text such as "the means α_k^c" into text nodes and symbol() elements, so the widgets'
 * symbols look like the papers' without any markup being parsed: only letters with _ or ^ become symbols.
 */
export function mathText(text: string): (Node | string)[] {
  const out: (Node | string)[] = [];
  let at = 0;
  for (const match of text.matchAll(TOKEN)) {
    const [whole, name, sub, sup] = match;
    if (sub === undefined && sup === undefined) continue;
    const start = match.index ?? 0;
    // Only a standalone letter: "grad_cam" or "ReLU" stay as they are.
    if (start > 0 && /[A-Za-z0-9]/.test(text[start - 1])) continue;
    if (start > at) out.push(text.slice(at, start));
    out.push(symbol(name, sub, sup));
    at = start + whole.length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}
