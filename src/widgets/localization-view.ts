import { format, type Messages } from '../i18n/index.ts';
import { formatNumber } from './format.ts';
import type { MapLocalization } from '../lib/localize-map.ts';
import type { Box } from '../lib/localize.ts';
import type { ColourMapName } from '../state/colour-maps.ts';
import { colourScale, extent, Legend } from './colormap.ts';
import { drawOverlay, strokeBox } from './heatmap.ts';
import { h } from './dom.ts';
import { mathText } from './math-text.ts';

/** The picture under the map: grey values (one per pixel) or RGB triples, row-major, in [0, 1]. */
export interface BaseImage {
  pixels: ArrayLike<number>;
  channels: 1 | 3;
}

const describe = (m: Messages, b: Box | null) => (b ? `x ${b.x0}–${b.x1}, y ${b.y0}–${b.y1}` : m['cam.noBox']);
/** A missing true box has another reason than a missing predicted one: the image holds no shape of the class. */
const describeTruth = (m: Messages, b: Box | null) => (b ? describe(m, b) : m['cam.noTrueBox']);

/**
 * The CAM paper's localization drawn: the upsampled map over the image with the predicted box (solid)
 * and the true one (dashed), the thresholded mask with its largest connected part, and the numbers
 * (cut, pixels kept, both boxes, IoU and the verdict). Lesson 5's toy widget and the trained network's share it.
 */
export class LocalizationView {
  readonly overlay: HTMLCanvasElement;
  readonly mask: HTMLCanvasElement;
  readonly legend: Legend;
  readonly result: HTMLElement;
  readonly figures: HTMLElement;
  #m: Messages;
  #zoom: number;
  #overlayAlt: string;
  #withMask: boolean;

  /**
   * `zoom`: canvas pixels per image pixel, so that boxes keep thin lines on a small image. `mask: false` leaves
   * the mask's figure out (two maps side by side show their overlays only).
   */
  constructor(m: Messages, options: { zoom?: number; overlayCaption?: string; overlayAlt?: string; mask?: boolean } = {}) {
    this.#m = m;
    this.#zoom = options.zoom ?? 1;
    this.#overlayAlt = options.overlayAlt ?? m['cam.overlayAlt'];
    this.#withMask = options.mask !== false;
    this.overlay = h('canvas', { class: 'overlay-canvas', role: 'img', 'data-canvas': 'overlay' });
    this.mask = h('canvas', { class: 'overlay-canvas pixel-canvas', role: 'img', 'data-canvas': 'mask' });
    this.legend = new Legend(m);
    this.result = h('div', { class: 'localization', 'aria-live': 'polite' });
    this.figures = h(
      'div',
      { class: 'panel-row' },
      h('figure', {}, h('figcaption', {}, ...mathText(options.overlayCaption ?? m['cam.overlayCaption'])), this.overlay, this.legend.element),
      options.mask === false ? null : h('figure', {}, h('figcaption', {}, m['cam.maskCaption']), this.mask),
    );
  }

  show(found: MapLocalization, truth: Box | null, image: BaseImage, cmap: ColourMapName, threshold: number): void {
    const m = this.#m;
    const { width, height, up } = found;
    const [min, max] = extent(up);
    const scale = colourScale(cmap, min, max);
    this.legend.show(scale);
    const zoom = this.#zoom;
    const zoomed = (b: Box | null) => (b ? { x0: b.x0 * zoom, y0: b.y0 * zoom, x1: b.x1 * zoom, y1: b.y1 * zoom } : null);
    const ctx = drawOverlay(this.overlay, width, height, image.pixels, up, scale, 0.55, { channels: image.channels, zoom });
    if (ctx) {
      strokeBox(ctx, zoomed(truth), true);
      strokeBox(ctx, zoomed(found.box), false);
    }
    // The mask: kept pixels light grey, the largest connected part dark, both boxes.
    if (this.#withMask) {
      const maskImage = new Float32Array(width * height);
      for (let p = 0; p < maskImage.length; p++) maskImage[p] = found.component[p] ? 0.2 : found.mask[p] ? 0.7 : 1;
      const mctx = drawOverlay(this.mask, width, height, maskImage, null, null, 0, { zoom });
      if (mctx) {
        strokeBox(mctx, zoomed(truth), true);
        strokeBox(mctx, zoomed(found.box), false);
      }
      this.mask.setAttribute('aria-label', format(m['cam.maskAlt'], { predicted: describe(m, found.box) }));
    }
    this.overlay.setAttribute('aria-label', format(this.#overlayAlt, { predicted: describe(m, found.box), truth: describeTruth(m, truth) }));
    let kept = 0;
    let part = 0;
    for (let p = 0; p < found.mask.length; p++) {
      kept += found.mask[p];
      part += found.component[p];
    }
    this.result.replaceChildren(
      h('p', { class: 'formula-line' }, format(m['cam.cutLine'], { percent: Math.round(threshold * 100), max: formatNumber(found.max), cut: formatNumber(found.cut) }), ' ', h('output', { 'data-output': 'cut' }, formatNumber(found.cut))),
      h('p', { class: 'formula-line' }, format(m['cam.keptLine'], { kept, part, total: width * height })),
      h('p', { class: 'formula-line' }, m['cam.predictedBox'], ' ', h('output', { 'data-output': 'box' }, describe(m, found.box)), '; ', m['cam.trueBox'], ' ', describeTruth(m, truth)),
      h(
        'p',
        { class: `formula-line ${found.correct ? 'check-ok' : 'check-bad'}` },
        'IoU = ',
        h('output', { 'data-output': 'iou' }, formatNumber(Number(found.iou.toFixed(4)))),
        ' ',
        found.correct ? m['cam.correct'] : m['cam.wrong'],
      ),
    );
  }
}
