/**
 * One loader for the browser and Node: a URL (http(s), or a path the page serves) goes through
 * tf.loadLayersModel; in Node a folder path is read from disk by folderHandler.
 */
import type * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { folderHandler } from './folder-handler.ts';

const isNode = () => typeof (globalThis as { window?: unknown }).window === 'undefined'
  && typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';

/** `source`: a model folder (Node), a model.json URL (browser or Node), or any tfjs IOHandler. */
export async function loadModel(source: string | tf.io.IOHandler): Promise<tfl.LayersModel> {
  if (typeof source !== 'string') return tfl.loadLayersModel(source);
  if (isNode() && !/^https?:\/\//.test(source)) {
    const folder = source.endsWith('model.json') ? source.slice(0, -'model.json'.length) || '.' : source;
    return tfl.loadLayersModel(folderHandler(folder));
  }
  const url = source.endsWith('.json') ? source : `${source.replace(/\/$/, '')}/model.json`;
  return tfl.loadLayersModel(url);
}
