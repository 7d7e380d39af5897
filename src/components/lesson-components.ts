import ClassScores from './ClassScores.astro';
import CamLimits from './CamLimits.astro';
import GradCam from './GradCam.astro';
import Derivation from './Derivation.astro';
import CamVsGradCam from './CamVsGradCam.astro';
import { lessonSlideMarks } from './slides/marks.ts';

/** The components every lesson's MDX can use without importing them. */
export const lessonComponents = { ClassScores, CamLimits, GradCam, Derivation, CamVsGradCam, ...lessonSlideMarks };
