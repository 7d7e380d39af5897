/**
 * What the browser tests read of a widget's state, and how they edit it: the same for every widget, so the
 * shared checks (widget-contract.ts, run by tests/e2e/contract/) run on every row of the registry without knowing the widget.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { WidgetEdit } from '../../src/widgets/registry.ts';

/** Everything a widget shows that its state decides: numbers, controls, maps and pictures. */
export interface WidgetSnapshot {
  outputs: string[];
  controls: string[];
  grids: string[];
  canvases: string[];
}

/**
 * Reads a widget. Left out: what is a moment's view, not state ([data-transient]: a timing, the cell under
 * the pointer, a comparison with the image before a move), the page-wide backend, and the editor's tools.
 */
export function widgetSnapshot(page: Page, tag: string): Promise<WidgetSnapshot> {
  return page.evaluate((t) => {
    const host = document.querySelector(t);
    if (!host) throw new Error(`no ${t} on the page`);
    const kept = (el: Element) => !el.closest('[data-transient]') && !el.closest('.widget-mode');
    const all = <E extends Element>(selector: string) => [...host.querySelectorAll<E>(selector)].filter(kept);
    // A short fingerprint of a canvas's pixels (FNV-1a), so two pictures compare without shipping them.
    const fingerprint = (canvas: HTMLCanvasElement) => {
      const ctx = canvas.getContext('2d');
      if (!ctx || !canvas.width || !canvas.height) return `${canvas.width}x${canvas.height}`;
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let h = 0x811c9dc5;
      for (let i = 0; i < data.length; i++) h = Math.imul(h ^ data[i], 0x01000193);
      return `${canvas.width}x${canvas.height}:${(h >>> 0).toString(16)}`;
    };
    return {
      outputs: all('[data-output]').map((el) => `${el.getAttribute('data-output')}=${el.textContent?.trim()}`),
      controls: all<HTMLInputElement | HTMLSelectElement>('input, select')
        .filter((el) => !el.matches('[data-backend-select]'))
        .map((el) => (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox') ? String(el.checked) : el.value)),
      grids: all('table.heat-grid').map((table) => [...table.querySelectorAll('td')].map((td) => td.textContent || td.title).join(' ')),
      canvases: all<HTMLCanvasElement>('canvas').map(fingerprint),
    };
  }, tag);
}

/** Waits until a widget shows the same thing twice, 150 ms apart, and returns it. */
export async function settledSnapshot(page: Page, tag: string): Promise<WidgetSnapshot> {
  let previous = '';
  let snapshot: WidgetSnapshot | null = null;
  await expect
    .poll(
      async () => {
        snapshot = await widgetSnapshot(page, tag);
        const text = JSON.stringify(snapshot);
        const same = text === previous;
        previous = text;
        return same;
      },
      { interval: 150, timeout: 20_000 },
    )
    .toBe(true);
  return snapshot!;
}

/** Makes the n-th edit of a kind in a widget, as a learner would (typing, checking, sliding, clicking). */
export async function makeEdit(page: Page, tag: string, edit: WidgetEdit, n: number): Promise<void> {
  const controls = page.locator(`${tag} ${edit.control}`);
  const count = await controls.count();
  if (!count) throw new Error(`${tag}: no ${edit.control} to edit`);
  const control = controls.nth((n * 7) % count);
  switch (edit.kind ?? 'type') {
    case 'check':
      await control.check();
      break;
    case 'click':
      await control.click();
      break;
    case 'slide':
      await control.fill(String(((n * 37) % 100) / 100));
      break;
    case 'type':
      await control.fill(String(edit.values ? edit.values[n % edit.values.length] : (n * 37) % 200));
      break;
  }
}

/** The 1-based number of the slide that shows a widget in its lesson's deck. */
export function slideOf(page: Page, tag: string): Promise<number> {
  return page.evaluate((t) => {
    const slide = document.querySelector(t)?.closest<HTMLElement>('.slide');
    if (!slide?.dataset.slide) throw new Error(`${t} is on no slide`);
    return Number(slide.dataset.slide);
  }, tag);
}

/** The page's address once it has stopped changing: the kit writes it when the learner pauses (250 ms). */
export async function settledUrl(page: Page): Promise<string> {
  let previous = '';
  await expect
    .poll(
      () => {
        const url = page.url();
        const same = url === previous;
        previous = url;
        return same;
      },
      { interval: 350, timeout: 10_000 },
    )
    .toBe(true);
  return previous;
}
