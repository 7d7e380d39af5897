import Widget from './Widget.astro';
import CamTable3 from './CamTable3.astro';
import ShapesTable3 from './ShapesTable3.astro';
import ShapesComparison from './ShapesComparison.astro';
import ThresholdSweep from './ThresholdSweep.astro';
import CamGradCamAgreement from './CamGradCamAgreement.astro';
import PoolingEvidence from './PoolingEvidence.astro';
import { lessonSlideMarks } from './slides/marks.ts';

/** The components every lesson's MDX can use without importing them: `<Widget tag="..." />` places any live widget. */
export const lessonComponents = { Widget, CamTable3, ShapesTable3, ShapesComparison, ThresholdSweep, CamGradCamAgreement, PoolingEvidence, ...lessonSlideMarks };
