import ClassScores from './ClassScores.astro';
import { lessonSlideMarks } from './slides/marks.ts';

/** The components every lesson's MDX can use without importing them. */
export const lessonComponents = { ClassScores, ...lessonSlideMarks };
