import { lessonComponents } from '../lesson-components.ts';
import SlideFrame from './SlideFrame.astro';
import SlideStep from './SlideStep.astro';
import SlideNotes from './SlideNotes.astro';
import Nothing from './Nothing.astro';

/** The components a lesson renders with on its slides page: the lesson's own widgets, and slide marks that act. */
export const slideComponents = { ...lessonComponents, SlideSection: SlideFrame, Step: SlideStep, Notes: SlideNotes, Slide: Nothing };
