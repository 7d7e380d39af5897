/**
 * The slides page, in the browser: shows one slide (and its reveals) on a 16:9 stage, follows the
 * shortcut table, keeps the position in the URL, and keeps a second window (the presenter view) in step.
 * Widgets are the lesson's own custom elements: a slide that is not shown is hidden, never destroyed,
 * so a widget keeps its state when the deck moves away and back.
 */
import { handleOf, READY_EVENT } from '../widgets/lazy.ts';
import { RENDERED_EVENT } from '../widgets/kit/events.ts';
import { format, isLocale, messages as messagesFor, defaultLocale } from '../i18n/index.ts';
import { clamp, first, fromHash, last, next, previous, samePosition, toHash, type Position } from './position.ts';
import { keyFor, ownsKey, type Action } from './keys.ts';
import { DeckSync, channelName } from './sync.ts';

/** The stage's own size, in CSS pixels, before it is scaled to the window: 16:9. */
const STAGE_W = 1920;
const STAGE_H = 1080;
/** A slide whose content is taller than the stage is shrunk to fit, down to this factor, and clipped beyond. */
const MIN_FIT = 0.4;

const app = document.querySelector<HTMLElement>('[data-deck]');
if (app) start(app);

function start(app: HTMLElement): void {
  const lang = document.documentElement.lang;
  const locale = isLocale(lang) ? lang : defaultLocale;
  const m = messagesFor(locale);
  const q = <T extends HTMLElement>(selector: string) => app.querySelector<T>(selector)!;
  const frame = q('[data-stage-frame]');
  const stage = q('[data-stage]');
  const slides = [...stage.querySelectorAll<HTMLElement>(':scope > .slide')];
  const steps = slides.map((s) => Number(s.dataset.steps ?? 0) || 0);
  const widgets = () => [...stage.querySelectorAll<HTMLElement>('.toy-widget')];
  const presenter = new URLSearchParams(location.search).has('presenter');
  app.dataset.view = presenter ? 'presenter' : 'audience';
  if (presenter) document.title = `${m['slides.presenter']} · ${document.title}`;

  slides.forEach((slide, i) => {
    slide.dataset.slide = String(i + 1);
    slide.setAttribute('aria-label', format(m['slides.slideLabel'], { n: i + 1, total: slides.length }));
  });

  let position: Position = fromHash(location.hash, steps);
  let overview = false;
  let buffer = '';

  // ----- Scaling: the stage keeps 16:9 and its own pixel size; a transform fits it to its frame.
  function scaleInto(container: HTMLElement, target: HTMLElement): void {
    const scale = Math.min(container.clientWidth / STAGE_W, container.clientHeight / STAGE_H);
    target.style.setProperty('--scale', String(scale));
    target.style.left = `${(container.clientWidth - STAGE_W * scale) / 2}px`;
    target.style.top = `${(container.clientHeight - STAGE_H * scale) / 2}px`;
  }
  const nextFrame = q('[data-next-frame]');
  const nextStage = q('[data-next-stage]');
  const rescale = () => {
    if (overview) {
      const columns = Math.max(2, Math.min(5, Math.round(frame.clientWidth / 420)));
      stage.style.setProperty('--columns', String(columns));
      stage.style.setProperty('--thumb', String((frame.clientWidth - 48 - (columns - 1) * 24) / columns / STAGE_W));
    } else scaleInto(frame, stage);
    if (presenter) scaleInto(nextFrame, nextStage);
  };
  new ResizeObserver(rescale).observe(frame);
  if (presenter) new ResizeObserver(rescale).observe(nextFrame);

  // ----- Fitting: a slide taller than the stage shrinks (CSS zoom), so nothing runs off the bottom.
  // The body is widened by as much as it is shrunk, so shrunk text still spans the slide; the largest
  // factor that fits is found by bisection (each try lays out the slide at that width).
  function fit(slide: HTMLElement): void {
    const body = slide.querySelector<HTMLElement>(':scope > .slide-body');
    if (!body) return;
    const wasHidden = slide.hidden;
    slide.hidden = false; // measured within this task, so a widget in it is never seen as visible
    body.style.removeProperty('zoom');
    body.style.removeProperty('width');
    const style = getComputedStyle(slide);
    const room = slide.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    const width = slide.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const fits = (factor: number) => {
      body.style.width = `${width / factor}px`;
      return body.scrollHeight * factor <= room;
    };
    let factor = 1;
    if (body.scrollHeight > room) {
      let [low, high] = [MIN_FIT, 1];
      for (let i = 0; i < 7; i++) {
        const mid = (low + high) / 2;
        if (fits(mid)) low = mid;
        else high = mid;
      }
      factor = Math.floor(low * 1000) / 1000;
      body.style.width = `${width / factor}px`;
      body.style.zoom = String(factor);
    } else body.style.removeProperty('width');
    slide.dataset.fit = String(factor);
    slide.hidden = wasHidden;
  }
  const fitAll = () => slides.forEach(fit);

  // ----- Showing a position.
  const counter = q('[data-counter]');
  const announce = q('[data-announce]');
  const presenterCount = q('[data-presenter-count]');
  const back = q<HTMLAnchorElement>('[data-back]');

  function revealSteps(slide: HTMLElement, shown: number): void {
    for (const el of slide.querySelectorAll<HTMLElement>('[data-step]')) {
      const hidden = Number(el.dataset.step) > shown;
      el.classList.toggle('step-hidden', hidden);
      if (hidden) el.setAttribute('aria-hidden', 'true');
      else el.removeAttribute('aria-hidden');
    }
  }

  function show(target: Position, options: { broadcast?: boolean } = {}): void {
    const before = position;
    position = clamp(target, steps);
    const changedSlide = before.slide !== position.slide;
    slides.forEach((slide, i) => {
      const current = i === position.slide - 1;
      slide.hidden = !current;
      slide.classList.toggle('is-current', current);
      if (current) slide.setAttribute('aria-current', 'step');
      else slide.removeAttribute('aria-current');
    });
    const slide = slides[position.slide - 1];
    revealSteps(slide, position.step);
    fit(slide);
    const hash = toHash(position);
    if (location.hash !== hash) history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
    counter.textContent = format(m['slides.counter'], { n: position.slide, total: slides.length });
    const total = steps[position.slide - 1];
    presenterCount.textContent = `${format(m['slides.slideLabel'], { n: position.slide, total: slides.length })}${total ? ` · ${format(m['slides.announceStep'], { step: position.step, steps: total })}` : ''}`;
    if (changedSlide || !announce.textContent) {
      announce.textContent = format(m['slides.announce'], { n: position.slide, total: slides.length, title: slide.dataset.title || '' });
    } else if (before.step !== position.step) {
      announce.textContent = format(m['slides.announceStep'], { step: position.step, steps: total });
    }
    if (overview && changedSlide) slide.scrollIntoView({ block: 'nearest' });
    // "Back to the lesson" returns to the part of the lesson this slide comes from.
    const anchor = slide.querySelector('h2[id], h3[id]')?.id;
    back.hash = anchor ?? '';
    if (presenter) showPresenter();
    if (options.broadcast !== false && !samePosition(before, position)) sync?.sendPosition(position);
    app.dispatchEvent(new CustomEvent('camlab:slide', { detail: { ...position } }));
  }

  // ----- The presenter view: the next slide (or the next reveal), the notes, a clock and a timer.
  const notesPane = q('[data-notes-pane]');
  const notesNone = q('[data-notes-none]');
  const nextEnd = q('[data-next-end]');
  const nextHeading = q('[data-next-heading]');

  /** A still copy of a slide for the preview: no ids, no live widgets (a placeholder names each). */
  function stillCopy(slide: HTMLElement, shown: number): HTMLElement {
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
    for (const el of copy.querySelectorAll('[data-notes]')) el.remove();
    revealSteps(copy, shown);
    return copy;
  }

  function showPresenter(): void {
    const coming = next(position, steps);
    const atEnd = samePosition(coming, position);
    nextEnd.hidden = !atEnd;
    nextFrame.hidden = atEnd;
    nextHeading.textContent =
      !atEnd && coming.slide === position.slide
        ? format(m['slides.presenterNextStep'], { step: coming.step, steps: steps[coming.slide - 1] })
        : m['slides.presenterNext'];
    nextStage.replaceChildren(...(atEnd ? [] : [stillCopy(slides[coming.slide - 1], coming.step)]));
    const notes = [...slides[position.slide - 1].querySelectorAll<HTMLElement>('[data-notes]')];
    notesPane.replaceChildren(
      ...notes.map((n) => {
        const copy = document.createElement('div');
        copy.append(...[...n.childNodes].map((child) => child.cloneNode(true)));
        return copy;
      }),
    );
    notesNone.hidden = notes.length > 0;
  }

  if (presenter) {
    const clock = q<HTMLTimeElement>('[data-clock]');
    const timer = q('[data-timer]');
    const toggle = q<HTMLButtonElement>('[data-timer-toggle]');
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
    q('[data-timer-reset]').addEventListener('click', () => {
      started = Date.now();
      if (pausedAt !== null) pausedAt = started;
      tick();
    });
    tick();
    setInterval(tick, 1000);
  }

  // ----- Modes: overview, blank screen, help, full screen, the presenter window.
  const blank = q('[data-blank]');
  const help = q<HTMLDialogElement>('[data-help]');
  const hint = q('[data-overview-hint]');
  const message = q('[data-message]');

  function setOverview(on: boolean, options: { broadcast?: boolean } = {}): void {
    if (on === overview && options.broadcast === false) return;
    overview = on;
    app.classList.toggle('is-overview', on);
    hint.hidden = !on;
    for (const slide of slides) {
      const body = slide.querySelector<HTMLElement>(':scope > .slide-body');
      if (body) body.inert = on;
      if (on) slide.tabIndex = -1;
      else slide.removeAttribute('tabindex');
    }
    if (on) {
      fitAll();
      stage.style.removeProperty('left');
      stage.style.removeProperty('top');
    }
    rescale();
    show(position, { broadcast: false });
    if (on) slides[position.slide - 1].scrollIntoView({ block: 'nearest' });
    if (options.broadcast !== false) sync?.sendModes(modes());
  }

  const blankOn = () => blank.hidden !== true;
  function setBlank(on: boolean, options: { broadcast?: boolean } = {}): void {
    if (on === blankOn()) return;
    blank.hidden = !on;
    if (options.broadcast !== false) sync?.sendModes(modes());
  }
  const modes = () => ({ overview, blank: blankOn() });

  function openPresenter(): void {
    const url = `${location.pathname}?presenter${toHash(position)}`;
    const opened = window.open(url, `camlab-presenter-${app!.dataset.slug}`, 'popup=yes,width=1400,height=860');
    if (!opened) {
      message.textContent = format(m['slides.popupBlocked'], { url: new URL(url, location.href).href });
      message.hidden = false;
    }
  }

  function perform(action: Action): void {
    switch (action) {
      case 'next':
        if (blankOn()) setBlank(false);
        show(overview ? { slide: position.slide + 1, step: 0 } : next(position, steps));
        break;
      case 'previous':
        if (blankOn()) setBlank(false);
        show(overview ? { slide: position.slide - 1, step: 0 } : previous(position, steps));
        break;
      case 'first':
        show(first());
        break;
      case 'last':
        show(last(steps));
        break;
      case 'fullscreen':
        if (document.fullscreenElement) void document.exitFullscreen();
        else void document.documentElement.requestFullscreen?.().catch(() => undefined);
        break;
      case 'overview':
        setOverview(!overview);
        break;
      case 'blank':
        setBlank(!blankOn());
        break;
      case 'presenter':
        if (!presenter) openPresenter();
        break;
      case 'help':
        if (help.open) help.close();
        else help.showModal();
        break;
      case 'escape':
        if (help.open) help.close();
        else if (overview) setOverview(false);
        else if (blankOn()) setBlank(false);
        message.hidden = true;
        break;
    }
  }

  // ----- Keys: the table in keys.ts, ignored while focus is in a field that needs the key.
  const jump = q('[data-jump]');
  const showBuffer = () => {
    jump.hidden = buffer === '';
    jump.textContent = buffer ? format(jump.dataset.template ?? '{n}', { n: buffer }) : '';
  };
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
    if (overview && event.key === 'Enter' && !buffer) {
      event.preventDefault();
      setOverview(false);
      return;
    }
    const result = keyFor(
      { key: event.key, shiftKey: event.shiftKey, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey },
      buffer,
    );
    buffer = result.buffer;
    showBuffer();
    if (!result.handled) return;
    event.preventDefault();
    const command = result.command;
    if (command?.type === 'jump') show({ slide: command.slide, step: 0 });
    else if (command) perform(command.action);
  });
  stage.tabIndex = -1;

  // ----- Buttons, clicks in the overview, touch swipes.
  for (const button of app.querySelectorAll<HTMLElement>('[data-go]')) {
    button.addEventListener('click', () => perform(button.dataset.go as Action));
  }
  stage.addEventListener('click', (event) => {
    if (!overview) return;
    const slide = (event.target as HTMLElement).closest<HTMLElement>('.slide');
    if (!slide) return;
    show({ slide: Number(slide.dataset.slide), step: 0 });
    setOverview(false);
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
    perform(dx < 0 ? 'next' : 'previous');
  });
  window.addEventListener('hashchange', () => show(fromHash(location.hash, steps)));

  // ----- Widgets: fit their slide once they have drawn; share their state with the other window.
  const fitted = new WeakSet<HTMLElement>();
  // The render announcement does not bubble: listen in the capture phase, on the way down to the widget.
  stage.addEventListener(
    RENDERED_EVENT,
    (event) => {
      const host = event.target as HTMLElement;
      if (fitted.has(host)) return;
      fitted.add(host);
      const slide = host.closest<HTMLElement>('.slide');
      if (slide) fit(slide);
    },
    true,
  );

  let sync: DeckSync | null = null;
  if ('BroadcastChannel' in window) {
    sync = new DeckSync(new BroadcastChannel(channelName(locale, app.dataset.slug ?? '')), {
      position: () => position,
      modes,
      go: (p) => show(p, { broadcast: false }),
      setModes: (m) => {
        setOverview(m.overview, { broadcast: false });
        setBlank(m.blank, { broadcast: false });
      },
    });
    const keyOf = (host: HTMLElement) => `${host.localName}:${widgets().indexOf(host)}`;
    const register = (host: HTMLElement) => {
      const handle = handleOf(host);
      if (handle && sync) sync.addWidget(keyOf(host), handle);
    };
    stage.addEventListener(READY_EVENT, (event) => register(event.target as HTMLElement));
    for (const host of widgets()) if (host.dataset.state === 'ready') register(host);
  }

  // Printing: every slide, each measured, so each fills exactly one page.
  window.addEventListener('beforeprint', fitAll);

  rescale();
  show(position, { broadcast: false });
  fitAll();
  void document.fonts?.ready.then(() => fit(slides[position.slide - 1]));
  sync?.hello();
  app.dataset.ready = 'true';
}
