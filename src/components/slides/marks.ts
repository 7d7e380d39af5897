import Passthrough from './Passthrough.astro';
import Nothing from './Nothing.astro';

/**
 * How the slide marks render on the lesson page: invisible. remarkSlides (src/slides/split.ts) wraps every
 * lesson in SlideSection elements, so every page that renders a lesson must provide these.
 */
export const lessonSlideMarks = { SlideSection: Passthrough, Slide: Nothing, Step: Passthrough, Notes: Nothing };
