/**
 * The slides page, in the browser: shows one slide (and its reveals) on a 16:9 stage, follows the
 * shortcut table, keeps the position in the URL, and keeps a second window (the presenter view) in step.
 * Widgets are the lesson's own custom elements: a slide that is not shown is hidden, never destroyed,
 * so a widget keeps its state when the deck moves away and back.
 */
import { handleOf, READY_EVENT } from '../widgets/lazy.ts';
import { RENDERED_EVENT } from '../widgets/kit/events.ts';
import { format, isLocale, messages as messagesFor, defaultLocale, type Messages } from '../i18n/index.ts';
import { clamp, first, fromHash, last, next, previous, samePosition, toHash, type Position } from './position.ts';
import type { Action } from './keys.ts';
import { DeckSync, channelName, type DeckModes } from './sync.ts';
import { fitSlide, overflows, revealSteps, scaleInto, STAGE_W } from './stage.ts';
import { presenterPanes, startClock } from './presenter-view.ts';
import { listenForInput } from './deck-input.ts';

const app = document.querySelector<HTMLElement>('[data-deck]');
if (app) start(app);

/** The counter, the screen reader's announcement and the link back to the lesson, for the slide shown. */
function labels(app: HTMLElement, m: Messages, slides: HTMLElement[], steps: number[]) {
  const q = (selector: string) => app.querySelector<HTMLElement>(selector)!;
  const [counter, announce, presenterCount] = ['[data-counter]', '[data-announce]', '[data-presenter-count]'].map(q);
  const back = app.querySelector<HTMLAnchorElement>('[data-back]')!;
  return (before: Position, position: Position) => {
    const slide = slides[position.slide - 1];
    const total = steps[position.slide - 1];
    counter.textContent = format(m['slides.counter'], { n: position.slide, total: slides.length });
    presenterCount.textContent = `${format(m['slides.slideLabel'], { n: position.slide, total: slides.length })}${total ? ` · ${format(m['slides.announceStep'], { step: position.step, steps: total })}` : ''}`;
    if (before.slide !== position.slide || !announce.textContent) {
      announce.textContent = format(m['slides.announce'], { n: position.slide, total: slides.length, title: slide.dataset.title || '' });
    } else if (before.step !== position.step) {
      announce.textContent = format(m['slides.announceStep'], { step: position.step, steps: total });
    }
    // "Back to the lesson" returns to the part of the lesson this slide comes from.
    back.hash = slide.querySelector('h2[id], h3[id]')?.id ?? '';
  };
}

function start(app: HTMLElement): void {
  const lang = document.documentElement.lang;
  const locale = isLocale(lang) ? lang : defaultLocale;
  const m = messagesFor(locale);
  const q = <T extends HTMLElement>(selector: string) => app.querySelector<T>(selector)!;
  const frame = q('[data-stage-frame]');
  const stage = q('[data-stage]');
  const slides = [...stage.querySelectorAll<HTMLElement>(':scope > .slide')];
  const steps = slides.map((s) => Number(s.dataset.steps ?? 0) || 0);
  const presenter = new URLSearchParams(location.search).has('presenter');
  app.dataset.view = presenter ? 'presenter' : 'audience';
  if (presenter) document.title = `${m['slides.presenter']} · ${document.title}`;
  slides.forEach((slide, i) => {
    slide.dataset.slide = String(i + 1);
    slide.setAttribute('aria-label', format(m['slides.slideLabel'], { n: i + 1, total: slides.length }));
  });

  let position: Position = fromHash(location.hash, steps);
  let overview = false;
  let sync: DeckSync | null = null;
  const showLabels = labels(app, m, slides, steps);
  const showPresenter = presenter ? presenterPanes(app, m, slides, steps) : null;
  if (presenter) startClock(app, locale);

  // ----- Scaling: the stage keeps 16:9 and its own pixel size; a transform fits it to its frame.
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
  const fitAll = () => slides.forEach(fitSlide);

  // ----- Showing a position.
  function show(target: Position, options: { broadcast?: boolean } = {}): void {
    const before = position;
    position = clamp(target, steps);
    slides.forEach((slide, i) => {
      const current = i === position.slide - 1;
      slide.hidden = !current;
      slide.classList.toggle('is-current', current);
      if (current) slide.setAttribute('aria-current', 'step');
      else slide.removeAttribute('aria-current');
    });
    const slide = slides[position.slide - 1];
    revealSteps(slide, position.step);
    fitSlide(slide);
    const hash = toHash(position);
    if (location.hash !== hash) history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
    showLabels(before, position);
    if (overview && before.slide !== position.slide) slide.scrollIntoView({ block: 'nearest' });
    showPresenter?.(position);
    if (options.broadcast !== false && !samePosition(before, position)) sync?.sendPosition(position);
    app.dispatchEvent(new CustomEvent('camlab:slide', { detail: { ...position } }));
  }

  // ----- Modes: overview, blank screen, help, full screen, the presenter window. The overview and the blank
  // screen follow into the other window.
  const blank = q('[data-blank]');
  const help = q<HTMLDialogElement>('[data-help]');
  const hint = q('[data-overview-hint]');
  const message = q('[data-message]');
  const blankOn = () => blank.hidden !== true;
  const modes = (): DeckModes => ({ overview, blank: blankOn() });

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

  function setBlank(on: boolean, options: { broadcast?: boolean } = {}): void {
    if (on === blankOn()) return;
    blank.hidden = !on;
    if (options.broadcast !== false) sync?.sendModes(modes());
  }

  function openPresenter(): void {
    const url = `${location.pathname}?presenter${toHash(position)}`;
    const opened = window.open(url, `camlab-presenter-${app.dataset.slug}`, 'popup=yes,width=1400,height=860');
    if (!opened) {
      message.textContent = format(m['slides.popupBlocked'], { url: new URL(url, location.href).href });
      message.hidden = false;
    }
  }

  /**
   * A widget on the slide shown takes the step first when it offers steps (WidgetSteps: lesson 8's derivation
   * advances one line), once the slide's own reveals are all shown; the deck moves only when none does. Going
   * back, the last widget on the slide is asked first. Its state reaches the other window like any edit.
   */
  function widgetStep(direction: 1 | -1): boolean {
    if (overview || position.step !== steps[position.slide - 1]) return false;
    const hosts = [...slides[position.slide - 1].querySelectorAll<HTMLElement>('.toy-widget')];
    if (direction < 0) hosts.reverse();
    return hosts.some((host) => handleOf(host)?.step(direction) === true);
  }

  const actions: Record<Action, () => void> = {
    next: () => {
      setBlank(false);
      if (widgetStep(1)) return;
      show(overview ? { slide: position.slide + 1, step: 0 } : next(position, steps));
    },
    previous: () => {
      setBlank(false);
      if (widgetStep(-1)) return;
      show(overview ? { slide: position.slide - 1, step: 0 } : previous(position, steps));
    },
    first: () => show(first()),
    last: () => show(last(steps)),
    fullscreen: () => {
      if (document.fullscreenElement) void document.exitFullscreen();
      else void document.documentElement.requestFullscreen?.().catch(() => undefined);
    },
    overview: () => setOverview(!overview),
    blank: () => setBlank(!blankOn()),
    presenter: () => !presenter && openPresenter(),
    help: () => (help.open ? help.close() : help.showModal()),
    escape: () => {
      if (help.open) help.close();
      else if (overview) setOverview(false);
      else setBlank(false);
      message.hidden = true;
    },
  };

  listenForInput(app, stage, frame, {
    overview: () => overview,
    closeOverview: () => setOverview(false),
    perform: (action) => actions[action](),
    goTo: (slide) => show({ slide, step: 0 }),
  });
  window.addEventListener('hashchange', () => show(fromHash(location.hash, steps)));

  // ----- Widgets: fit their slide once they have drawn; share their state with the other window.
  const fitted = new WeakSet<HTMLElement>();
  // Fitted again only when an edit made a widget grow past the stage (lesson 8's next line). A ResizeObserver
  // says when a widget changed size, after the frame's own layout; the check waits for the next frame, so
  // no edit forces a layout of its own (measuring after every render did: in a burst of edits it was more
  // than half of the presenter's window's time).
  const grown = new ResizeObserver((entries) => {
    const slides = new Set(entries.map((entry) => entry.target.closest<HTMLElement>('.slide')));
    requestAnimationFrame(() => {
      for (const slide of slides) if (slide && overflows(slide)) fitSlide(slide);
    });
  });
  // The render announcement does not bubble: listen in the capture phase, on the way down to the widget.
  stage.addEventListener(
    RENDERED_EVENT,
    (event) => {
      const host = event.target as HTMLElement;
      const slide = host.closest<HTMLElement>('.slide');
      if (!slide || fitted.has(host)) return;
      fitted.add(host);
      fitSlide(slide);
      grown.observe(host);
    },
    true,
  );

  if ('BroadcastChannel' in window) {
    const deckSync = new DeckSync(new BroadcastChannel(channelName(locale, app.dataset.slug ?? '')), {
      position: () => position,
      modes,
      go: (p) => show(p, { broadcast: false }),
      setModes: (shared) => {
        setOverview(shared.overview, { broadcast: false });
        setBlank(shared.blank, { broadcast: false });
      },
    });
    sync = deckSync;
    const widgets = () => [...stage.querySelectorAll<HTMLElement>('.toy-widget')];
    const register = (host: HTMLElement) => {
      const handle = handleOf(host);
      if (handle) deckSync.addWidget(`${host.localName}:${widgets().indexOf(host)}`, handle);
    };
    stage.addEventListener(READY_EVENT, (event) => register(event.target as HTMLElement));
    for (const host of widgets()) if (host.dataset.state === 'ready') register(host);
  }

  // Printing: every slide, each measured, so each fills exactly one page.
  window.addEventListener('beforeprint', fitAll);

  rescale();
  show(position, { broadcast: false });
  fitAll();
  void document.fonts?.ready.then(() => fitSlide(slides[position.slide - 1]));
  sync?.hello();
  app.dataset.ready = 'true';
}
