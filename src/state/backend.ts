import * as tf from '@tensorflow/tfjs-core';

export type BackendName = 'cpu' | 'webgl';
export const backendNames: readonly BackendName[] = ['cpu', 'webgl'];

// Each backend is its own chunk: a page downloads only the one it uses.
const loaders: Record<BackendName, () => Promise<unknown>> = {
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
};

const STORAGE_KEY = 'camlab-backend';

/**
 * Switches tfjs to a backend, loading it first. Returns false (and keeps the current one)
 * when the browser cannot run it, e.g. WebGL disabled.
 */
export async function useBackend(name: BackendName): Promise<boolean> {
  if (tf.getBackend() === name) return true;
  await loaders[name]();
  let ok = false;
  try {
    ok = await tf.setBackend(name);
  } catch {
    ok = false;
  }
  if (!ok && name !== 'cpu') await useBackend('cpu');
  return ok;
}

export function currentBackend(): BackendName {
  return tf.getBackend() === 'webgl' ? 'webgl' : 'cpu';
}

/** The learner's last explicit choice, if any; pages otherwise pick what measures faster for their sizes. */
export function savedBackend(): BackendName | null {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return saved === 'cpu' || saved === 'webgl' ? saved : null;
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
