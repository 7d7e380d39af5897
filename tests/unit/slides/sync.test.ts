import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeckSync, channelName, type DeckModes, type SyncMessage, type SyncedWidget } from '../../../src/slides/sync.ts';
import type { Position } from '../../../src/slides/position.ts';

// Real BroadcastChannels (Node has them): windows of one deck, and a spy that hears every message.
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

/** A widget as the kit hands it to the deck: its values, what it was told, and an edit made by the learner. */
function widget(initial: Record<string, unknown>) {
  let values = structuredClone(initial);
  const applied: Record<string, unknown>[] = [];
  const listeners = new Set<(v: Record<string, unknown>) => void>();
  const handle: SyncedWidget = {
    values: () => values,
    apply: (v) => {
      values = structuredClone(v);
      applied.push(v);
      return true;
    },
    onChange: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return {
    handle,
    applied,
    values: () => values,
    edit(next: Record<string, unknown>) {
      values = next;
      for (const l of listeners) l(values);
    },
  };
}

let age = 0;
function deckWindow(start: Position = { slide: 1, step: 0 }) {
  let position = start;
  let modes: DeckModes = { overview: false, blank: false };
  const moves: Position[] = [];
  // Sites in opening order, as windows opened one after another would have.
  const sync = new DeckSync(
    new BroadcastChannel(name) as never,
    {
      position: () => position,
      modes: () => modes,
      go: (p) => {
        position = p;
        moves.push(p);
      },
      setModes: (m) => void (modes = m),
    },
    `site-${String(age++).padStart(4, '0')}`,
  );
  open.push(sync);
  return { sync, moves, at: () => position, modes: () => modes };
}

/** Lets every message in flight arrive (BroadcastChannel delivers in later tasks). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
const talk = () => ({ A: [[[50]], [[0]], [[2]]], w: [[1, 2, 3]], b: [0], c: 0 });

describe('two windows of one deck', () => {
  it('names one channel per lesson and locale', () => {
    expect(channelName('ko', '04-class-scores')).toBe('camlab-slides:ko:04-class-scores');
  });

  it('follows a move made in the other window, without sending it back', async () => {
    name = `t-${Math.random()}`;
    const projector = deckWindow();
    const presenter = deckWindow();
    await settle();
    const heard = spy();
    projector.sync.sendPosition({ slide: 3, step: 1 });
    await vi.waitFor(() => expect(presenter.at()).toEqual({ slide: 3, step: 1 }));
    await settle();
    expect(projector.moves).toEqual([]);
    expect(heard.map((m) => m.type)).toEqual(['writes']);
  });

  it('carries the overview and the blank screen', async () => {
    name = `t-${Math.random()}`;
    const projector = deckWindow();
    const presenter = deckWindow();
    presenter.sync.sendModes({ overview: true, blank: false });
    await vi.waitFor(() => expect(projector.modes()).toEqual({ overview: true, blank: false }));
    projector.sync.sendModes({ overview: false, blank: true });
    await vi.waitFor(() => expect(presenter.modes()).toEqual({ overview: false, blank: true }));
  });

  it('carries a widget edit both ways, once each, with no echo', async () => {
    name = `t-${Math.random()}`;
    const projector = deckWindow();
    const presenter = deckWindow();
    const [a, b] = [widget(talk()), widget(talk())];
    projector.sync.addWidget('cam-class-scores:0', a.handle);
    presenter.sync.addWidget('cam-class-scores:0', b.handle);
    await settle();
    const heard = spy();
    a.edit({ ...talk(), A: [[[60]], [[0]], [[2]]] });
    await vi.waitFor(() => expect(b.values().A).toEqual([[[60]], [[0]], [[2]]]));
    b.edit({ ...b.values(), w: [[2, 2, 3]] });
    await vi.waitFor(() => expect(a.values().w).toEqual([[2, 2, 3]]));
    await settle();
    expect(heard.map((m) => m.type)).toEqual(['writes', 'writes']);
    expect(a.values()).toEqual(b.values());
  });

  it('brings a window opened late up to the position and the widgets of the ones already showing', async () => {
    name = `t-${Math.random()}`;
    const projector = deckWindow({ slide: 1, step: 0 });
    const a = widget(talk());
    projector.sync.addWidget('cam-class-scores:0', a.handle);
    projector.sync.sendPosition({ slide: 5, step: 0 });
    a.edit({ ...talk(), c: 0, b: [4] });
    const late = deckWindow({ slide: 1, step: 0 });
    late.sync.hello();
    await vi.waitFor(() => expect(late.at()).toEqual({ slide: 5, step: 0 }));
    // The late window's widget starts later still: it takes the shared state, not its defaults.
    const b = widget(talk());
    late.sync.addWidget('cam-class-scores:0', b.handle);
    expect(b.values().b).toEqual([4]);
    await settle();
    expect(a.values().b).toEqual([4]);
  });

  it('ends with both windows showing the same numbers when both edit at once', async () => {
    name = `t-${Math.random()}`;
    const projector = deckWindow();
    const presenter = deckWindow();
    const [a, b] = [widget(talk()), widget(talk())];
    projector.sync.addWidget('w:0', a.handle);
    presenter.sync.addWidget('w:0', b.handle);
    await settle();
    for (let n = 0; n < 50; n++) {
      a.edit({ ...a.values(), A: [[[n]], [[0]], [[2]]] });
      b.edit({ ...b.values(), A: [[[50]], [[n]], [[2]]], b: [n] });
    }
    await settle();
    await settle();
    expect(a.values()).toEqual(b.values());
  });
});
