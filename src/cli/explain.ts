/**
 * npm run explain -- --model models/shapes-gap --image some.png --method cam|gradcam|counterfactual
 *                    [--class N] [--layer NAME] --out overlay.png [--json out.json]
 * Any failure ends with one line on stderr and exit code 1 (no stack trace).
 */
import './node-hooks.ts';

const usage = 'usage: npm run explain -- --model DIR --image FILE --method cam|gradcam|counterfactual [--class N] [--layer NAME] --out overlay.png [--json out.json]';

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const { parseArgs } = await import('node:util');
  const { existsSync, statSync, writeFileSync, readFileSync } = await import('node:fs');
  const { join, resolve } = await import('node:path');

  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        model: { type: 'string' }, image: { type: 'string' }, method: { type: 'string' }, class: { type: 'string' },
        layer: { type: 'string' }, out: { type: 'string' }, json: { type: 'string' }, backend: { type: 'string', default: 'cpu' },
      },
    }));
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]}; ${usage}`);
  }
  const { model: modelPath, image: imagePath, method, out } = values as Record<string, string | undefined>;
  if (!modelPath || !imagePath || !method || !out) throw new UsageError(`--model, --image, --method and --out are required; ${usage}`);
  const { METHODS, explain, ExplainError } = await import('../model/explain.ts');
  if (!(METHODS as string[]).includes(method)) throw new UsageError(`unknown method '${method}': choose cam, gradcam or counterfactual`);
  let classIndex: number | undefined;
  if (values.class !== undefined) {
    classIndex = Number(values.class);
    if (!/^-?\d+$/.test(String(values.class))) throw new UsageError(`--class must be a whole number, not '${values.class}'`);
  }
  if (!existsSync(modelPath)) throw new UsageError(`no such model folder: ${modelPath}`);
  if (!existsSync(imagePath)) throw new UsageError(`no such image file: ${imagePath}`);
  if (statSync(imagePath).isDirectory()) throw new UsageError(`${imagePath} is a folder, not an image file`);

  const { readImage, resizeBilinear, writePng } = await import('../node/image-io.ts');
  let original;
  try {
    original = readImage(imagePath);
  } catch (e) {
    throw new UsageError(`${imagePath} is not a PNG or JPEG image (${(e as Error).message.split('\n')[0]})`);
  }

  const tf = await import('@tensorflow/tfjs-core');
  tf.env().set('PROD', true); // no console banners: errors must stay one line
  if (values.backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  else await import('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend(values.backend as string);

  const { loadModel } = await import('../model/load.ts');
  const { cutModel } = await import('../model/cut.ts');
  const { overlay } = await import('./overlay.ts');
  const model = await loadModel(modelPath);
  const cut = cutModel(model, values.layer as string | undefined);
  const [inH, inW] = model.inputs[0].shape.slice(1, 3) as number[];
  const resized = resizeBilinear(original, inW, inH);
  const input = tf.tensor3d(resized.data, [inH, inW, 3]);
  let result;
  try {
    result = await explain(cut, input, method as 'cam', classIndex);
  } catch (e) {
    if (e instanceof ExplainError) throw new UsageError(e.message);
    throw e;
  } finally {
    input.dispose();
  }

  const classNames = readClassNames(modelPath, cut.numClasses, { existsSync, readFileSync, join });
  writePng(out, overlay(resized, result.upsampled));
  const record = {
    model: resolve(modelPath),
    image: { path: resolve(imagePath), width: original.width, height: original.height, resizedTo: [inW, inH] },
    layer: result.layer,
    method: result.method,
    classIndex: result.classIndex,
    className: classNames[result.classIndex],
    scores: result.scores,
    probabilities: result.probabilities,
    weightsName: method === 'cam' ? 'w_k^c' : method === 'gradcam' ? 'alpha_k^c' : '-alpha_k^c (negated gradients)',
    weights: result.weights,
    mapShape: [result.map.length, result.map[0].length],
    map: result.map,
    normalization: 'bilinear upsampling to the input size, then min-max to [0, 1]',
    upsampled: result.upsampled,
  };
  if (values.json) writeFileSync(values.json as string, `${JSON.stringify(record)}\n`);
  const p = (result.probabilities[result.classIndex] * 100).toFixed(1);
  console.log(`${method} for class ${result.classIndex} (${record.className}, p = ${p}%) at ${result.layer}: wrote ${out}${values.json ? ` and ${values.json}` : ''}`);
}

/** Class names from the model folder (training.json, or labels.json as [..] or {labels: [..]}), else "class N". */
function readClassNames(folder: string, count: number, io: { existsSync: (p: string) => boolean; readFileSync: (p: string, e: 'utf8') => string; join: (...p: string[]) => string }): string[] {
  for (const [file, pickNames] of [
    ['training.json', (j: { classNames?: string[] }) => j.classNames],
    ['labels.json', (j: string[] | { labels?: string[] }) => (Array.isArray(j) ? j : j.labels)],
  ] as const) {
    const path = io.join(folder, file);
    if (!io.existsSync(path)) continue;
    try {
      const names = (pickNames as (j: unknown) => string[] | undefined)(JSON.parse(io.readFileSync(path, 'utf8')));
      if (names?.length === count) return names;
    } catch {
      // fall through to numbered names
    }
  }
  return Array.from({ length: count }, (_, i) => `class ${i}`);
}

try {
  await main(process.argv.slice(2));
} catch (e) {
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`explain: ${message.split('\n')[0]}\n`);
  process.exit(1);
}
