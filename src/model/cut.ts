/**
 * Cutting a LayersModel at a conv layer into body (input -> the layer's activations A) and head
 * (A -> class scores before softmax), so that Grad-CAM can differentiate the head with respect to A.
 *
 * Works for sequential and functional models of ordinary layers. Nested models (a model used as a layer)
 * are flattened first by replaying every layer on new symbolic inputs; the layers are shared, not copied.
 * The head is rebuilt from a new tf.input through the layers after the cut; a final softmax is dropped
 * (an Activation layer) or its Dense / Conv2D layer is replayed as a linear twin with the same weights.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Head } from '../lib/heads.ts';

type SymbolicTensor = tfl.SymbolicTensor;
type Layer = tfl.layers.Layer;
interface LayerNode {
  inputTensors: SymbolicTensor[];
  outputTensors: SymbolicTensor[];
}
type Substitute = (layer: Layer, input: SymbolicTensor | SymbolicTensor[]) => SymbolicTensor | SymbolicTensor[] | undefined;

export class CutError extends Error {}

const nodesOf = (layer: Layer) => (layer as unknown as { inboundNodes: LayerNode[] }).inboundNodes.slice();
/**
 * Whether a layer's node belongs to this model's graph: a layer used by several models (as every layer is
 * once flattened or cut) has one node per use. tfjs keeps the keys of its own nodes in containerNodes.
 */
function sequentialGraph(model: tfl.Sequential): tfl.LayersModel {
  const inner = model as unknown as { model?: tfl.LayersModel; build(): void };
  if (!inner.model) inner.build();
  return inner.model!;
}
const inGraph = (model: tfl.LayersModel, layer: Layer, nodeIndex: number) => {
  // A Sequential keeps its graph in an inner functional model.
  const graph = model instanceof tfl.Sequential ? sequentialGraph(model) : model;
  return (graph as unknown as { containerNodes: Set<string> }).containerNodes.has(`${layer.name}_ib-${nodeIndex}`);
};
/** The output of a layer in this model's graph. */
function outputIn(model: tfl.LayersModel, layer: Layer): SymbolicTensor {
  const index = nodesOf(layer).findIndex((_, i) => inGraph(model, layer, i));
  if (index < 0) throw new CutError(`layer '${layer.name}' is not part of ${model.name}`);
  return layer.getOutputAt(index) as SymbolicTensor;
}
const isModel = (layer: Layer): layer is tfl.LayersModel => layer instanceof tfl.LayersModel;
const one = <T>(list: T[]): T | T[] => (list.length === 1 ? list[0] : list);

/**
 * Applies a model's layers, in order, to tensors already mapped in `map` (original tensor id -> new tensor).
 * A node runs once all its inputs are mapped; nodes of other graphs are never reached.
 */
function replay(model: tfl.LayersModel, map: Map<number, SymbolicTensor>, substitute?: Substitute): void {
  for (const layer of model.layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    for (const [index, node] of nodesOf(layer).entries()) {
      const ins = node.inputTensors;
      if (!inGraph(model, layer, index) || !ins.length || !ins.every((t) => map.has(t.id)) || node.outputTensors.every((t) => map.has(t.id))) continue;
      const mapped = ins.map((t) => map.get(t.id)!);
      let outs: SymbolicTensor[];
      if (isModel(layer)) {
        const inner = new Map<number, SymbolicTensor>();
        layer.inputs.forEach((t, i) => inner.set(t.id, mapped[i]));
        replay(layer, inner, substitute);
        outs = layer.outputs.map((t) => inner.get(t.id)!);
      } else {
        const result = substitute?.(layer, one(mapped)) ?? layer.apply(one(mapped));
        outs = ([] as SymbolicTensor[]).concat(result as SymbolicTensor | SymbolicTensor[]);
      }
      node.outputTensors.forEach((t, i) => map.set(t.id, outs[i]));
    }
  }
}

/** The same network with every nested model opened up into its layers (weights shared). */
export function flattenModel(model: tfl.LayersModel): tfl.LayersModel {
  if (!model.layers.some(isModel)) return model;
  const map = new Map<number, SymbolicTensor>();
  const inputs = model.inputs.map((t) => tfl.input({ shape: t.shape.slice(1) as number[], dtype: t.dtype }));
  model.inputs.forEach((t, i) => map.set(t.id, inputs[i]));
  replay(model, map);
  return tfl.model({ inputs: one(inputs), outputs: one(model.outputs.map((t) => map.get(t.id)!)), name: `${model.name}_flat` });
}

const softmaxActivation = (layer: Layer) => {
  const config = layer.getConfig() as { activation?: string };
  return config.activation === 'softmax';
};

/** Drops a softmax so that the head returns scores before it. */
const toLogits: Substitute = (layer, input) => {
  const cls = layer.getClassName();
  if ((cls === 'Activation' && softmaxActivation(layer)) || cls === 'Softmax') return input as SymbolicTensor;
  if (!softmaxActivation(layer)) return undefined;
  const c = layer.getConfig() as Record<string, unknown>;
  let twin: Layer;
  if (cls === 'Dense') {
    twin = tfl.layers.dense({ units: c.units as number, useBias: c.useBias as boolean, name: `${layer.name}_logits` });
  } else if (cls === 'Conv2D') {
    twin = tfl.layers.conv2d({
      filters: c.filters as number, kernelSize: c.kernelSize as [number, number], strides: c.strides as [number, number], padding: c.padding as 'valid' | 'same',
      dilationRate: c.dilationRate as [number, number], useBias: c.useBias as boolean, name: `${layer.name}_logits`,
    });
  } else {
    throw new CutError(`cannot take the scores before the softmax of a ${cls} layer (${layer.name})`);
  }
  const out = twin.apply(input) as SymbolicTensor;
  twin.setWeights(layer.getWeights());
  return out;
};

/** The whole model with its final softmax removed: image -> scores before softmax. */
export function logitsModel(loaded: tfl.LayersModel): tfl.LayersModel {
  const model = flattenModel(loaded);
  if (model.inputs.length !== 1 || model.outputs.length !== 1) throw new CutError('only models with one input and one output are supported');
  const input = tfl.input({ shape: model.inputs[0].shape.slice(1) as number[] });
  const map = new Map<number, SymbolicTensor>([[model.inputs[0].id, input]]);
  replay(model, map, toLogits);
  return tfl.model({ inputs: input, outputs: map.get(model.outputs[0].id)!, name: `${model.name}_logits` });
}

/** A Head over whole images: x [h, w, 3] -> scores [C] before softmax, training off (for input gradients). */
export function imageHead(logits: tfl.LayersModel): Head {
  return (x) => tf.tidy(() => tf.reshape(logits.apply(tf.expandDims(x, 0), { training: false }) as tf.Tensor, [-1]) as tf.Tensor1D);
}

export interface CutModel {
  /** The flattened model, as loaded. */
  model: tfl.LayersModel;
  layerName: string;
  /** [H, W, K] of the activations at the cut. */
  featureShape: [number, number, number];
  body: tfl.LayersModel;
  headModel: tfl.LayersModel;
  /** A src/lib Head: A [H, W, K] -> scores [C] before softmax, layers applied with training off. */
  head: Head;
  numClasses: number;
}

/** The layers whose output is a feature map [batch, H, W, K]: where a cut can be made. */
export function featureMapLayers(model: tfl.LayersModel): string[] {
  return flattenModel(model).layers
    .filter((l) => l.getClassName() !== 'InputLayer' && (l.outputShape as (number | null)[]).length === 4)
    .map((l) => l.name);
}

/** The default cut: a layer named last_conv, else the last layer with a feature-map output. */
export function defaultCutLayer(model: tfl.LayersModel): string {
  const names = featureMapLayers(model);
  if (names.includes('last_conv')) return 'last_conv';
  if (!names.length) throw new CutError(`${model.name} has no convolutional layer`);
  return names[names.length - 1];
}

export function cutModel(loaded: tfl.LayersModel, layerName = defaultCutLayer(loaded)): CutModel {
  const model = flattenModel(loaded);
  let layer: Layer;
  try {
    layer = model.getLayer(layerName);
  } catch {
    throw new CutError(`no layer named '${layerName}' (conv layers: ${featureMapLayers(model).join(', ')})`);
  }
  const shape = layer.outputShape as (number | null)[];
  if (layer.getClassName() === 'InputLayer' || shape.length !== 4) {
    throw new CutError(`layer '${layerName}' is not a conv layer: its output [${shape.map((d) => d ?? 'batch').join(', ')}] is no feature map (conv layers: ${featureMapLayers(model).join(', ')})`);
  }
  if (model.inputs.length !== 1 || model.outputs.length !== 1) throw new CutError('only models with one input and one output can be cut');
  const cutTensor = outputIn(model, layer);
  const featureShape = shape.slice(1) as [number, number, number];
  const body = tfl.model({ inputs: model.inputs[0], outputs: cutTensor, name: `${model.name}_body` });

  const headInput = tfl.input({ shape: featureShape, name: `${layerName}_activations` });
  const map = new Map<number, SymbolicTensor>([[cutTensor.id, headInput]]);
  replay(model, map, toLogits);
  const headOutput = map.get(model.outputs[0].id);
  if (!headOutput) throw new CutError(`the layers after '${layerName}' also read layers before it (a skip connection): cut at a later layer`);
  const headModel = tfl.model({ inputs: headInput, outputs: headOutput, name: `${model.name}_head` });
  const numClasses = (headModel.outputs[0].shape as number[]).slice(1).reduce((a, b) => a * b, 1);

  const head: Head = (A) => tf.tidy(() => {
    const out = headModel.apply(tf.expandDims(A, 0), { training: false }) as tf.Tensor;
    return tf.reshape(out, [-1]) as tf.Tensor1D;
  });
  return { model, layerName, featureShape, body, headModel, head, numClasses };
}

/** Activations A [H, W, K] of one image [h, w, 3] at the cut, with training off. */
export function activations(cut: CutModel, image: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => tf.squeeze(cut.body.apply(tf.expandDims(image, 0), { training: false }) as tf.Tensor4D, [0]) as tf.Tensor3D);
}

const passThrough = new Set(['Reshape', 'Flatten', 'Dropout', 'SpatialDropout2D', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout']);

/** The global pooling layers a CAM head may start with, and the pooling each computes. */
const globalPoolings: Record<string, 'mean' | 'max'> = { GlobalAveragePooling2D: 'mean', GlobalMaxPooling2D: 'max' };

/**
 * CAM's weights w [C, K] and biases b [C], when the head is global pooling followed by one linear layer (a
 * Dense, or a 1x1 Conv2D as in MobileNet), with only reshapes, dropout or the softmax between. The pooling is
 * GAP ('mean'), or GMP ('max'): the CAM paper drew its GoogLeNet-GMP's maps the same way, M_c = sum_k w_k^c A^k,
 * though only GAP makes S_c the mean of M_c plus b_c. Returns null for any other head (CAM does not apply;
 * Grad-CAM does).
 */
export function camWeights(cut: CutModel): { w: tf.Tensor2D; b: tf.Tensor1D; pooling: 'mean' | 'max' } | null {
  const layers = cut.headModel.layers.filter((l) => l.getClassName() !== 'InputLayer');
  const pooling = globalPoolings[layers[0]?.getClassName() ?? ''];
  if (!pooling) return null;
  let linear: Layer | null = null;
  for (const l of layers.slice(1)) {
    const cls = l.getClassName();
    if (passThrough.has(cls)) continue;
    const activation = (l.getConfig() as { activation?: string }).activation;
    const kernel = l.getWeights()[0];
    const isLinear = (cls === 'Dense' || (cls === 'Conv2D' && kernel.shape[0] === 1 && kernel.shape[1] === 1)) && activation === 'linear';
    if (!isLinear || linear) return null;
    linear = l;
  }
  if (!linear) return null;
  const [kernel, bias] = linear.getWeights();
  return tf.tidy(() => {
    const K = kernel.shape[kernel.shape.length - 2];
    const C = kernel.shape[kernel.shape.length - 1];
    const w = tf.transpose(tf.reshape(kernel, [K, C])) as tf.Tensor2D;
    const b = bias ? (tf.reshape(bias, [C]) as tf.Tensor1D) : (tf.zeros([C]) as tf.Tensor1D);
    return { w, b, pooling };
  });
}
