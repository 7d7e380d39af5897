import { getCollection, type CollectionEntry } from 'astro:content';
import type { Locale } from '../i18n/index.ts';

export type Lesson = CollectionEntry<'lessons'>;

/** The lesson's slug without its locale folder: 'ko/04-class-scores' -> '04-class-scores'. */
export function lessonSlug(lesson: Lesson): string {
  return lesson.id.split('/').slice(1).join('/');
}

export function lessonLocale(lesson: Lesson): string {
  return lesson.id.split('/')[0];
}

/** A locale's lessons, in course order. */
export async function lessonsFor(locale: Locale): Promise<Lesson[]> {
  const all = await getCollection('lessons', (entry) => lessonLocale(entry) === locale);
  return all.sort((a, b) => a.data.order - b.data.order);
}
