/**
 * The course's own decks, every lesson in both locales, read with the splitter the site builds with: the
 * English and Korean decks are parallel, nothing of a lesson is lost, and every slide has an instructor's
 * shape (a headline, a formula or a widget, a few words) with the prose in the presenter's notes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkMath from 'remark-math';
import type { Root } from 'mdast';
import { audienceWords, showsMoreThanAHeading, splitSlides, type SplitSlide } from '../../../src/slides/split.ts';

/** The most words of prose an audience should read on one slide, every reveal shown. */
const MAX_WORDS = 40;

const root = new URL('../../../content/lessons/', import.meta.url);
const read = (locale: string, file: string) => readFileSync(new URL(`${locale}/${file}`, root), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
const files = readdirSync(new URL('en/', root)).filter((f) => f.endsWith('.mdx'));
const split = (source: string) => splitSlides(unified().use(remarkParse).use(remarkMdx).use(remarkMath).parse(source) as Root);

/** A slide's own source text, from its first node to its last. */
const sourceOf = (slide: SplitSlide, source: string) => source.slice(slide.nodes[0].position!.start.offset!, slide.nodes.at(-1)!.position!.end.offset!);
/** Every character but whitespace, the <Slide /> marks and import/export lines, in order: what no split may lose or reorder. */
const ink = (text: string) => text.replace(/^(import|export)\s.*$/gm, '').replace(/<Slide\s*\/>/g, '').replace(/\s+/g, '');
/** Names a slide in a failure message: its number in the deck (the title slide is 1) and its title. */
const named = (slide: SplitSlide, i: number) => `slide ${i + 2}${slide.title ? ` (${slide.title})` : ''}`;
const placesWidget = (slide: SplitSlide) => JSON.stringify(slide.nodes).includes('"name":"Widget"');

describe('the course’s own decks', () => {
  it('has lessons to split', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(`${file} splits into the same slides, reveals, notes and moved prose in English and Korean, losing nothing`, () => {
      const en = split(read('en', file));
      const ko = split(read('ko', file));
      expect(en.slides.length).toBeGreaterThan(1);
      const shape = (s: SplitSlide) => ({ steps: s.steps, notes: s.notes, prose: s.prose, widget: placesWidget(s) });
      expect(ko.slides.map(shape)).toEqual(en.slides.map(shape));
      for (const [locale, deck] of [['en', en], ['ko', ko]] as const) {
        expect(ink(deck.slides.map((s) => sourceOf(s, read(locale, file))).join('\n'))).toBe(ink(read(locale, file)));
      }
    });

    for (const locale of ['en', 'ko']) {
      it(`${locale}/${file}: no slide asks the audience to read more than ${MAX_WORDS} words, and none is a bare heading`, () => {
        const { slides } = split(read(locale, file));
        const long = slides.flatMap((s, i) => (audienceWords(s) > MAX_WORDS ? [`${named(s, i)}: ${audienceWords(s)} words`] : []));
        expect(long).toEqual([]);
        const bare = slides.flatMap((s, i) => (showsMoreThanAHeading(s) ? [] : [named(s, i)]));
        expect(bare).toEqual([]);
      });
    }

    it(`${file}: every slide with a live widget has presenter notes`, () => {
      const { slides } = split(read('en', file));
      const silent = slides.flatMap((s, i) => (placesWidget(s) && !s.notes ? [named(s, i)] : []));
      expect(silent).toEqual([]);
    });
  }
});
