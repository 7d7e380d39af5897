/** The presenter's window: the next slide (or the next reveal) as a still copy, the notes, a clock and a timer. */
import { format, type Locale, type Messages } from '../i18n/index.ts';
import { next, samePosition, type Position } from './position.ts';
import { revealSteps } from './stage.ts';

/** A still copy of a slide for the preview: no ids, no live widgets (a placeholder names each). */
function stillCopy(m: Messages, slide: HTMLElement, shown: number): HTMLElement {
  const copy = slide.cloneNode(true) as HTMLElement;
  copy.hidden = false;
  copy.removeAttribute('aria-current');
  copy.setAttribute('aria-hidden', 'true');
  copy.inert = true;
  for (const el of copy.querySelectorAll('[id]')) el.removeAttribute('id');
  for (const host of copy.querySelectorAll<HTMLElement>('.toy-widget')) {
    const placeholder = document.createElement('div');
    placeholder.className = 'widget-preview';
    placeholder.textContent = format(m['slides.widgetPreview'], { label: host.getAttribute('aria-label') ?? '' });
    host.replaceWith(placeholder);
  }
  for (const el of copy.querySelectorAll('[data-notes], [data-lesson-prose]')) el.remove();
  revealSteps(copy, shown);
  return copy;
}

/** Copies of the contents of some hidden parts of a slide (its notes, its prose), for the notes pane. */
function contentsOf(parts: HTMLElement[]): HTMLElement[] {
  return parts.map((part) => {
    const copy = document.createElement('div');
    copy.append(...[...part.childNodes].map((child) => child.cloneNode(true)));
    return copy;
  });
}

/**
 * Shows, for a position, what comes next and the notes of the slide shown: the presenter's notes first (what
 * to do and say), then the lesson's own text of that slide, which the slide itself leaves out.
 */
export function presenterPanes(app: HTMLElement, m: Messages, slides: HTMLElement[], steps: number[]): (position: Position) => void {
  const q = (selector: string) => app.querySelector<HTMLElement>(selector)!;
  const [notesPane, notesNone, nextEnd, nextHeading, nextFrame, nextStage] = ['[data-notes-pane]', '[data-notes-none]', '[data-next-end]', '[data-next-heading]', '[data-next-frame]', '[data-next-stage]'].map(q);
  const [proseSection, prosePane] = ['[data-prose-section]', '[data-prose-pane]'].map(q);
  return (position) => {
    const coming = next(position, steps);
    const atEnd = samePosition(coming, position);
    nextEnd.hidden = !atEnd;
    nextFrame.hidden = atEnd;
    nextHeading.textContent =
      !atEnd && coming.slide === position.slide ? format(m['slides.presenterNextStep'], { step: coming.step, steps: steps[coming.slide - 1] }) : m['slides.presenterNext'];
    nextStage.replaceChildren(...(atEnd ? [] : [stillCopy(m, slides[coming.slide - 1], coming.step)]));
    const slide = slides[position.slide - 1];
    const notes = [...slide.querySelectorAll<HTMLElement>('[data-notes]')];
    const prose = [...slide.querySelectorAll<HTMLElement>('[data-lesson-prose]')];
    notesPane.replaceChildren(...contentsOf(notes));
    prosePane.replaceChildren(...contentsOf(prose));
    proseSection.hidden = prose.length === 0;
    notesNone.hidden = notes.length + prose.length > 0;
  };
}

/** The clock and a talk timer that can be paused and reset. */
export function startClock(app: HTMLElement, locale: Locale): void {
  const clock = app.querySelector<HTMLTimeElement>('[data-clock]')!;
  const timer = app.querySelector<HTMLElement>('[data-timer]')!;
  const toggle = app.querySelector<HTMLButtonElement>('[data-timer-toggle]')!;
  let started = Date.now();
  let pausedAt: number | null = null;
  const two = (n: number) => String(n).padStart(2, '0');
  const tick = () => {
    const now = new Date();
    clock.textContent = now.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    clock.dateTime = now.toISOString();
    const seconds = Math.floor(((pausedAt ?? Date.now()) - started) / 1000);
    const h = Math.floor(seconds / 3600);
    timer.textContent = `${h ? `${h}:${two(Math.floor(seconds / 60) % 60)}` : Math.floor(seconds / 60)}:${two(seconds % 60)}`;
  };
  toggle.addEventListener('click', () => {
    if (pausedAt === null) pausedAt = Date.now();
    else {
      started += Date.now() - pausedAt;
      pausedAt = null;
    }
    toggle.textContent = (pausedAt === null ? toggle.dataset.pause : toggle.dataset.resume) ?? '';
    tick();
  });
  app.querySelector<HTMLElement>('[data-timer-reset]')!.addEventListener('click', () => {
    started = Date.now();
    if (pausedAt !== null) pausedAt = started;
    tick();
  });
  tick();
  setInterval(tick, 1000);
}
