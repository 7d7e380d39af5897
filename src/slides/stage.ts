/**
 * The slides' stage: a 16:9 area with its own pixel size, scaled to fit its frame, and slides that shrink
 * to fit it when their content is taller.
 */

/** The stage's own size, in CSS pixels, before it is scaled to the window: 16:9. */
export const STAGE_W = 1920;
export const STAGE_H = 1080;
/** A slide whose content is taller than the stage is shrunk to fit, down to this factor, and clipped beyond. */
const MIN_FIT = 0.4;

/** Scales a stage (or the presenter's preview of the next slide) into its container, centred. */
export function scaleInto(container: HTMLElement, target: HTMLElement): void {
  const scale = Math.min(container.clientWidth / STAGE_W, container.clientHeight / STAGE_H);
  target.style.setProperty('--scale', String(scale));
  target.style.left = `${(container.clientWidth - STAGE_W * scale) / 2}px`;
  target.style.top = `${(container.clientHeight - STAGE_H * scale) / 2}px`;
}

/** Whether every displayed formula fits its line: a long one would scroll sideways, which nobody can do on a projected slide. */
function formulasFit(body: HTMLElement): boolean {
  return [...body.querySelectorAll<HTMLElement>('.katex-display')].every((el) => el.scrollWidth <= el.clientWidth + 1);
}

/**
 * Shrinks a slide taller than the stage, or with a formula wider than it (CSS zoom), so nothing runs off the
 * bottom or the side. The body is widened by as much as it is shrunk, so shrunk text still spans the slide;
 * the largest factor that fits is found by bisection (each try lays out the slide at that width).
 */
export function fitSlide(slide: HTMLElement): void {
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
    return body.scrollHeight * factor <= room && formulasFit(body);
  };
  let factor = 1;
  if (!fits(1)) {
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

/** Whether a slide's content, at its current fit, runs past the bottom of the stage (one layout, no bisection). */
export function overflows(slide: HTMLElement): boolean {
  const body = slide.querySelector<HTMLElement>(':scope > .slide-body');
  if (!body || slide.hidden) return false;
  const style = getComputedStyle(slide);
  const room = slide.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
  return body.scrollHeight * Number(slide.dataset.fit ?? 1) > room + 1;
}

/** Shows a slide's reveals up to `shown`, hiding the later ones from sight and from screen readers. */
export function revealSteps(slide: HTMLElement, shown: number): void {
  for (const el of slide.querySelectorAll<HTMLElement>('[data-step]')) {
    const hidden = Number(el.dataset.step) > shown;
    el.classList.toggle('step-hidden', hidden);
    if (hidden) el.setAttribute('aria-hidden', 'true');
    else el.removeAttribute('aria-hidden');
  }
}
