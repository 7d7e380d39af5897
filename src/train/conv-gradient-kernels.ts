/**
 * Conv2D's two gradient kernels for the wasm backend, written as ordinary convolutions that wasm runs fast.
 *
 * tfjs-backend-wasm 4.22 registers no Conv2DBackpropFilter (training any Conv2D fails) and a naive
 * Conv2DBackpropInput loop. Both gradients are convolutions in disguise:
 *  - filter gradient: dW[a,b,i,o] = sum_{n,y,x} x[n, s*y + a - padTop, s*x + b - padLeft, i] * dy[n,y,x,o],
 *    a convolution of x transposed to [Ci, H, W, N] with dy transposed to [Ho, Wo, N, Co] as the filter,
 *    whose dilation is the forward stride s;
 *  - input gradient: the transposed convolution, a convolution of dy (dilated by s and padded) with the
 *    filter flipped in space and with its channel axes swapped.
 * The kernels call the backend's own kernels directly (no engine, no tape), and free every intermediate.
 */
import {
  backend_util,
  getKernel,
  registerKernel,
  unregisterKernel,
  type KernelBackend,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';

type Backend = KernelBackend & { disposeData(dataId: object): boolean };

/** Runs another kernel of the same backend on TensorInfos. */
function run(backend: Backend, name: string, inputs: Record<string, TensorInfo>, attrs: NamedAttrMap): TensorInfo {
  const kernel = getKernel(name, backendName(backend));
  if (!kernel) throw new Error(`Kernel '${name}' is not registered for the backend.`);
  return kernel.kernelFunc({ inputs, attrs, backend }) as TensorInfo;
}

const backendNames = new WeakMap<object, string>();
function backendName(backend: Backend): string {
  return backendNames.get(backend) ?? 'wasm';
}

/** Frees intermediate results; the wasm backend keeps a reference count per buffer. */
function free(backend: Backend, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

interface ConvAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

function channelsLastOnly(dataFormat: string | undefined): void {
  if (dataFormat && dataFormat !== 'NHWC') throw new Error(`Only NHWC convolutions are supported, not ${dataFormat}.`);
}

/** dW for x [N, H, W, Ci], dy [N, Ho, Wo, Co], filterShape [fh, fw, Ci, Co]. */
export function conv2DBackpropFilter(args: { inputs: { x: TensorInfo; dy: TensorInfo }; backend: Backend; attrs: ConvAttrs & { filterShape: [number, number, number, number] } }): TensorInfo {
  const { inputs: { x, dy }, backend, attrs } = args;
  channelsLastOnly(attrs.dataFormat);
  const info = backend_util.computeConv2DInfo(x.shape as [number, number, number, number], attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw, inHeight: H, inWidth: W, outHeight: Ho, outWidth: Wo } = info;
  const { top, left } = info.padInfo;
  // Rows the forward pass read, from -top to (Ho-1)*sh + fh-1 - top; pad the bottom up to there.
  const bottom = Math.max(0, (Ho - 1) * sh + fh - top - H);
  const right = Math.max(0, (Wo - 1) * sw + fw - left - W);
  const xT = run(backend, 'Transpose', { x }, { perm: [3, 1, 2, 0] }); // [Ci, H, W, N]
  const dyT = run(backend, 'Transpose', { x: dy }, { perm: [1, 2, 0, 3] }); // [Ho, Wo, N, Co]
  const full = run(backend, 'Conv2D', { x: xT, filter: dyT }, {
    strides: [1, 1], pad: [[0, 0], [top, bottom], [left, right], [0, 0]], dilations: [sh, sw], dataFormat: 'NHWC', dimRoundingMode: undefined as unknown as string,
  }); // [Ci, >=fh, >=fw, Co]
  const exact = run(backend, 'Slice', { x: full }, { begin: [0, 0, 0, 0], size: [xT.shape[0], fh, fw, dyT.shape[3]] });
  const dW = run(backend, 'Transpose', { x: exact }, { perm: [1, 2, 0, 3] }); // [fh, fw, Ci, Co]
  free(backend, xT, dyT, full, exact);
  return dW;
}

/** dx for dy [N, Ho, Wo, Co], filter [fh, fw, Ci, Co] and the forward input's shape. */
export function conv2DBackpropInput(args: { inputs: { dy: TensorInfo; filter: TensorInfo }; backend: Backend; attrs: ConvAttrs & { inputShape: [number, number, number, number] } }): TensorInfo {
  const { inputs: { dy, filter }, backend, attrs } = args;
  channelsLastOnly(attrs.dataFormat);
  const info = backend_util.computeConv2DInfo(attrs.inputShape, filter.shape as [number, number, number, number], attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const { batchSize: N, filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw, inHeight: H, inWidth: W, inChannels: Ci, outHeight: Ho, outWidth: Wo, outChannels: Co } = info;
  const { top, left } = info.padInfo;
  const temps: TensorInfo[] = [];
  const keep = (t: TensorInfo) => (temps.push(t), t);

  // Dilate dy by the stride: s-1 zeros after every row and column (the trailing ones are cut below).
  let dilated = dy;
  if (sh > 1 || sw > 1) {
    const r = keep(run(backend, 'Reshape', { x: dy }, { shape: [N, Ho, 1, Wo, 1, Co] }));
    const p = keep(run(backend, 'PadV2', { x: r }, { paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]], constantValue: 0 }));
    dilated = keep(run(backend, 'Reshape', { x: p }, { shape: [N, Ho * sh, Wo * sw, Co] }));
  }
  const Hd = dilated.shape[1];
  const Wd = dilated.shape[2];
  // The filter flipped in space, input and output channels swapped: [fh, fw, Co, Ci].
  const flipped = keep(run(backend, 'Reverse', { x: filter }, { dims: [0, 1] }));
  const swapped = keep(run(backend, 'Transpose', { x: flipped }, { perm: [0, 1, 3, 2] }));
  const padTop = fh - 1 - top;
  const padLeft = fw - 1 - left;
  if (padTop < 0 || padLeft < 0) throw new Error('Padding larger than the filter is not supported.');
  const padBottom = Math.max(0, H + fh - 1 - Hd - padTop);
  const padRight = Math.max(0, W + fw - 1 - Wd - padLeft);
  const full = keep(run(backend, 'Conv2D', { x: dilated, filter: swapped }, {
    strides: [1, 1], pad: [[0, 0], [padTop, padBottom], [padLeft, padRight], [0, 0]], dilations: [1, 1], dataFormat: 'NHWC', dimRoundingMode: undefined as unknown as string,
  }));
  const dx = run(backend, 'Slice', { x: full }, { begin: [0, 0, 0, 0], size: [N, H, W, Ci] });
  free(backend, ...temps);
  return dx;
}

/**
 * Registers both kernels for a backend (default 'wasm'), replacing its own Conv2DBackpropInput.
 * Safe to call more than once.
 */
export function registerConvGradientKernels(name = 'wasm'): void {
  for (const [kernelName, fn] of [
    ['Conv2DBackpropFilter', conv2DBackpropFilter],
    ['Conv2DBackpropInput', conv2DBackpropInput],
  ] as const) {
    if (getKernel(kernelName, name)) unregisterKernel(kernelName, name);
    registerKernel({
      kernelName,
      backendName: name,
      kernelFunc: (args) => {
        backendNames.set(args.backend, name);
        return (fn as (a: unknown) => TensorInfo)(args);
      },
    });
  }
}
