import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeckSync, channelName, type SyncMessage } from '../../../src/slides/sync.ts';
import { ToyStore } from '../../../src/state/toy-store.ts';
import { seedExample } from '../../../src/state/seed-example.ts';
import type { Position } from '../../../src/slides/position.ts';

// Real BroadcastChannels (Node has them): two "windows" of one deck, and a spy that hears every message.
let open: { close(): void }[] = [];
let name = '';
afterEach(() => {
  for (const o of open) o.close();
  open = [];
});

function spy() {
  const channel = new BroadcastChannel(name);
  const heard: SyncMessage[] = [];
  channel.onmessage = (event) => heard.push(event.data as SyncMessage);
  open.push(channel);
  return heard;
}

function deckWindow(start: Position = { slide: 1, step: 0 }) {
  let position = start;
  const moves: Position[] = [];
  const sync = new DeckSync(new BroadcastChannel(name) as never, {
    position: () => position,
    go: (p) => {
      position = p;
      moves.push(p);
    },
  });
  open.push(sync);
  return { sync, moves, at: () => position };
}

/** Lets every message in flight arrive (BroadcastChannel delivers in later tasks). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('two windows of one deck', () => {
  it('names one channel per lesson and locale', () => {
    expect(channelName('ko', '04-class-scores')).toBe('camlab-slides:ko:04-class-scores');
  });

  it('follows a move made in the other window, without sending it back', async () => {
    name = `t-${Math.random()}`;
    const heard = spy();
    const projector = deckWindow();
    const presenter = deckWindow();
    projector.sync.sendPosition({ slide: 3, step: 1 });
    await vi.waitFor(() => expect(presenter.moves).toEqual([{ slide: 3, step: 1 }]));
    await settle();
    expect(projector.moves).toEqual([]);
    expect(heard.map((m) => m.type)).toEqual(['position']);
  });

  it('carries a widget edit both ways, once each, with no echo', async () => {
    name = `t-${Math.random()}`;
    const heard = spy();
    const projector = deckWindow();
    const presenter = deckWindow();
    const a = new ToyStore(seedExample());
    const b = new ToyStore(seedExample());
    projector.sync.addWidget('cam-class-scores:0', a);
    presenter.sync.addWidget('cam-class-scores:0', b);

    await b.update((s) => void (s.A[0][2][2] = 155)); // an edit on the presenter's screen
    await vi.waitFor(() => expect(a.last?.inputs.A[0][2][2]).toBe(155));
    expect(a.last?.derived.S[0]).toBeCloseTo(57, 4); // F^1 rises by 25 / 25 = 1, and w_1 = 1

    await a.update((s) => void (s.w[0][2] = 4)); // and one on the projector
    await vi.waitFor(() => expect(b.last?.inputs.w[0][2]).toBe(4));
    await settle();
    expect(heard.map((m) => m.type)).toEqual(['widget', 'widget']);
    expect(heard.map((m) => m.from)).toEqual([presenter.sync.id, projector.sync.id]);
  });

  it('brings a window that opens late to the same slide and the same widget state', async () => {
    name = `t-${Math.random()}`;
    const projector = deckWindow({ slide: 4, step: 2 });
    const a = new ToyStore(seedExample());
    projector.sync.addWidget('w:0', a);
    await a.update((s) => void (s.b[0] = -6));
    await settle();

    const heard = spy();
    const presenter = deckWindow();
    presenter.sync.hello();
    await vi.waitFor(() => expect(presenter.at()).toEqual({ slide: 4, step: 2 }));
    // Its widget starts only when its slide is shown: it must take the edited state, and not push its default.
    const b = new ToyStore(seedExample());
    await b.refresh();
    presenter.sync.addWidget('w:0', b);
    await vi.waitFor(() => expect(b.last?.inputs.b[0]).toBe(-6));
    await settle();
    expect(a.inputs.b[0]).toBe(-6);
    expect(heard.filter((m) => m.type === 'widget')).toEqual([]);
    expect(projector.moves).toEqual([]);
  });

  it('ignores a state reply meant for another window', async () => {
    name = `t-${Math.random()}`;
    const one = deckWindow();
    const other = new BroadcastChannel(name);
    open.push(other);
    other.postMessage({ type: 'state', from: 'x', to: 'someone-else', position: { slide: 5, step: 0 }, widgets: {} } satisfies SyncMessage);
    other.postMessage({ type: 'position', from: 'x', position: { slide: 2, step: 0 } } satisfies SyncMessage);
    await vi.waitFor(() => expect(one.moves).toEqual([{ slide: 2, step: 0 }]));
  });
});
