import type { Messages } from '../i18n/index.ts';
import type { ColourMapName } from '../state/colour-maps.ts';
import { colourScale, extent, Legend, shade, unshade, type ColourScale } from './colormap.ts';
import { formatNumber } from './format.ts';
import type { Box } from '../lib/localize.ts';
import { h } from './dom.ts';

/** Cell text: formatNumber, with tiny values as 1.2e-7 so they fit a cell. */
function cellNumber(x: number): string {
  return x !== 0 && Math.abs(x) < 1e-4 ? x.toExponential(1) : formatNumber(x);
}

/** Maps wider than this many cells are drawn without numbers in the cells. */
const DENSE = 8;

/**
 * Characters a cell of a .heatmap shows at its full size ("-0.1234"), and in a smaller type ("-123.4567").
 * A map's columns then keep one width whatever the values: when they grew with the text, an edit could
 * rewrap a row of maps and move everything below it, and the frame paid for relaying out the page. Only a
 * map holding a longer number (a learner's 1e6 in a cell) lets its columns grow to fit it.
 */
const FITS = 7;
const FITS_SMALL = 10;

export interface HeatGridOptions {
  /** The table's accessible name. */
  label: string;
  /** data-map name (lessons 6-9) or data-output name (lessons 1-5) the tests and links find the table by. */
  name?: string;
  output?: string;
  /** Give each cell data-output="<output>-i-j". */
  cellOutputs?: boolean;
}

/**
 * A read-only H x W map as a table of coloured cells, each with its value as text (on dense maps, too
 * small to print in, as each cell's title), so a screen reader reads the values and a sighted learner sees
 * both. The one grid every map of the course is drawn with: built once per size, then recoloured in place,
 * each cell written only where its text or colour changed.
 */
export class HeatGrid {
  readonly table: HTMLTableElement;
  #options: HeatGridOptions;
  #cells: HTMLTableCellElement[] = [];
  /** Per cell, the text and the colour step last written. */
  #texts: string[] = [];
  #steps: Int16Array = new Int16Array(0);
  #scaleKey = '';
  #shape = '';

  constructor(options: HeatGridOptions) {
    this.#options = options;
    this.table = h('table', { class: 'heat-grid', 'aria-label': options.label });
    if (options.name) this.table.dataset.map = options.name;
    if (options.output) this.table.dataset.output = options.output;
  }

  set label(label: string) {
    if (this.table.getAttribute('aria-label') !== label) this.table.setAttribute('aria-label', label);
  }

  show(values: ArrayLike<number>, H: number, W: number, scale: ColourScale): void {
    if (this.#shape !== `${H}x${W}`) this.#build(H, W);
    // Colour steps are only comparable between draws on the same colour table.
    const scaleKey = scale.table.name;
    const sameTable = scaleKey === this.#scaleKey;
    const dense = W > DENSE;
    this.#scaleKey = scaleKey;
    let longest = 0;
    for (let n = 0; n < H * W; n++) {
      const cell = this.#cells[n];
      const v = values[n];
      const text = cellNumber(v);
      if (text.length > longest) longest = text.length;
      if (this.#texts[n] !== text) {
        this.#texts[n] = text;
        // A dense map's cells are too small to print in: there the value is the cell's title (its accessible name).
        if (dense) cell.title = text;
        else {
          cell.textContent = text;
          // Longer numbers take a smaller type instead of a wider column: a map keeps its size (see widget.css).
          if (text.length > FITS || cell.classList.contains('long')) cell.classList.toggle('long', text.length > FITS);
        }
      }
      const step = scale.index(v);
      if (!sameTable || this.#steps[n] !== step) {
        this.#steps[n] = step;
        shade(cell, scale, step);
      }
    }
    if (!dense && (longest > FITS_SMALL || this.table.classList.contains('roomy'))) this.table.classList.toggle('roomy', longest > FITS_SMALL);
  }

  /**
   * Leaves an H x W grid with every cell blank (a map that does not exist in this state). The cells are kept,
   * so that showing the map again writes numbers and colours only, and the page is the same whichever state
   * came before.
   */
  clear(H: number, W: number): void {
    if (this.#shape !== `${H}x${W}`) this.#build(H, W);
    for (let n = 0; n < H * W; n++) {
      const cell = this.#cells[n];
      if (this.#texts[n] !== '') {
        this.#texts[n] = '';
        cell.textContent = '';
        cell.removeAttribute('title');
        cell.classList.remove('long');
      }
      if (this.#steps[n] !== -1) {
        this.#steps[n] = -1;
        unshade(cell);
      }
    }
    this.table.classList.remove('roomy');
  }

  #build(H: number, W: number): void {
    const { output, cellOutputs } = this.#options;
    this.#cells = [];
    const body = h('tbody');
    for (let i = 0; i < H; i++) {
      const tr = h('tr');
      for (let j = 0; j < W; j++) {
        const td = h('td', { 'data-i': i, 'data-j': j });
        if (cellOutputs && output) td.dataset.output = `${output}-${i}-${j}`;
        this.#cells.push(td);
        tr.append(td);
      }
      body.append(tr);
    }
    this.table.classList.toggle('dense', W > DENSE);
    this.table.replaceChildren(body);
    this.#texts = new Array<string>(H * W).fill('');
    this.#steps = new Int16Array(H * W).fill(-1);
    this.#shape = `${H}x${W}`;
  }
}

export type HeatmapScale = 'sequential' | 'diverging';

/**
 * A map with its title and legend, as lessons 6-9 set them side by side. Sequential maps use the learner's
 * colour map over max(0, min)..max; signed maps the red-blue scale, symmetric about zero.
 */
export class Heatmap {
  readonly element: HTMLElement;
  readonly grid: HeatGrid;
  #legend: Legend;
  #note: HTMLElement;
  #scale: HeatmapScale;

  constructor(m: Messages, options: { name: string; title: Node | string; label: string; scale: HeatmapScale }) {
    this.#scale = options.scale;
    this.grid = new HeatGrid({ name: options.name, label: options.label });
    this.grid.table.classList.add('heatmap');
    this.#legend = new Legend(m);
    this.#note = h('p', { class: 'heatmap-note', hidden: true });
    this.element = h('figure', { class: 'heatmap-figure' }, h('figcaption', {}, options.title), this.grid.table, this.#legend.element, this.#note);
  }

  /**
   * Draws the map; values are row-major [H][W]. `floor` sets the smallest half-range of a diverging scale,
   * so that float32 rounding noise on a map that should be zero is drawn white, not saturated.
   */
  show(values: ArrayLike<number>, H: number, W: number, cmap: ColourMapName, floor = 0): void {
    this.grid.table.hidden = false;
    this.#legend.element.hidden = false;
    this.#note.hidden = true;
    const [min, max] = extent(values);
    const scale = this.#scale === 'diverging' ? colourScale(cmap, min, max, { diverging: true, floor }) : colourScale(cmap, Math.max(0, min), max);
    this.grid.show(values, H, W, scale);
    this.#legend.show(scale);
  }

  /** Replaces the map with a sentence, for a map that has no meaning in the current state. */
  absent(message: string): void {
    this.grid.table.hidden = true;
    this.#legend.element.hidden = true;
    this.#note.hidden = false;
    this.#note.textContent = message;
  }
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
  // One ImageData per canvas, written as 32-bit pixels: a redraw allocates nothing.
  let data = pixelBuffers.get(canvas);
  if (!data || data.width !== cw || data.height !== ch) {
    data = ctx.createImageData(cw, ch);
    pixelBuffers.set(canvas, data);
  }
  const pixels = new Uint32Array(data.data.buffer);
  const lut = scale?.rgb;
  const byte = (v: number) => (v > 0 ? (v < 1 ? Math.round(255 * v) : 255) : 0);
  for (let y = 0; y < height; y++) {
    const row = y * zoom * cw;
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      let r = byte(image[channels === 3 ? p * 3 : p]);
      let g = channels === 3 ? byte(image[p * 3 + 1]) : r;
      let b = channels === 3 ? byte(image[p * 3 + 2]) : r;
      if (map && scale && lut) {
        const t = scale.index(map[p]) * 3;
        r = (1 - alpha) * r + alpha * lut[t];
        g = (1 - alpha) * g + alpha * lut[t + 1];
        b = (1 - alpha) * b + alpha * lut[t + 2];
      }
      // Little-endian RGBA: alpha in the top byte.
      const colour = (255 << 24) | (((b + 0.5) & 255) << 16) | (((g + 0.5) & 255) << 8) | ((r + 0.5) & 255);
      pixels.fill(colour, row + x * zoom, row + (x + 1) * zoom);
    }
    // The other rows of the zoomed pixel row are copies of the first.
    for (let dy = 1; dy < zoom; dy++) pixels.copyWithin(row + dy * cw, row, row + cw);
  }
  ctx.putImageData(data, 0, 0);
  return ctx;
}

const pixelBuffers = new WeakMap<HTMLCanvasElement, ImageData>();

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
