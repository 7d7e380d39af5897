import ClassScores from './ClassScores.astro';
import LiveWidget from './LiveWidget.astro';
import CamTable3 from './CamTable3.astro';
import CamLimits from './CamLimits.astro';
import GradCam from './GradCam.astro';
import Derivation from './Derivation.astro';
import CamVsGradCam from './CamVsGradCam.astro';
import { lessonSlideMarks } from './slides/marks.ts';

/** The components every lesson's MDX can use without importing them. */
export const lessonComponents = { ClassScores, LiveWidget, CamTable3, CamLimits, GradCam, Derivation, CamVsGradCam, ...lessonSlideMarks };
