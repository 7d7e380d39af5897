import { describe, expect, it } from 'vitest';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { rehypeFailOnKatexError } from '../../../src/markdown/fail-on-katex-error.ts';

// The same plugins, in the same order, as astro.config.mjs.
const processor = await createMarkdownProcessor({
  remarkPlugins: [remarkMath],
  rehypePlugins: [[rehypeKatex, { output: 'htmlAndMathml' }], rehypeFailOnKatexError],
});

describe('formulas at build time', () => {
  it('renders a formula to KaTeX HTML', async () => {
    const { code } = await processor.render('$$\nS_c = \\sum_k w_k^c F^k\n$$');
    expect(code).toContain('class="katex-display"');
    expect(code).not.toContain('katex-error');
  });
  it('fails the build on a formula that does not parse, naming where', async () => {
    await expect(processor.render('Text, then $\\frac{1}{$ broken.', { fileURL: new URL('file:///lesson.mdx') } as never)).rejects.toThrow(
      /KaTeX could not render a formula/,
    );
  });
});
