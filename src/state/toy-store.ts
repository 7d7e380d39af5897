import { derive, type Derived, type ToyInputs } from '../lib/derive.ts';
import { currentBackend, type BackendName } from './backend.ts';

export interface DerivedState {
  inputs: ToyInputs;
  derived: Derived;
  /** Which backend computed it, and how long the derive and read-back took. */
  backend: BackendName;
  ms: number;
}

export type Listener = (state: DerivedState) => void;
export type ErrorListener = (error: Error) => void;

/**
 * The one store of a toy page: inputs in, one derived record out to every subscriber.
 * Edits that arrive while a derive is running are coalesced, so the page never falls behind the learner.
 */
export class ToyStore {
  #inputs: ToyInputs;
  #listeners = new Set<Listener>();
  #errorListeners = new Set<ErrorListener>();
  #running = false;
  #pending = false;
  #last: DerivedState | null = null;

  constructor(initial: ToyInputs) {
    this.#inputs = structuredClone(initial);
  }

  get inputs(): ToyInputs {
    return this.#inputs;
  }

  get last(): DerivedState | null {
    return this.#last;
  }

  /** Applies an edit to a copy of the inputs and recomputes. */
  update(edit: (draft: ToyInputs) => void): Promise<void> {
    const draft = structuredClone(this.#inputs);
    edit(draft);
    this.#inputs = draft;
    return this.refresh();
  }

  /**
   * Replaces whole fields and recomputes, sharing the others with the previous inputs instead of copying
   * them: for a trained network's 64 maps a deep copy (update) costs more than the derive itself.
   * The values given must not be changed afterwards.
   */
  assign(patch: Partial<ToyInputs>): Promise<void> {
    this.#inputs = { ...this.#inputs, ...patch };
    return this.refresh();
  }

  replace(next: ToyInputs): Promise<void> {
    this.#inputs = structuredClone(next);
    return this.refresh();
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    if (this.#last) listener(this.#last);
    return () => this.#listeners.delete(listener);
  }

  onError(listener: ErrorListener): () => void {
    this.#errorListeners.add(listener);
    return () => this.#errorListeners.delete(listener);
  }

  async refresh(): Promise<void> {
    if (this.#running) {
      this.#pending = true;
      return;
    }
    this.#running = true;
    try {
      do {
        this.#pending = false;
        const inputs = this.#inputs;
        const started = performance.now();
        try {
          const derived = await derive(inputs);
          this.#last = { inputs, derived, backend: currentBackend(), ms: performance.now() - started };
          for (const listener of this.#listeners) listener(this.#last);
        } catch (error) {
          for (const listener of this.#errorListeners) listener(error instanceof Error ? error : new Error(String(error)));
        }
      } while (this.#pending);
    } finally {
      this.#running = false;
    }
  }
}
