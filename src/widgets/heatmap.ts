import { formatNumber } from '../state/parse-number.ts';
import { divergingColours, extent, sequentialColours } from './colormap.ts';
import { h } from './dom.ts';

/** Cell text: formatNumber, with tiny values as 1.2e-7 so they fit a cell. */
function cellNumber(x: number): string {
  return x !== 0 && Math.abs(x) < 1e-4 ? x.toExponential(1) : formatNumber(x);
}

export type HeatmapScale = 'sequential' | 'diverging';

/**
 * A read-only H x W map drawn as a table of coloured cells with their numbers in them, so a screen reader
 * reads the values and a sighted learner sees both. Sequential maps use viridis over min..max; signed maps
 * use the diverging red-blue scale, symmetric about zero. A small legend states the scale's ends.
 */
export class Heatmap {
  readonly element: HTMLElement;
  #table: HTMLTableElement;
  #legend: HTMLElement;
  #note: HTMLElement;
  #scale: HeatmapScale;
  #cells: HTMLTableCellElement[] = [];
  #shape = '';

  constructor(options: { name: string; title: Node | string; label: string; scale: HeatmapScale }) {
    this.#scale = options.scale;
    this.#table = h('table', { class: 'heatmap', 'data-map': options.name, 'aria-label': options.label });
    this.#legend = h('div', { class: 'heatmap-legend', 'aria-hidden': 'true' });
    this.#note = h('p', { class: 'heatmap-note', hidden: true });
    this.element = h('figure', { class: 'heatmap-figure' }, h('figcaption', {}, options.title), this.#table, this.#legend, this.#note);
  }

  /**
   * Draws the map; values are row-major [H][W]. `floor` sets the smallest half-range of a diverging scale,
   * so that float32 rounding noise (1e-7) on a map that should be zero is drawn white, not saturated.
   */
  show(values: ArrayLike<number>, H: number, W: number, floor = 0): void {
    this.#table.hidden = false;
    this.#legend.hidden = false;
    this.#note.hidden = true;
    if (this.#shape !== `${H}x${W}`) this.#build(H, W);
    const [min, max] = extent(values);
    const maxAbs = Math.max(Math.abs(min), Math.abs(max), floor);
    const colour = this.#scale === 'diverging' ? divergingColours(maxAbs) : sequentialColours(min, max);
    for (let n = 0; n < H * W; n++) {
      const cell = this.#cells[n];
      const { fill, text } = colour(values[n]);
      cell.textContent = cellNumber(values[n]);
      cell.style.backgroundColor = fill;
      cell.style.color = text;
    }
    const [lo, hi] = this.#scale === 'diverging' ? [-maxAbs, maxAbs] : [min, max];
    const stops = [0, 0.25, 0.5, 0.75, 1].map((t) => `${colour(lo + t * (hi - lo)).fill} ${t * 100}%`);
    this.#legend.replaceChildren(
      h('span', {}, formatNumber(lo)),
      h('span', { class: 'heatmap-ramp', style: `background: linear-gradient(to right, ${stops.join(', ')})` }),
      h('span', {}, formatNumber(hi)),
    );
  }

  /** Replaces the map with a sentence, for a map that has no meaning in the current state. */
  absent(message: string): void {
    this.#table.hidden = true;
    this.#legend.hidden = true;
    this.#note.hidden = false;
    this.#note.textContent = message;
  }

  #build(H: number, W: number): void {
    this.#cells = [];
    const body = h('tbody');
    for (let i = 0; i < H; i++) {
      const tr = h('tr');
      for (let j = 0; j < W; j++) {
        const td = h('td', { 'data-i': i, 'data-j': j });
        this.#cells.push(td);
        tr.append(td);
      }
      body.append(tr);
    }
    this.#table.replaceChildren(body);
    this.#shape = `${H}x${W}`;
  }
}
