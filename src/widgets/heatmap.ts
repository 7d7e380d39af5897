import { formatNumber } from '../state/parse-number.ts';
import { divergingColours, extent, sequentialColours, type ColourScale } from './colormap.ts';
import type { Box } from '../lib/localize.ts';
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

/* Heat grids, overlays and boxes of lessons 1-5 (the editor's colour scales, jet and viridis). */
/**
 * A read-only map drawn as a table of coloured cells, each with its value as text (hidden on dense maps,
 * where the table's aria-label and the cells' titles still give the numbers).
 */
export function heatGrid(values: ArrayLike<number>, H: number, W: number, scale: ColourScale, options: { label: string; output?: string; cellOutputs?: boolean }): HTMLTableElement {
  const dense = W > 8;
  const table = h('table', { class: `heat-grid${dense ? ' dense' : ''}`, 'aria-label': options.label });
  if (options.output) table.dataset.output = options.output;
  const body = h('tbody');
  for (let i = 0; i < H; i++) {
    const tr = h('tr');
    for (let j = 0; j < W; j++) {
      const v = values[i * W + j];
      const { fill, text } = scale(v);
      const td = h('td', { 'data-i': i, 'data-j': j, title: formatNumber(v) }, formatNumber(v));
      if (options.cellOutputs) td.dataset.output = `${options.output}-${i}-${j}`;
      td.style.backgroundColor = fill;
      td.style.color = text;
      tr.append(td);
    }
    body.append(tr);
  }
  table.append(body);
  return table;
}

/** 256 RGB triples sampled from a scale's colour function, for drawing maps pixel by pixel. */
const lutCache = new Map<(t: number) => string, Uint8ClampedArray>();

export function colourTable(scale: ColourScale): Uint8ClampedArray {
  const cached = lutCache.get(scale.at);
  if (cached) return cached;
  const lut = new Uint8ClampedArray(256 * 3);
  for (let n = 0; n < 256; n++) {
    const colour = scale.at(n / 255);
    let rgb: number[] = [0, 0, 0];
    if (colour.startsWith('#')) rgb = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
    else rgb = (colour.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map(Number);
    lut.set(rgb, n * 3);
  }
  lutCache.set(scale.at, lut);
  return lut;
}

/**
 * Draws an image (values 0..1, row-major: one grey value per pixel, or RGB triples with `channels: 3`) and,
 * over it, a map of the same size coloured by a scale with the given opacity. Values are placed on the
 * scale's own domain. `zoom` draws each pixel as a zoom x zoom block, so lines drawn on top stay thin.
 */
export function drawOverlay(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  image: ArrayLike<number>,
  map: ArrayLike<number> | null,
  scale: ColourScale | null,
  alpha: number,
  options: { channels?: 1 | 3; zoom?: number } = {},
): CanvasRenderingContext2D | null {
  const channels = options.channels ?? 1;
  const zoom = options.zoom ?? 1;
  const cw = width * zoom;
  const ch = height * zoom;
  if (canvas.width !== cw) canvas.width = cw;
  if (canvas.height !== ch) canvas.height = ch;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const data = ctx.createImageData(cw, ch);
  const lut = scale ? colourTable(scale) : null;
  const span = scale ? scale.max - scale.min || 1 : 1;
  const rgb = [0, 0, 0];
  for (let p = 0; p < width * height; p++) {
    for (let k = 0; k < 3; k++) rgb[k] = Math.round(255 * Math.min(1, Math.max(0, image[channels === 3 ? p * 3 + k : p])));
    if (map && lut && scale) {
      const t = Math.min(255, Math.max(0, Math.round(((map[p] - scale.min) / span) * 255)));
      for (let k = 0; k < 3; k++) rgb[k] = (1 - alpha) * rgb[k] + alpha * lut[t * 3 + k];
    }
    const x0 = (p % width) * zoom;
    const y0 = Math.floor(p / width) * zoom;
    for (let dy = 0; dy < zoom; dy++) {
      for (let dx = 0; dx < zoom; dx++) {
        const q = ((y0 + dy) * cw + x0 + dx) * 4;
        data.data[q] = rgb[0];
        data.data[q + 1] = rgb[1];
        data.data[q + 2] = rgb[2];
        data.data[q + 3] = 255;
      }
    }
  }
  ctx.putImageData(data, 0, 0);
  return ctx;
}

/** A box outline: solid for the prediction, dashed for the truth, each with a light and a dark stroke so it shows on any colour. */
export function strokeBox(ctx: CanvasRenderingContext2D, box: Box | null, dashed: boolean): void {
  if (!box) return;
  const { x0, y0, x1, y1 } = box;
  ctx.save();
  ctx.setLineDash(dashed ? [3, 2] : []);
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = '#ffffff';
  ctx.strokeRect(x0 + 1, y0 + 1, x1 - x0 - 2, y1 - y0 - 2);
  ctx.lineWidth = 0.75;
  ctx.strokeStyle = dashed ? '#000000' : '#d62728';
  ctx.strokeRect(x0 + 1, y0 + 1, x1 - x0 - 2, y1 - y0 - 2);
  ctx.restore();
}

/** Recolours an existing heat grid in place (same size), so a redraw touches no structure. Returns false if the size differs. */
export function updateHeatGrid(table: HTMLTableElement, values: ArrayLike<number>, scale: ColourScale): boolean {
  const cells = table.querySelectorAll<HTMLTableCellElement>('td');
  if (cells.length !== values.length) return false;
  cells.forEach((td, n) => {
    const v = values[n];
    const { fill, text } = scale(v);
    const shown = formatNumber(v);
    if (td.textContent !== shown) {
      td.textContent = shown;
      td.title = shown;
    }
    td.style.backgroundColor = fill;
    td.style.color = text;
  });
  return true;
}
