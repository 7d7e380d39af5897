import { lessonComponents } from '../lesson-components.ts';
import SlideFrame from './SlideFrame.astro';
import SlideStep from './SlideStep.astro';
import SlideNotes from './SlideNotes.astro';
import SlideText from './SlideText.astro';
import SlideProse from './SlideProse.astro';
import Nothing from './Nothing.astro';

/**
 * The components a lesson renders with on its slides page: the lesson's own widgets, and slide marks that act.
 * The lesson's prose goes to the presenter's notes; the slide-only text goes on the stage.
 */
export const slideComponents = {
  ...lessonComponents,
  SlideSection: SlideFrame,
  LessonProse: SlideProse,
  Step: SlideStep,
  Notes: SlideNotes,
  SlideOnly: SlideText,
  Slide: Nothing,
};
