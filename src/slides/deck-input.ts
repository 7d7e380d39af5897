/** How a presenter drives the deck: the shortcut table, the buttons, clicks in the overview, touch swipes. */
import { format } from '../i18n/index.ts';
import { keyFor, ownsKey, type Action } from './keys.ts';

export interface DeckControls {
  overview(): boolean;
  closeOverview(): void;
  perform(action: Action): void;
  goTo(slide: number): void;
}

export function listenForInput(app: HTMLElement, stage: HTMLElement, frame: HTMLElement, deck: DeckControls): void {
  const help = app.querySelector<HTMLDialogElement>('[data-help]')!;
  const jump = app.querySelector<HTMLElement>('[data-jump]')!;
  let buffer = '';
  const showBuffer = () => {
    jump.hidden = buffer === '';
    jump.textContent = buffer ? format(jump.dataset.template ?? '{n}', { n: buffer }) : '';
  };

  // Keys: the table in keys.ts, ignored while focus is in a field that needs the key.
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.isComposing) return;
    const target = event.target instanceof HTMLElement ? event.target : null;
    if (help.open && event.key !== '?') return; // the dialog keeps its own keys (Esc closes it)
    if (target && ownsKey(target, event.key)) {
      // Esc in a widget's cell hands the keys back to the slides.
      if (event.key === 'Escape' && target.closest('.slide')) {
        target.blur();
        stage.focus({ preventScroll: true });
      }
      return;
    }
    if (deck.overview() && event.key === 'Enter' && !buffer) {
      event.preventDefault();
      deck.closeOverview();
      return;
    }
    const result = keyFor({ key: event.key, shiftKey: event.shiftKey, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey }, buffer);
    buffer = result.buffer;
    showBuffer();
    if (!result.handled) return;
    event.preventDefault();
    const command = result.command;
    if (command?.type === 'jump') deck.goTo(command.slide);
    else if (command) deck.perform(command.action);
  });
  stage.tabIndex = -1;

  for (const button of app.querySelectorAll<HTMLElement>('[data-go]')) {
    button.addEventListener('click', () => deck.perform(button.dataset.go as Action));
  }
  stage.addEventListener('click', (event) => {
    if (!deck.overview()) return;
    const slide = (event.target as HTMLElement).closest<HTMLElement>('.slide');
    if (!slide) return;
    deck.goTo(Number(slide.dataset.slide));
    deck.closeOverview();
  });

  let touch: { x: number; y: number } | null = null;
  frame.addEventListener(
    'touchstart',
    (event) => {
      const target = event.target as HTMLElement;
      touch = event.touches.length === 1 && !target.closest('input, select, textarea, button, .fmap') ? { x: event.touches[0].clientX, y: event.touches[0].clientY } : null;
    },
    { passive: true },
  );
  frame.addEventListener('touchend', (event) => {
    if (!touch) return;
    const dx = event.changedTouches[0].clientX - touch.x;
    const dy = event.changedTouches[0].clientY - touch.y;
    touch = null;
    if (Math.abs(dx) < 50 || Math.abs(dx) < 1.5 * Math.abs(dy)) return;
    deck.perform(dx < 0 ? 'next' : 'previous');
  });
}
