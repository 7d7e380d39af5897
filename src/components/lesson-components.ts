import ClassScores from './ClassScores.astro';

/** The components every lesson's MDX can use without importing them. */
export const lessonComponents = { ClassScores };
