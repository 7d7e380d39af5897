/**
 * A trained shapes network (models/shapes-gap or models/shapes-fc) as the browser loads it: checked to take
 * one square RGB image, and cut at its last conv layer into the body (image -> A) and the head (A -> scores
 * before softmax). CAM's weights come with it when the head is global pooling and one linear layer, and are null
 * otherwise: Grad-CAM needs only the head.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { loadModel } from './load.ts';
import { camWeights, cutModel, type CutModel } from './cut.ts';

export class ModelLoadError extends Error {}

export interface TrainedNetwork {
  /** Where it was loaded from. */
  source: string;
  cut: CutModel;
  /** The input image is size x size x 3, values in [0, 1]. */
  size: number;
  /** w [C, K] and b [C] of a global-pooling head (GAP, or GMP), kept on the backend for the page's lifetime; null for any other head. */
  cam: { w: tf.Tensor2D; b: tf.Tensor1D; pooling: 'mean' | 'max' } | null;
}

/** Why a load failed, in one line: the network error, the HTTP status or the parse error as tfjs reports it. */
export function loadFailure(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 200);
}

/** Loads, checks and cuts a model; anything but one square RGB input and `classes` outputs is a ModelLoadError. */
export async function loadTrainedNetwork(source: string, classes: number): Promise<TrainedNetwork> {
  let model;
  try {
    model = await loadModel(source);
  } catch (error) {
    throw new ModelLoadError(loadFailure(error));
  }
  const shape = model.inputs[0]?.shape ?? [];
  const size = shape[1];
  if (model.inputs.length !== 1 || shape.length !== 4 || shape[3] !== 3 || typeof size !== 'number' || shape[2] !== size) {
    throw new ModelLoadError(`the model's input is [${shape.join(', ')}], not one square RGB image`);
  }
  let cut: CutModel;
  try {
    cut = cutModel(model);
  } catch (error) {
    throw new ModelLoadError(loadFailure(error));
  }
  if (cut.numClasses !== classes) throw new ModelLoadError(`the model has ${cut.numClasses} classes, not ${classes}`);
  return { source, cut, size, cam: camWeights(cut) };
}
