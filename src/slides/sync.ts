/**
 * Keeps the windows of one deck in step (the projector and the presenter view), with no server: a
 * BroadcastChannel per lesson and locale carries the position and every live widget's inputs.
 *
 * Echo guards: a window never re-sends what it was just told. Positions applied from a peer are not
 * broadcast again (the deck passes broadcast: false); widget inputs are compared as JSON with the last
 * inputs known for that widget, sent or received, and only a change made here goes out.
 */
import type { ToyInputs } from '../lib/derive.ts';
import type { Position } from './position.ts';

export type SyncMessage =
  | { type: 'hello'; from: string }
  | { type: 'position'; from: string; position: Position }
  | { type: 'widget'; from: string; key: string; inputs: ToyInputs }
  | { type: 'state'; from: string; to: string; position: Position; widgets: Record<string, ToyInputs> };

/** What DeckSync needs of a BroadcastChannel, so tests can pass any channel. */
export interface Channel {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent) => void) | null;
  close(): void;
}

/** What DeckSync needs of a widget's ToyStore. */
export interface SyncedStore {
  readonly inputs: ToyInputs;
  replace(next: ToyInputs): unknown;
  subscribe(listener: () => void): () => void;
}

export interface DeckHandlers {
  /** Where this window is now, for a peer that just opened. */
  position(): Position;
  /** Move to a position a peer moved to, without broadcasting it back. */
  go(position: Position): void;
}

export function channelName(locale: string, slug: string): string {
  return `camlab-slides:${locale}:${slug}`;
}

export class DeckSync {
  readonly id = Math.random().toString(36).slice(2);
  #channel: Channel;
  #handlers: DeckHandlers;
  #stores = new Map<string, SyncedStore>();
  /** Per widget, the JSON of the inputs last sent or received: what counts as "no change". */
  #known = new Map<string, string>();
  /** Inputs that arrived for a widget that has not started in this window yet. */
  #pending = new Map<string, ToyInputs>();
  #unsubscribe: (() => void)[] = [];

  constructor(channel: Channel, handlers: DeckHandlers) {
    this.#channel = channel;
    this.#handlers = handlers;
    channel.onmessage = (event) => this.#receive(event.data as SyncMessage);
  }

  /** Asks any open window of this deck for its position and widget states. */
  hello(): void {
    this.#post({ type: 'hello', from: this.id });
  }

  sendPosition(position: Position): void {
    this.#post({ type: 'position', from: this.id, position });
  }

  /** Registers a started widget: it takes any state a peer already sent, then shares its own edits. */
  addWidget(key: string, store: SyncedStore): void {
    this.#stores.set(key, store);
    const pending = this.#pending.get(key);
    this.#pending.delete(key);
    if (pending) {
      this.#known.set(key, JSON.stringify(pending));
      void store.replace(pending);
    } else {
      // A freshly started widget holds its default state: that is no edit, and must not overwrite a peer's.
      this.#known.set(key, JSON.stringify(store.inputs));
    }
    this.#unsubscribe.push(
      store.subscribe(() => {
        // store.inputs, not the state handed to listeners: an older state may still be arriving while
        // newer edits wait, and only the newest inputs are worth sending.
        const json = JSON.stringify(store.inputs);
        if (json === this.#known.get(key)) return;
        this.#known.set(key, json);
        this.#post({ type: 'widget', from: this.id, key, inputs: store.inputs });
      }),
    );
  }

  close(): void {
    for (const off of this.#unsubscribe) off();
    this.#channel.onmessage = null;
    this.#channel.close();
  }

  #post(message: SyncMessage): void {
    this.#channel.postMessage(message);
  }

  #applyWidget(key: string, inputs: ToyInputs): void {
    const json = JSON.stringify(inputs);
    if (json === this.#known.get(key)) return;
    this.#known.set(key, json);
    const store = this.#stores.get(key);
    if (store) void store.replace(inputs);
    else this.#pending.set(key, inputs);
  }

  #receive(message: SyncMessage): void {
    if (!message || message.from === this.id) return;
    switch (message.type) {
      case 'hello': {
        const widgets: Record<string, ToyInputs> = {};
        for (const [key, json] of this.#known) widgets[key] = JSON.parse(json) as ToyInputs;
        this.#post({ type: 'state', from: this.id, to: message.from, position: this.#handlers.position(), widgets });
        break;
      }
      case 'state':
        if (message.to !== this.id) return;
        this.#handlers.go(message.position);
        for (const [key, inputs] of Object.entries(message.widgets)) this.#applyWidget(key, inputs);
        break;
      case 'position':
        this.#handlers.go(message.position);
        break;
      case 'widget':
        this.#applyWidget(message.key, message.inputs);
        break;
    }
  }
}
