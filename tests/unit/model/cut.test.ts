import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { CutError, activations, camWeights, cutModel, defaultCutLayer, flattenModel, logitsModel } from '../../../src/model/cut.ts';
import { expectClose } from '../lib/close.ts';

let seed = 1;
const init = () => tfl.initializers.glorotUniform({ seed: seed++ });

/** A functional model whose middle is a nested sequential model, ending in Activation('softmax'). */
function nestedModel(): tfl.LayersModel {
  const inner = tfl.sequential({ name: 'inner' });
  inner.add(tfl.layers.conv2d({ inputShape: [8, 8, 4], filters: 5, kernelSize: 3, padding: 'same', activation: 'relu', name: 'inner_conv', kernelInitializer: init() }));
  inner.add(tfl.layers.batchNormalization({ name: 'inner_bn' }));
  const input = tfl.input({ shape: [8, 8, 3] });
  const stem = tfl.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', name: 'stem', kernelInitializer: init() }).apply(input);
  const mid = inner.apply(stem) as tfl.SymbolicTensor;
  const conv = tfl.layers.conv2d({ filters: 6, kernelSize: 3, padding: 'same', activation: 'relu', name: 'top_conv', kernelInitializer: init() }).apply(mid);
  const pooled = tfl.layers.globalAveragePooling2d({ name: 'pool' }).apply(conv);
  const dropped = tfl.layers.dropout({ rate: 0.5, name: 'drop' }).apply(pooled);
  const logits = tfl.layers.dense({ units: 3, name: 'logits', kernelInitializer: init(), biasInitializer: 'glorotUniform' }).apply(dropped);
  const probs = tfl.layers.activation({ activation: 'softmax', name: 'probs' }).apply(logits) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: probs, name: 'nested' });
}

/** A sequential model with a flatten head and a softmax inside its last Dense layer. */
function flattenHeadModel(): tfl.Sequential {
  const m = tfl.sequential({ name: 'flat_head' });
  m.add(tfl.layers.conv2d({ inputShape: [6, 6, 3], filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', name: 'last_conv', kernelInitializer: init() }));
  m.add(tfl.layers.flatten({ name: 'flatten' }));
  m.add(tfl.layers.dense({ units: 7, activation: 'relu', name: 'fc1', kernelInitializer: init() }));
  m.add(tfl.layers.dense({ units: 2, activation: 'softmax', name: 'out', kernelInitializer: init(), biasInitializer: 'ones' }));
  return m;
}

const image = (shape: [number, number, number], s: number) => tf.randomUniform(shape, 0, 1, 'float32', s) as tf.Tensor3D;

describe('cutting a model at a conv layer', () => {
  it('flattens a nested model and cuts inside it: softmax(head(body(x))) is model.predict(x)', () => {
    const model = nestedModel();
    const x = image([8, 8, 3], 3);
    const expected = tf.tidy(() => (model.predict(tf.expandDims(x, 0)) as tf.Tensor).dataSync());
    expect(flattenModel(model).layers.map((l) => l.name)).toContain('inner_conv');
    for (const layer of ['stem', 'inner_conv', 'inner_bn', 'top_conv']) {
      const cut = cutModel(model, layer);
      const got = tf.tidy(() => tf.softmax(cut.head(activations(cut, x))).dataSync());
      expectClose(got, expected, 1e-5);
    }
    expect(defaultCutLayer(model)).toBe('top_conv');
  });

  it('returns scores before the softmax, with dropout off', () => {
    const model = nestedModel();
    const x = image([8, 8, 3], 4);
    const cut = cutModel(model, 'top_conv');
    // The logits layer by hand: GAP of the activations times the Dense kernel plus bias.
    const [kernel, bias] = model.getLayer('logits').getWeights();
    const expected = tf.tidy(() => tf.add(tf.matMul(tf.reshape(tf.mean(activations(cut, x), [0, 1]), [1, -1]), kernel), bias).dataSync());
    const a = tf.tidy(() => cut.head(activations(cut, x)).dataSync());
    const b = tf.tidy(() => cut.head(activations(cut, x)).dataSync());
    expectClose(a, expected, 1e-5);
    expectClose(b, a, 0); // no dropout noise between calls
    const w = camWeights(cut)!;
    expect(w.w.shape).toEqual([3, 6]);
    expectClose(w.w.dataSync(), tf.transpose(kernel).dataSync(), 0);
  });

  it('finds CAM weights behind global max pooling too, and says which pooling', () => {
    const input = tfl.input({ shape: [6, 6, 3] });
    const conv = tfl.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', name: 'last_conv', kernelInitializer: init() }).apply(input);
    const pooled = tfl.layers.globalMaxPooling2d({ name: 'gmp' }).apply(conv);
    const out = tfl.layers.dense({ units: 2, activation: 'softmax', name: 'out', kernelInitializer: init(), biasInitializer: 'ones' }).apply(pooled) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: input, outputs: out });
    const cut = cutModel(model);
    const head = camWeights(cut)!;
    expect(head.pooling).toBe('max');
    expect(camWeights(cutModel(nestedModel(), 'top_conv'))!.pooling).toBe('mean');
    // The scores are w . max_ij A + b, with the weights camWeights returns.
    const x = image([6, 6, 3], 6);
    const A = activations(cut, x);
    const byHand = tf.tidy(() => tf.add(tf.reshape(tf.matMul(head.w, tf.reshape(tf.max(A, [0, 1]), [-1, 1])), [-1]), head.b).dataSync());
    expectClose(tf.tidy(() => cut.head(A).dataSync()), byHand, 1e-5);
    tf.dispose([A, head.w, head.b]);
  });

  it('replaces a softmax Dense by a linear twin with the same weights', () => {
    const model = flattenHeadModel();
    const x = image([6, 6, 3], 5);
    const cut = cutModel(model);
    expect(cut.layerName).toBe('last_conv');
    const scores = tf.tidy(() => cut.head(activations(cut, x)).dataSync());
    const probs = tf.tidy(() => (model.predict(tf.expandDims(x, 0)) as tf.Tensor).dataSync());
    expectClose(tf.tidy(() => tf.softmax(tf.tensor1d(scores)).dataSync()), probs, 1e-6);
    expect(Math.abs(scores[0] + scores[1])).toBeGreaterThan(0); // not probabilities: they need not sum to 1
    expect(camWeights(cut)).toBeNull(); // a flatten head: CAM does not apply
    const logits = tf.tidy(() => (logitsModel(model).predict(tf.expandDims(x, 0)) as tf.Tensor).dataSync());
    expectClose(logits, scores, 1e-5);
  });

  it('refuses layers that are not conv feature maps, and unknown names', () => {
    const model = flattenHeadModel();
    expect(() => cutModel(model, 'fc1')).toThrow(CutError);
    expect(() => cutModel(model, 'fc1')).toThrow(/not a conv layer/);
    expect(() => cutModel(model, 'nope')).toThrow(/no layer named 'nope'/);
  });

  it('leaves no tensors behind after a cut is used', () => {
    const model = flattenHeadModel();
    const cut = cutModel(model);
    const x = image([6, 6, 3], 6);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) tf.dispose(tf.tidy(() => cut.head(activations(cut, x))));
    expect(tf.memory().numTensors).toBe(before);
  });
});
