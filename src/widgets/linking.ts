/**
 * Linked symbols: every element of a widget that stands for the same thing carries the same
 * data-link value ('k1' for channel 1, 'c0' for class 0, ...). Hovering or focusing any of them
 * marks them all with the class 'linked': F_2 lights up map 2, the term w_2 F_2 and the weight w_2.
 */
export function linkSymbols(host: HTMLElement): { refresh(): void } {
  let current: string | null = null;
  const set = (link: string | null) => {
    if (link === current) return;
    if (current !== null) for (const el of host.querySelectorAll(`[data-link="${current}"]`)) el.classList.remove('linked');
    current = link;
    if (link !== null) for (const el of host.querySelectorAll(`[data-link="${link}"]`)) el.classList.add('linked');
  };
  const linkOf = (target: EventTarget | null): string | null => {
    const el = target instanceof Element ? target.closest<HTMLElement>('[data-link]') : null;
    const link = el?.dataset.link ?? null;
    return link !== null && /^[a-z]\d{1,2}$/.test(link) ? link : null;
  };
  host.addEventListener('pointerover', (e) => set(linkOf(e.target)));
  host.addEventListener('pointerleave', () => set(linkOf(document.activeElement)));
  host.addEventListener('focusin', (e) => set(linkOf(e.target)));
  host.addEventListener('focusout', () => set(null));
  return {
    /** Re-marks the current link after a render replaced the elements. */
    refresh() {
      if (current !== null) for (const el of host.querySelectorAll(`[data-link="${current}"]`)) el.classList.add('linked');
    },
  };
}
