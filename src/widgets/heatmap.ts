import { formatNumber } from '../state/parse-number.ts';
import type { Box } from '../lib/localize.ts';
import type { ColourScale } from './colormap.ts';
import { h } from './dom.ts';

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
export function colourTable(scale: ColourScale): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(256 * 3);
  for (let n = 0; n < 256; n++) {
    const colour = scale.at(n / 255);
    let rgb: number[] = [0, 0, 0];
    if (colour.startsWith('#')) rgb = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
    else rgb = (colour.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map(Number);
    lut.set(rgb, n * 3);
  }
  return lut;
}

/**
 * Draws a grey image (values 0..1, row-major) and, over it, a map of the same size coloured by a scale
 * with the given opacity. Values are placed on the scale's own domain.
 */
export function drawOverlay(canvas: HTMLCanvasElement, width: number, height: number, image: ArrayLike<number>, map: ArrayLike<number> | null, scale: ColourScale | null, alpha: number): CanvasRenderingContext2D | null {
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const data = ctx.createImageData(width, height);
  const lut = scale ? colourTable(scale) : null;
  const span = scale ? scale.max - scale.min || 1 : 1;
  for (let p = 0; p < width * height; p++) {
    const g = Math.round(255 * Math.min(1, Math.max(0, image[p])));
    let r = g;
    let gg = g;
    let b = g;
    if (map && lut && scale) {
      const t = Math.min(255, Math.max(0, Math.round(((map[p] - scale.min) / span) * 255)));
      r = (1 - alpha) * g + alpha * lut[t * 3];
      gg = (1 - alpha) * g + alpha * lut[t * 3 + 1];
      b = (1 - alpha) * g + alpha * lut[t * 3 + 2];
    }
    data.data[p * 4] = r;
    data.data[p * 4 + 1] = gg;
    data.data[p * 4 + 2] = b;
    data.data[p * 4 + 3] = 255;
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
