import { readParam, writeParam } from '../../state/url-state.ts';

/** How long the address waits after an edit before it is rewritten. */
const SETTLE_MS = 250;

/**
 * One widget's query parameter in the page's address. Writes wait until the learner pauses (250 ms): a
 * history.replaceState costs Chromium several milliseconds, too much for every keystroke of a frame-budget
 * edit, and browsers rate-limit it. They add no history entry, unless asked to (push): a push is made
 * just after the next frame, so the new state is drawn first (a pushState took about 3.7 ms of each of
 * lesson 8's steps), and every push still makes its own entry. A write still waiting is made at once when
 * the page is hidden or left, so the address is never behind. It also tells the widget when the parameter
 * was changed by something else (Back, Forward), and only then: a move of the slides' #hash fires popstate
 * too, but leaves the parameter as this widget last wrote it.
 */
export class WidgetLink {
  readonly key: string;
  #pending: string | null | undefined = undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Entries to push, oldest first, and whether their flush is scheduled. */
  #pushes: (string | null)[] = [];
  #pushScheduled = false;
  /** The parameter's value as it stands in the address after this widget's last write. */
  #inAddress: string | null;

  constructor(key: string) {
    this.key = key;
    this.#inAddress = readParam(location.search, key);
    addEventListener('pagehide', () => this.flush());
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && this.flush());
  }

  /** The parameter's raw text, or null when the address has none. */
  read(): string | null {
    return readParam(location.search, this.key);
  }

  /** Sets the parameter (null removes it); `push` adds a history entry, made after the next frame. */
  write(text: string | null, options: { push?: boolean } = {}): void {
    if (options.push) {
      // The pushed entry holds the whole state: a replace still waiting is part of it.
      this.#cancelPending();
      this.#pushes.push(text);
      if (!this.#pushScheduled) {
        this.#pushScheduled = true;
        requestAnimationFrame(() => setTimeout(() => this.#flushPushes(), 0));
      }
      return;
    }
    this.#pending = text;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.flush(), SETTLE_MS);
  }

  /** Makes every write still waiting now. */
  flush(): void {
    this.#flushPushes();
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending === undefined) return;
    const text = this.#pending;
    this.#pending = undefined;
    this.#flush(text, false);
  }

  #flushPushes(): void {
    this.#pushScheduled = false;
    const pushes = this.#pushes;
    this.#pushes = [];
    for (const text of pushes) this.#flush(text, true);
  }

  #cancelPending(): void {
    this.#pending = undefined;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #flush(text: string | null, push: boolean): void {
    const search = writeParam(location.search, this.key, text);
    this.#inAddress = readParam(search, this.key);
    if (search === location.search) return;
    const url = `${location.pathname}${search}${location.hash}`;
    if (push) history.pushState(null, '', url);
    else history.replaceState(history.state, '', url);
  }

  /** Calls back with the new text whenever history moves to an address where this parameter differs. */
  onHistory(callback: (text: string | null) => void): void {
    window.addEventListener('popstate', () => {
      const now = this.read();
      if (now === this.#inAddress) return;
      // The page moved in history: a write still waiting belongs to where it was.
      this.#cancelPending();
      this.#pushes = [];
      this.#inAddress = now;
      callback(now);
    });
  }
}
