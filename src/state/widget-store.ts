import { currentBackend, type BackendName } from './backend.ts';

/** A state and what was computed from it, as every view of a widget draws it. */
export interface Computed<S, R> {
  state: S;
  result: R;
  /** Which backend computed the result, and how long the computation and its read-back took. */
  backend: BackendName;
  ms: number;
}

export type Listener<S, R> = (computed: Computed<S, R>) => void;
export type ErrorListener = (error: Error) => void;

/**
 * The one store of a widget: its state in, one computed record out to every listener.
 *
 * The state is replaced, never changed in place: an edit gives new values for some fields and shares the
 * others, so `compute` (a derive() and its read-back) runs again only when a field it reads is a new
 * value; an edit of anything else (a threshold, a colour map, a step) redraws at once from the last result.
 * Edits that arrive while a computation runs are coalesced: only the newest state is computed next, and a
 * result whose state has been overtaken is not drawn, so the page never falls behind the learner.
 */
export class WidgetStore<S extends object, R> {
  #state: S;
  #compute: (state: S) => Promise<R>;
  #computeFrom: readonly (keyof S)[];
  #listeners = new Set<Listener<S, R>>();
  #errorListeners = new Set<ErrorListener>();
  #running = false;
  #pending = false;
  #force = false;
  #last: Computed<S, R> | null = null;

  constructor(initial: S, compute: (state: S) => Promise<R>, computeFrom: readonly (keyof S)[]) {
    this.#state = initial;
    this.#compute = compute;
    this.#computeFrom = computeFrom;
  }

  get state(): S {
    return this.#state;
  }

  get last(): Computed<S, R> | null {
    return this.#last;
  }

  /** New values for some fields (the others are shared, not copied), then a refresh. */
  set(patch: Partial<S>): Promise<void> {
    this.#state = { ...this.#state, ...patch };
    return this.refresh();
  }

  /** A whole new state (a reset, a link, the presenter's other window), then a refresh. */
  replace(next: S): Promise<void> {
    this.#state = next;
    return this.refresh();
  }

  subscribe(listener: Listener<S, R>): () => void {
    this.#listeners.add(listener);
    if (this.#last) listener(this.#last);
    return () => this.#listeners.delete(listener);
  }

  onError(listener: ErrorListener): () => void {
    this.#errorListeners.add(listener);
    return () => this.#errorListeners.delete(listener);
  }

  /** True when `state` reads the same inputs as the last computed state, so its result still holds. */
  #sameInputs(state: S): boolean {
    const last = this.#last;
    return last !== null && this.#computeFrom.every((key) => last.state[key] === state[key]);
  }

  #emit(computed: Computed<S, R>): void {
    this.#last = computed;
    for (const listener of this.#listeners) listener(computed);
  }

  #fail(error: unknown): void {
    const e = error instanceof Error ? error : new Error(String(error));
    for (const listener of this.#errorListeners) listener(e);
  }

  /**
   * Brings every listener up to the current state. `force` computes again even when the inputs did not
   * change (the backend was switched). Draws synchronously when nothing needs computing.
   */
  async refresh(options: { force?: boolean } = {}): Promise<void> {
    if (options.force) this.#force = true;
    if (this.#running) {
      this.#pending = true;
      return;
    }
    if (!this.#force && this.#last && this.#sameInputs(this.#state)) {
      this.#emit({ ...this.#last, state: this.#state });
      return;
    }
    this.#running = true;
    try {
      do {
        this.#pending = false;
        const force = this.#force;
        this.#force = false;
        const state = this.#state;
        if (!force && this.#last && this.#sameInputs(state)) {
          this.#emit({ ...this.#last, state });
          continue;
        }
        const started = performance.now();
        try {
          const result = await this.#compute(state);
          const computed = { state, result, backend: currentBackend(), ms: performance.now() - started };
          // Overtaken by a newer state that needs its own computation: keep the result, draw the newer one.
          if (this.#state !== state && !this.#force) {
            this.#last = computed;
            this.#pending = true;
          } else this.#emit(computed);
        } catch (error) {
          this.#fail(error);
        }
      } while (this.#pending || this.#force);
    } finally {
      this.#running = false;
    }
  }
}
