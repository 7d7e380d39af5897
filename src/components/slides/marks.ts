import Passthrough from './Passthrough.astro';
import Nothing from './Nothing.astro';

/**
 * How the slide marks render on the lesson page: invisible. remarkSlides (src/slides/split.ts) wraps every
 * lesson in SlideSection elements and its prose in LessonProse elements, so every page that renders a lesson
 * must provide these. The slide-only text and the notes are not part of the lesson page.
 */
export const lessonSlideMarks = { SlideSection: Passthrough, LessonProse: Passthrough, Slide: Nothing, Step: Passthrough, Notes: Nothing, SlideOnly: Nothing };
