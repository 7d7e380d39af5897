import ClassScores from './ClassScores.astro';
import LiveWidget from './LiveWidget.astro';
import CamTable3 from './CamTable3.astro';

/** The components every lesson's MDX can use without importing them. */
export const lessonComponents = { ClassScores, LiveWidget, CamTable3 };
