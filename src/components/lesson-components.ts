import ClassScores from './ClassScores.astro';
import LiveWidget from './LiveWidget.astro';
import CamTable3 from './CamTable3.astro';
import ShapesTable3 from './ShapesTable3.astro';
import ThresholdSweep from './ThresholdSweep.astro';
import CamLimits from './CamLimits.astro';
import GradCam from './GradCam.astro';
import Derivation from './Derivation.astro';
import CamVsGradCam from './CamVsGradCam.astro';
import { lessonSlideMarks } from './slides/marks.ts';

/** The components every lesson's MDX can use without importing them. */
export const lessonComponents = { ClassScores, LiveWidget, CamTable3, ShapesTable3, ThresholdSweep, CamLimits, GradCam, Derivation, CamVsGradCam, ...lessonSlideMarks };
