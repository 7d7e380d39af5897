import * as tf from '@tensorflow/tfjs-core';

export type BackendName = 'cpu' | 'webgl' | 'wasm';
export const backendNames: readonly BackendName[] = ['cpu', 'webgl', 'wasm'];

/**
 * The WebAssembly backend and its binaries (plain, SIMD, and threaded SIMD for pages that are cross-origin
 * isolated), served with the site's assets; tfjs picks the best the browser supports and fetches only that one.
 *
 * The package registers a factory that downloads and compiles the binary. Left to tf.setBackend, that
 * download holds the whole engine in a "not yet initialized" state, and every other widget on the page that
 * computes meanwhile stalls or throws. So the factory runs here, outside the engine, and the engine is given
 * the finished backend: switching to it is then immediate.
 */
let wasmReady: Promise<void> | null = null;
function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const [wasm, plain, simd, threaded] = await Promise.all([
      import('@tensorflow/tfjs-backend-wasm'),
      import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'),
      import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'),
      import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url'),
    ]);
    wasm.setWasmPaths({ 'tfjs-backend-wasm.wasm': plain.default, 'tfjs-backend-wasm-simd.wasm': simd.default, 'tfjs-backend-wasm-threaded-simd.wasm': threaded.default });
    const backend = await tf.findBackendFactory('wasm')();
    tf.removeBackend('wasm');
    tf.registerBackend('wasm', () => backend, WASM_PRIORITY);
  })().catch((error: unknown) => {
    wasmReady = null; // a later switch may try again (the binary may have been unreachable for a moment)
    throw error;
  });
  return wasmReady;
}
/** The priority tfjs-backend-wasm registers itself with. */
const WASM_PRIORITY = 2;

// Each backend is its own chunk: a page downloads only the one it uses.
const loaders: Record<BackendName, () => Promise<unknown>> = {
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  wasm: loadWasm,
};

const STORAGE_KEY = 'camlab-backend';

/**
 * Switches tfjs to a backend, loading it first. Returns false (and falls back to cpu) when the browser
 * cannot run it, e.g. WebGL disabled or the WebAssembly binary unreachable.
 */
export async function useBackend(name: BackendName): Promise<boolean> {
  if (tf.getBackend() === name) return true;
  let ok = false;
  try {
    await loaders[name]();
    ok = await tf.setBackend(name);
  } catch {
    ok = false;
  }
  if (!ok && name !== 'cpu') await useBackend('cpu');
  return ok;
}

export function currentBackend(): BackendName {
  const name = tf.getBackend();
  return name === 'webgl' || name === 'wasm' ? name : 'cpu';
}

/** The learner's last explicit choice, if any; pages otherwise pick what measures faster for their sizes. */
export function savedBackend(): BackendName | null {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return (backendNames as readonly string[]).includes(saved ?? '') ? (saved as BackendName) : null;
  } catch {
    return null;
  }
}

export function saveBackend(name: BackendName): void {
  try {
    localStorage.setItem(STORAGE_KEY, name);
  } catch {
    // Storage may be refused (private mode): the choice still holds for this page.
  }
}
