/**
 * What a training run records beside each model (training.json): written by train-models.ts, read by
 * model-card.ts to render the model card. Its own module, so the writer and the reader do not import each other.
 */
import type { EpochRecord } from './fit.ts';
import type { Recipe } from './recipes.ts';

export interface TrainingRecord {
  name: string;
  recipe: Recipe;
  command: string;
  backend: string;
  classNames: readonly string[];
  parameters: number;
  weightBytes: number;
  seconds: number;
  /** How many models trained at once on the machine while this one did (its seconds depend on it). */
  concurrentModels: number;
  history: EpochRecord[];
  /** Top-1 accuracy on each test set (1000 images each). */
  testAccuracy: Record<string, number>;
  /** False in a checkpoint written after an epoch of an unfinished run. */
  complete: boolean;
}
