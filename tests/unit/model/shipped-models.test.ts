import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { loadModel } from '../../../src/model/load.ts';
import { activations, camWeights, cutModel } from '../../../src/model/cut.ts';
import { explain } from '../../../src/model/explain.ts';
import { CLASS_NAMES, generateSample } from '../../../src/shapes/dataset.ts';
import { decodeImage, resizeBilinear } from '../../../src/node/image-io.ts';
import { readFileSync } from 'node:fs';
import { expectClose } from '../lib/close.ts';

const SHIPPED = ['shapes-gap', 'shapes-gmp', 'shapes-fc', 'shapes-biased', 'shapes-debiased'];
const fixedImage = () => tf.tensor3d(generateSample(31337, 2).image, [64, 64, 3]); // a triangle, not from any training set

describe('the shipped models', () => {
  for (const name of SHIPPED) {
    it(`${name}: loads from its folder, and body + head reproduce model.predict within 1e-5`, async () => {
      const model = await loadModel(`models/${name}`);
      expect(model.inputs[0].shape).toEqual([null, 64, 64, 3]);
      expect(model.outputs[0].shape).toEqual([null, CLASS_NAMES.length]);
      const cut = cutModel(model);
      expect(cut.layerName).toBe('last_conv');
      expect(cut.featureShape).toEqual([16, 16, 64]);
      const x = fixedImage();
      const expected = tf.tidy(() => (model.predict(tf.expandDims(x, 0)) as tf.Tensor).dataSync());
      const got = tf.tidy(() => tf.softmax(cut.head(activations(cut, x))).dataSync());
      expectClose(got, expected, 1e-5);
      x.dispose();
    });
  }

  it('shapes-gap: CAM and Grad-CAM match values computed by hand from the Dense kernel and the activations', async () => {
    const model = await loadModel('models/shapes-gap');
    const cut = cutModel(model);
    const x = fixedImage();
    const A = activations(cut, x);
    const a = A.dataSync(); // [16, 16, 64] row-major
    const [kernel, bias] = model.getLayer('class_scores').getWeights();
    const k = kernel.dataSync(); // [64, 4]
    const b = bias.dataSync();
    const K = 64, C = 4, Z = 256;
    // By hand: F_k = mean A^k, S_c = sum_k w_k^c F_k + b_c, M_c(ij) = sum_k w_k^c A^k_ij.
    const F = Array.from({ length: K }, (_, kk) => { let s = 0; for (let p = 0; p < Z; p++) s += a[p * K + kk]; return s / Z; });
    const S = Array.from({ length: C }, (_, c) => F.reduce((s, f, kk) => s + f * k[kk * C + c], b[c]));
    const c = S.indexOf(Math.max(...S));
    const M = Array.from({ length: Z }, (_, p) => { let s = 0; for (let kk = 0; kk < K; kk++) s += a[p * K + kk] * k[kk * C + c]; return s; });

    const cam = await explain(cut, x, 'cam');
    expect(cam.classIndex).toBe(c);
    expectClose(cam.scores, S, 1e-4);
    expectClose(cam.weights, Array.from({ length: K }, (_, kk) => k[kk * C + c]), 1e-6);
    expectClose(cam.map.flat(), M, 1e-4);

    // Grad-CAM of a GAP network: alpha_k^c = w_k^c / Z, and the map is ReLU(M_c) / Z.
    const grad = await explain(cut, x, 'gradcam', c);
    expectClose(grad.weights, cam.weights.map((w) => w / Z), 1e-6);
    expectClose(grad.map.flat(), M.map((m) => Math.max(0, m) / Z), 1e-5);
    // The counterfactual map weighs with -alpha: ReLU(-M_c) / Z.
    const counter = await explain(cut, x, 'counterfactual', c);
    expectClose(counter.map.flat(), M.map((m) => Math.max(0, -m) / Z), 1e-5);
    tf.dispose([x, A, kernel, bias]);
  });

  it('shapes-gmp: its head is global max pooling, and each score is w^c . max_ij A + b_c by hand', async () => {
    const cut = cutModel(await loadModel('models/shapes-gmp'));
    const head = camWeights(cut)!;
    expect(head.pooling).toBe('max');
    expect(camWeights(cutModel(await loadModel('models/shapes-gap')))!.pooling).toBe('mean');
    const x = fixedImage();
    const A = activations(cut, x).arraySync(); // [16][16][64]
    const F = Array.from({ length: 64 }, (_, k) => Math.max(...A.flat().map((cell) => cell[k])));
    const [w, b] = [head.w.arraySync(), head.b.arraySync()];
    const byHand = w.map((row, c) => row.reduce((s, wk, k) => s + wk * F[k], b[c]));
    const got = tf.tidy(() => cut.head(activations(cut, x)).arraySync());
    expectClose(got, byHand, 1e-4);
    tf.dispose([x, head.w, head.b]);
  });

  it('shapes-fc: Grad-CAM matches a gradient derived by hand through max pool, flatten, dense, ReLU and dense', async () => {
    const model = await loadModel('models/shapes-fc');
    const cut = cutModel(model);
    expect(camWeights(cut)).toBeNull();
    const x = fixedImage();
    const a = activations(cut, x).dataSync();
    const [w1, b1] = model.getLayer('fc1').getWeights().map((t) => t.dataSync());
    const [w2, b2] = model.getLayer('class_scores').getWeights().map((t) => t.dataSync());
    const pool = (model.getLayer('head_pool').getConfig() as { poolSize: number[] }).poolSize[0];
    const H = 16, K = 64, P = H / pool, U = w1.length / (P * P * K), C = 4;
    // Forward by hand: pool x pool max pool (first maximum wins, as tfjs), flatten [P, P, K], fc1 ReLU, scores.
    const pooled = new Float32Array(P * P * K);
    const argmax = new Int32Array(P * P * K);
    for (let i = 0; i < P; i++) for (let j = 0; j < P; j++) for (let kk = 0; kk < K; kk++) {
      let best = -Infinity, at = -1;
      for (let di = 0; di < pool; di++) for (let dj = 0; dj < pool; dj++) {
        const idx = ((pool * i + di) * H + pool * j + dj) * K + kk;
        if (a[idx] > best) { best = a[idx]; at = idx; }
      }
      pooled[(i * P + j) * K + kk] = best;
      argmax[(i * P + j) * K + kk] = at;
    }
    const h = Array.from({ length: U }, (_, u) => { let s = b1[u]; for (let f = 0; f < pooled.length; f++) s += pooled[f] * w1[f * U + u]; return Math.max(0, s); });
    const S = Array.from({ length: C }, (_, c) => h.reduce((s, hv, u) => s + hv * w2[u * C + c], b2[c]));
    const c = S.indexOf(Math.max(...S));
    // Backward by hand: dS_c/dh_u = w2[u][c] where h_u > 0; dS_c/dpooled_f = sum_u w1[f][u] dS_c/dh_u; routed to the argmax.
    const dh = h.map((hv, u) => (hv > 0 ? w2[u * C + c] : 0));
    const dA = new Float32Array(H * H * K);
    for (let f = 0; f < pooled.length; f++) { let s = 0; for (let u = 0; u < U; u++) s += w1[f * U + u] * dh[u]; dA[argmax[f]] += s; }
    const alpha = Array.from({ length: K }, (_, kk) => { let s = 0; for (let p = 0; p < H * H; p++) s += dA[p * K + kk]; return s / (H * H); });
    const map = Array.from({ length: H * H }, (_, p) => { let s = 0; for (let kk = 0; kk < K; kk++) s += alpha[kk] * a[p * K + kk]; return Math.max(0, s); });

    const result = await explain(cut, x, 'gradcam');
    expect(result.classIndex).toBe(c);
    expectClose(result.scores, S, 1e-3);
    expectClose(result.weights, alpha, 1e-5);
    expectClose(result.map.flat(), map, 1e-4);
    x.dispose();
  });
});

const MOBILENET = '../shared/realmodels/mobilenet_v1_0.25_224';
const hasMobileNet = existsSync(`${MOBILENET}/model.json`);

describe('a real ImageNet model (MobileNet v1 0.25, from ../shared when present)', () => {
  it.skipIf(!hasMobileNet)(
    hasMobileNet ? 'loads, cuts at conv_pw_13_relu, and finds the boxer in pgc_both.png' : 'SKIPPED: ../shared/realmodels/mobilenet_v1_0.25_224 is absent (only our own models are tested)',
    async () => {
      const model = await loadModel(MOBILENET);
      const cut = cutModel(model, 'conv_pw_13_relu');
      expect(cut.featureShape).toEqual([7, 7, 256]);
      expect(cut.numClasses).toBe(1000);
      const cam = camWeights(cut)!; // GAP -> reshape -> dropout -> 1x1 conv: CAM applies
      expect(cam.w.shape).toEqual([1000, 256]);
      const decoded = resizeBilinear(decodeImage(readFileSync('../shared/realmodels/images/pgc_both.png')), 224, 224);
      const x = tf.tidy(() => tf.sub(tf.mul(tf.tensor3d(decoded.data, [224, 224, 3]), 2), 1) as tf.Tensor3D); // [-1, 1]
      const expected = tf.tidy(() => (model.predict(tf.expandDims(x, 0)) as tf.Tensor).dataSync());
      const result = await explain(cut, x, 'gradcam');
      expectClose(result.probabilities, expected, 1e-5);
      const labels: string[] = JSON.parse(readFileSync('../shared/realmodels/labels/imagenet_labels.json', 'utf8')).labels;
      expect(labels[result.classIndex]).toMatch(/boxer/i);
      // GAP + linear head: alpha = w / Z exactly as for our GAP model.
      expectClose(result.weights, Array.from(tf.slice(cam.w, [result.classIndex, 0], [1, 256]).dataSync()).map((w) => w / 49), 1e-6);
      tf.dispose([x, cam.w, cam.b]);
    },
    60_000,
  );
});
