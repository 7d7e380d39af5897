// Node-only (node:fs, node:path): never import this from src/shapes or from code the browser loads.
/**
 * Writes a LayersModel as model.json + weights.bin in a folder. Pure tfjs has no file:// save handler
 * in Node, so the artifacts are taken through tf.io.withSaveHandler and written here.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

export const WEIGHTS_FILE = 'weights.bin';

export async function saveModelToFolder(model: tfl.LayersModel, folder: string): Promise<{ weightBytes: number }> {
  mkdirSync(folder, { recursive: true });
  let weightBytes = 0;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const data = artifacts.weightData;
      // weightData may come as one buffer or as several: join them into one file.
      const buffer = data == null ? new ArrayBuffer(0) : Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
      weightBytes = buffer.byteLength;
      const modelJson = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${(await import('@tensorflow/tfjs-layers')).version_layers}`,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs }],
      };
      writeFileSync(join(folder, 'model.json'), JSON.stringify(modelJson));
      writeFileSync(join(folder, WEIGHTS_FILE), new Uint8Array(buffer));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weightBytes } };
    }),
    { includeOptimizer: false },
  );
  return { weightBytes };
}
