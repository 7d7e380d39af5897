/**
 * Max pooling's gradient on the WebAssembly backend, made to follow the rule of tfjs's cpu backend,
 * TensorFlow and PyTorch: each window's gradient goes to its first largest cell.
 *
 * tfjs-backend-wasm 4.22's MaxPoolGrad gives no gradient at all to a window whose cells are all zero (a
 * window of dead ReLU cells). Shifting every cell of a window by eps shifts its max by exactly eps, so the
 * gradient summed over a window must be the window's dy whatever the ties: the wasm kernel breaks that, and
 * with it alpha_k^c = mean_ij dy/dA^k_ij behind shapes-fc's max pooling (measured on test image 1: 92 of its
 * 1024 windows lose their gradient, and alpha moves by up to 9.5e-4 against 3.4e-3 at most).
 */
import * as tf from '@tensorflow/tfjs-core';

interface WasmBackend {
  readSync(dataId: object): ArrayLike<number>;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
}

interface MaxPoolGradAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** dx of max pooling, NHWC, from the input x and the output's gradient dy: the first largest cell of each window takes dy. */
export function maxPoolBackprop(
  x: ArrayLike<number>,
  dy: ArrayLike<number>,
  info: ReturnType<typeof tf.backend_util.computePool2DInfo>,
): Float32Array {
  const { batchSize, inHeight, inWidth, inChannels: C, outHeight, outWidth, strideHeight, strideWidth, effectiveFilterHeight, effectiveFilterWidth, padInfo } = info;
  const dx = new Float32Array(batchSize * inHeight * inWidth * C);
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        for (let c = 0; c < C; c++) {
          let best = -Infinity;
          let at = -1;
          for (let fy = 0; fy < effectiveFilterHeight; fy++) {
            const y = oy * strideHeight - padInfo.top + fy;
            if (y < 0 || y >= inHeight) continue;
            for (let fx = 0; fx < effectiveFilterWidth; fx++) {
              const xx = ox * strideWidth - padInfo.left + fx;
              if (xx < 0 || xx >= inWidth) continue;
              const index = ((b * inHeight + y) * inWidth + xx) * C + c;
              if (x[index] > best) [best, at] = [x[index], index];
            }
          }
          if (at >= 0) dx[at] += dy[((b * outHeight + oy) * outWidth + ox) * C + c];
        }
      }
    }
  }
  return dx;
}

const kernelFunc: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { dy, input } = inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolGradAttrs;
  const wasm = backend as unknown as WasmBackend;
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
  const dx = maxPoolBackprop(wasm.readSync(input.dataId), wasm.readSync(dy.dataId), info);
  const out = wasm.makeOutput(input.shape, 'float32');
  wasm.typedArrayFromHeap(out).set(dx);
  return out;
};

/**
 * Puts this MaxPoolGrad in place of the wasm backend's own, once the wasm package has registered its kernels
 * (a later import would register its own again, so callers check before each use on wasm).
 */
export function useFirstMaxPoolGradient(): void {
  if (tf.getBackend() !== 'wasm' || tf.getKernel('MaxPoolGrad', 'wasm')?.kernelFunc === kernelFunc) return;
  if (tf.getKernel('MaxPoolGrad', 'wasm')) tf.unregisterKernel('MaxPoolGrad', 'wasm');
  tf.registerKernel({ kernelName: 'MaxPoolGrad', backendName: 'wasm', kernelFunc });
}
