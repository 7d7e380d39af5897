/**
 * A tfjs IOHandler that reads a LayersModel from a folder on disk: model.json and the weight files its
 * manifest names (any names, e.g. weights.bin or groupN-shard1of1). Node only; it reaches the file
 * system through process.getBuiltinModule, so browser bundles never import node:fs.
 */
import * as tf from '@tensorflow/tfjs-core';

type Fs = typeof import('node:fs/promises');
type Path = typeof import('node:path');

function nodeModules(): { fs: Fs; path: Path } {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (!proc?.getBuiltinModule) throw new Error('Loading a model from a folder needs Node.js (22 or later).');
  return { fs: proc.getBuiltinModule('node:fs/promises') as Fs, path: proc.getBuiltinModule('node:path') as Path };
}

export class ModelFolderError extends Error {}

export function folderHandler(folder: string): tf.io.IOHandler {
  return {
    load: async () => {
      const { fs, path } = nodeModules();
      const jsonPath = path.join(folder, 'model.json');
      let text: string;
      try {
        text = await fs.readFile(jsonPath, 'utf8');
      } catch {
        throw new ModelFolderError(`no model.json in ${folder}`);
      }
      let json: tf.io.ModelJSON;
      try {
        json = JSON.parse(text);
      } catch {
        throw new ModelFolderError(`${jsonPath} is not valid JSON`);
      }
      if (!json.modelTopology) throw new ModelFolderError(`${jsonPath} holds no model topology`);
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const specs: tf.io.WeightsManifestEntry[] = [];
        const buffers: ArrayBuffer[] = [];
        for (const group of manifest) {
          specs.push(...group.weights);
          for (const p of group.paths) {
            const bytes = await fs.readFile(path.join(folder, p)).catch(() => {
              throw new ModelFolderError(`weight file ${p} named in ${jsonPath} is missing`);
            });
            buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
          }
        }
        return [specs, tf.io.concatenateArrayBuffers(buffers)];
      });
    },
  };
}
