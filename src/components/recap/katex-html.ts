/**
 * Formulas for pages that are not Markdown (the recap), rendered to HTML by KaTeX at build time, exactly as
 * rehype-katex renders the lessons' (HTML and MathML, no JavaScript in the page). A formula that does not
 * parse throws, so it fails the build as a broken formula in a lesson does.
 */
import katex from 'katex';

const options = { output: 'htmlAndMathml', throwOnError: true } as const;

export function displayMath(tex: string): string {
  return katex.renderToString(tex, { ...options, displayMode: true });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Text with $...$ formulas as HTML: the text escaped, each formula rendered inline. */
export function textWithMath(text: string): string {
  return text
    .split(/(\$[^$]+\$)/)
    .map((part) => (/^\$[^$]+\$$/.test(part) ? katex.renderToString(part.slice(1, -1), options) : escapeHtml(part)))
    .join('');
}
