import { describe, expect, it } from 'vitest';
import { keyFor, ownsKey, shortcuts, type KeyPress } from '../../../src/slides/keys.ts';
import en from '../../../src/i18n/en.json';

const action = (press: KeyPress, buffer = '') => {
  const { command } = keyFor(press, buffer);
  return command?.type === 'action' ? command.action : command;
};

describe('the shortcut table', () => {
  it('turns slides with arrows, space, Page Up/Down (what clickers send)', () => {
    for (const key of ['ArrowRight', 'ArrowDown', ' ', 'PageDown']) expect(action({ key })).toBe('next');
    for (const key of ['ArrowLeft', 'ArrowUp', 'PageUp']) expect(action({ key })).toBe('previous');
    expect(action({ key: ' ', shiftKey: true })).toBe('previous');
  });

  it('maps Home, End, F, O, B, P, ? and Escape, letters in either case', () => {
    expect(['Home', 'End', 'f', 'F', 'o', 'b', '.', 'p', '?', 'Escape'].map((key) => action({ key }))).toEqual([
      'first', 'last', 'fullscreen', 'fullscreen', 'overview', 'blank', 'blank', 'presenter', 'help', 'escape',
    ]);
  });

  it('jumps to a typed slide number on Enter', () => {
    let state = keyFor({ key: '1' });
    expect(state).toEqual({ command: null, buffer: '1', handled: true });
    state = keyFor({ key: '2' }, state.buffer);
    expect(state.buffer).toBe('12');
    expect(keyFor({ key: 'Enter' }, state.buffer)).toEqual({ command: { type: 'jump', slide: 12 }, buffer: '', handled: true });
    // Enter with nothing typed is not the deck's; another key forgets the typed number.
    expect(keyFor({ key: 'Enter' }).handled).toBe(false);
    expect(keyFor({ key: 'x' }, '3')).toEqual({ command: null, buffer: '', handled: false });
    expect(keyFor({ key: '0' }, '').buffer).toBe('0');
    expect(keyFor({ key: 'Enter' }, '0').command).toBeNull();
  });

  it('ignores every key while the learner types in a field, and browser shortcuts', () => {
    for (const key of ['ArrowRight', ' ', 'f', '3', 'Enter', 'p']) expect(keyFor({ key, typing: true }, '2').handled).toBe(false);
    expect(keyFor({ key: 'f', ctrlKey: true }).handled).toBe(false);
    expect(keyFor({ key: 'ArrowLeft', altKey: true }).handled).toBe(false);
    expect(keyFor({ key: 'p', metaKey: true }).handled).toBe(false);
  });

  it('describes every shortcut with an interface string, and binds no key twice', () => {
    const keys = shortcuts.flatMap((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
    for (const s of shortcuts) {
      expect(en).toHaveProperty([s.description]);
      for (const cap of s.caps) if (typeof cap !== 'string') expect(en).toHaveProperty([cap.message]);
    }
  });
});

describe('which keys a focused element keeps', () => {
  it('keeps every key in text fields, selects and editable regions', () => {
    for (const key of ['ArrowRight', ' ', 'f', 'Home']) {
      expect(ownsKey({ tagName: 'INPUT', type: 'text' }, key)).toBe(true);
      expect(ownsKey({ tagName: 'INPUT' }, key)).toBe(true);
      expect(ownsKey({ tagName: 'SELECT' }, key)).toBe(true);
      expect(ownsKey({ tagName: 'DIV', isContentEditable: true }, key)).toBe(true);
    }
  });

  it('keeps arrows and space on radios, space and Enter on buttons, and nothing elsewhere', () => {
    expect(ownsKey({ tagName: 'INPUT', type: 'radio' }, 'ArrowDown')).toBe(true);
    expect(ownsKey({ tagName: 'INPUT', type: 'radio' }, 'f')).toBe(false);
    expect(ownsKey({ tagName: 'BUTTON' }, ' ')).toBe(true);
    expect(ownsKey({ tagName: 'BUTTON' }, 'ArrowRight')).toBe(false);
    expect(ownsKey({ tagName: 'SECTION' }, 'ArrowRight')).toBe(false);
    expect(ownsKey(null, ' ')).toBe(false);
  });
});
