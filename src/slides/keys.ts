/**
 * The deck's keyboard shortcuts, as one declarative table: the help dialog is drawn from it, and
 * keyFor() reads it. Keys are ignored while focus is in a field (a widget cell, a select), so typing
 * into a widget never turns a slide.
 */
import type { MessageKey } from '../i18n/index.ts';

export type Action = 'next' | 'previous' | 'first' | 'last' | 'fullscreen' | 'overview' | 'blank' | 'presenter' | 'help' | 'escape';

export interface Shortcut {
  action: Action;
  /** KeyboardEvent.key values (case-insensitive for letters). */
  keys: readonly string[];
  /** What the help dialog shows on the key caps; a MessageKey where the cap is a word. */
  caps: readonly (string | { message: MessageKey })[];
  /** What it does, for the help dialog. */
  description: MessageKey;
}

export const shortcuts: readonly Shortcut[] = [
  // Presentation clickers send PageDown/PageUp (some send arrows); all of them turn slides.
  { action: 'next', keys: ['ArrowRight', 'ArrowDown', ' ', 'PageDown'], caps: ['→', '↓', { message: 'slides.keyName.space' }, 'Page Down'], description: 'slides.key.next' },
  { action: 'previous', keys: ['ArrowLeft', 'ArrowUp', 'PageUp', 'Shift+ '], caps: ['←', '↑', 'Page Up', { message: 'slides.keyName.shiftSpace' }], description: 'slides.key.previous' },
  { action: 'first', keys: ['Home'], caps: ['Home'], description: 'slides.key.first' },
  { action: 'last', keys: ['End'], caps: ['End'], description: 'slides.key.last' },
  { action: 'fullscreen', keys: ['f'], caps: ['F'], description: 'slides.key.fullscreen' },
  { action: 'overview', keys: ['o'], caps: ['O'], description: 'slides.key.overview' },
  { action: 'blank', keys: ['b', '.'], caps: ['B', '.'], description: 'slides.key.blank' },
  { action: 'presenter', keys: ['p'], caps: ['P'], description: 'slides.key.presenter' },
  { action: 'help', keys: ['?'], caps: ['?'], description: 'slides.key.help' },
  { action: 'escape', keys: ['Escape'], caps: ['Esc'], description: 'slides.key.escape' },
];

/** The minimum of a KeyboardEvent the table needs, so it can be tested without a DOM. */
export interface KeyPress {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** Whether the focused element needs this key itself (see ownsKey). */
  typing?: boolean;
}

export type Command = { type: 'action'; action: Action } | { type: 'jump'; slide: number };

export interface KeyResult {
  command: Command | null;
  /** The slide number typed so far (digits, then Enter jumps). */
  buffer: string;
  /** Whether the deck handled the key (and should prevent the browser's default). */
  handled: boolean;
}

function normalise(press: KeyPress): string {
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  return press.shiftKey && key === ' ' ? 'Shift+ ' : key;
}

/** Reads one key press against the table; digits build a slide number that Enter jumps to. */
export function keyFor(press: KeyPress, buffer = '', table: readonly Shortcut[] = shortcuts): KeyResult {
  const none: KeyResult = { command: null, buffer, handled: false };
  if (press.typing || press.ctrlKey || press.metaKey || press.altKey) return none;
  if (/^[0-9]$/.test(press.key)) return { command: null, buffer: (buffer + press.key).slice(-4), handled: true };
  if (press.key === 'Enter' && buffer) {
    const slide = Number(buffer);
    return { command: slide > 0 ? { type: 'jump', slide } : null, buffer: '', handled: true };
  }
  const key = normalise(press);
  const shortcut = table.find((s) => s.keys.includes(key));
  if (!shortcut) return { ...none, buffer: '' };
  return { command: { type: 'action', action: shortcut.action }, buffer: '', handled: true };
}

/** The minimum of an element ownsKey looks at. */
export interface FocusTarget {
  tagName?: string;
  isContentEditable?: boolean;
  type?: string;
}

const textless = new Set(['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file', 'image']);
const choiceKeys = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', ' ', 'Home', 'End', 'PageUp', 'PageDown']);

/**
 * Whether the focused element needs this key itself: every key in a text field, a select or an editable
 * region (a widget's cells); arrows and space on radios, checkboxes and sliders; space and Enter on buttons
 * and links. The deck leaves such keys alone.
 */
export function ownsKey(target: FocusTarget | null | undefined, key: string): boolean {
  if (!target || typeof target.tagName !== 'string') return false;
  const tag = target.tagName.toLowerCase();
  if (target.isContentEditable || tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input') {
    const type = (target.type ?? 'text').toLowerCase();
    if (!textless.has(type)) return true;
    if (type === 'radio' || type === 'checkbox' || type === 'range') return choiceKeys.has(key);
    return key === ' ' || key === 'Enter';
  }
  if (tag === 'button' || tag === 'a' || tag === 'summary') return key === ' ' || key === 'Enter';
  return false;
}
