// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { rehypeFailOnKatexError } from './src/markdown/fail-on-katex-error.ts';
import { remarkSlides } from './src/slides/split.ts';
import { trainedModels } from './src/site/trained-models.ts';

// A sub-folder host (GitHub Pages: https://user.github.io/cam-lab/) sets BASE_PATH=/cam-lab/ at build time.
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  site: process.env.SITE_URL,
  base,
  trailingSlash: 'ignore',
  // trainedModels: models/<name>/ is served at <base>models/<name>/ for the widgets that run a trained network.
  integrations: [mdx(), trainedModels({ dir: 'models' })],
  i18n: {
    defaultLocale: 'en',
    locales: ['en', 'ko'],
    routing: { prefixDefaultLocale: false },
  },
  markdown: {
    // Astro 7's default processor (Sätteri) runs no remark/rehype plugins: unified() does.
    processor: unified({
      // remarkSlides groups each lesson into slides (src/slides/README.md); the lesson page renders the groups invisibly.
      remarkPlugins: [remarkMath, remarkSlides],
      rehypePlugins: [[rehypeKatex, { output: 'htmlAndMathml' }], rehypeFailOnKatexError],
    }),
  },
  build: { inlineStylesheets: 'never' },
});
