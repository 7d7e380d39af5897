/**
 * Keeps the windows of one deck in step (the projector and the presenter view), with no server: a
 * BroadcastChannel per lesson and locale carries the position, the overview and blank screen, and every
 * live widget's state, as stamped writes into a Replica (replica.ts) that each window holds. Whatever order
 * two windows' edits cross in, both apply the same winners and end up showing the same numbers.
 *
 * Echo guards: a window sends only changes made in it; what it is told is applied and never sent back.
 */
import type { Position } from './position.ts';
import { diffValues, newSite, Replica, seedValues, valuesUnder, type Write } from './replica.ts';

export type SyncMessage = { type: 'hello'; from: string } | { type: 'writes'; from: string; writes: Write[] };

/** What DeckSync needs of a BroadcastChannel, so tests can pass any channel. */
export interface Channel {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent) => void) | null;
  close(): void;
}

/** What DeckSync needs of a started widget (src/widgets/kit/mount.ts's WidgetHandle). */
export interface SyncedWidget {
  values(): Record<string, unknown>;
  apply(values: Record<string, unknown>): boolean;
  onChange(listener: (values: Record<string, unknown>) => void): () => void;
}

/** The deck's own modes a second window follows. */
export interface DeckModes {
  overview: boolean;
  blank: boolean;
}

export interface DeckHandlers {
  /** Where this window is now, and its modes. */
  position(): Position;
  modes(): DeckModes;
  /** Move to a position, or set the modes, a peer chose, without broadcasting them back. */
  go(position: Position): void;
  setModes(modes: DeckModes): void;
}

export function channelName(locale: string, slug: string): string {
  return `camlab-slides:${locale}:${slug}`;
}

const POSITION = 'deck/position';
const MODES = 'deck/modes/';
const widgetPrefix = (key: string) => `w/${key}/`;

export class DeckSync {
  readonly id: string;
  #channel: Channel;
  #handlers: DeckHandlers;
  #replica: Replica;
  #widgets = new Map<string, SyncedWidget>();
  /** Per widget, the values it showed when last in step: what a local change is measured against. */
  #known = new Map<string, Record<string, unknown>>();
  #unsubscribe: (() => void)[] = [];

  constructor(channel: Channel, handlers: DeckHandlers, site: string = newSite()) {
    this.#channel = channel;
    this.#handlers = handlers;
    this.#replica = new Replica(site);
    this.id = site;
    const seeds = [this.#replica.seed(POSITION, handlers.position()), ...seedValues(this.#replica, MODES, { ...handlers.modes() })];
    channel.onmessage = (event) => this.#receive(event.data as SyncMessage);
    this.#send(seeds.filter((w): w is Write => w !== null));
  }

  /** Asks any open window of this deck for what it holds. */
  hello(): void {
    this.#channel.postMessage({ type: 'hello', from: this.id } satisfies SyncMessage);
  }

  sendPosition(position: Position): void {
    this.#send([this.#replica.local(POSITION, position)]);
  }

  sendModes(modes: DeckModes): void {
    this.#send(diffValues(this.#replica, MODES, valuesUnder(this.#replica, MODES), { ...modes }));
  }

  /** Registers a started widget: it takes any state a peer already holds, then shares its own changes. */
  addWidget(key: string, widget: SyncedWidget): void {
    this.#widgets.set(key, widget);
    const prefix = widgetPrefix(key);
    this.#send(seedValues(this.#replica, prefix, widget.values()));
    this.#applyWidget(key);
    this.#unsubscribe.push(
      widget.onChange((values) => {
        const writes = diffValues(this.#replica, prefix, this.#known.get(key) ?? {}, values);
        this.#known.set(key, values);
        this.#send(writes);
      }),
    );
  }

  close(): void {
    for (const off of this.#unsubscribe) off();
    this.#channel.onmessage = null;
    this.#channel.close();
  }

  #send(writes: Write[]): void {
    if (writes.length) this.#channel.postMessage({ type: 'writes', from: this.id, writes } satisfies SyncMessage);
  }

  /** Shows a widget's shared state, if it differs from what the widget shows. */
  #applyWidget(key: string): void {
    const widget = this.#widgets.get(key);
    if (!widget) return;
    const shared = valuesUnder(this.#replica, widgetPrefix(key));
    if (JSON.stringify(shared) !== JSON.stringify(widget.values())) widget.apply(shared);
    this.#known.set(key, widget.values());
  }

  #receive(message: SyncMessage): void {
    if (!message || typeof message !== 'object' || message.from === this.id) return;
    if (message.type === 'hello') {
      this.#send(this.#replica.snapshot());
      return;
    }
    if (message.type !== 'writes' || !Array.isArray(message.writes)) return;
    let position = false;
    let modes = false;
    const widgets = new Set<string>();
    for (const write of message.writes) {
      if (!this.#replica.receive(write)) continue;
      if (write.path === POSITION) position = true;
      else if (write.path.startsWith(MODES)) modes = true;
      else if (write.path.startsWith('w/')) widgets.add(write.path.slice(2, write.path.indexOf('/', 2)));
    }
    if (modes) {
      const held = valuesUnder(this.#replica, MODES);
      this.#handlers.setModes({ overview: held.overview === true, blank: held.blank === true });
    }
    if (position) this.#handlers.go(this.#replica.get(POSITION) as Position);
    for (const key of widgets) this.#applyWidget(key);
  }
}
