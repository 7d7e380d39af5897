import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

// One MDX file per lesson and locale: content/lessons/<locale>/<NN-slug>.mdx, with the same slug in both.
const lessons = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/lessons' }),
  schema: z.object({
    title: z.string(),
    order: z.number().int().positive(),
    summary: z.string(),
  }),
});

export const collections = { lessons };
