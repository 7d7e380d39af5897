import { interpolateViridis, interpolateRdBu } from 'd3-scale-chromatic';
import { scaleSequential } from 'd3-scale';
import { rgb } from 'd3-color';
import { format, type Messages } from '../i18n/index.ts';
import { formatNumber } from '../state/parse-number.ts';
import type { ColourMapName } from '../state/toy-url.ts';
import { h } from './dom.ts';

export type Colour = { fill: string; text: string };
export type ColourScale = ((value: number) => Colour) & { kind: ColourMapName | 'diverging'; min: number; max: number; at: (t: number) => string };

/**
 * Jet, the rainbow map the CAM and Grad-CAM papers draw with: blue, cyan, yellow, red.
 * Offered because readers meet it in the papers; it is not perceptually uniform and invents edges.
 */
export function interpolateJet(t: number): string {
  const c = (x: number) => Math.round(255 * Math.min(1, Math.max(0, x)));
  return `rgb(${c(1.5 - Math.abs(4 * t - 3))}, ${c(1.5 - Math.abs(4 * t - 2))}, ${c(1.5 - Math.abs(4 * t - 1))})`;
}

/** WCAG relative luminance of a CSS colour. */
export function luminance(colour: string): number {
  const { r, g, b } = rgb(colour);
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Black or white, whichever contrasts more with the fill (WCAG contrast ratio). */
export function textColourOn(fill: string): string {
  const l = luminance(fill);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

/** Red-blue with red for the high end (d3's RdBu runs red to blue); one function, so colour tables can be cached. */
const divergingAt = (t: number): string => interpolateRdBu(1 - t);

/**
 * The colour of a value. Non-negative data use the learner's sequential map (viridis by default, jet
 * on request) over min..max; signed data use a diverging red-blue map centred on zero (blue below,
 * red above), never red-green, so the sign reads for colour-blind learners too.
 */
export function colourScale(kind: ColourMapName, min: number, max: number): ColourScale {
  const signed = min < 0 && max > 0;
  let lo = Math.min(min, max);
  let hi = max > lo ? max : lo + 1;
  let at: (t: number) => string;
  if (signed) {
    const m = Math.max(-lo, hi);
    lo = -m;
    hi = m;
    at = divergingAt;
  } else at = kind === 'jet' ? interpolateJet : interpolateViridis;
  const scale = scaleSequential(at).domain([lo, hi]).clamp(true);
  const fn = ((value: number) => {
    const fill = scale(value);
    return { fill, text: textColourOn(fill) };
  }) as ColourScale;
  fn.kind = signed ? 'diverging' : kind;
  fn.min = lo;
  fn.max = hi;
  fn.at = at;
  return fn;
}

/** Kept for callers of the first version: viridis over min..max. */
export function sequentialColours(min: number, max: number): (value: number) => Colour {
  return colourScale('viridis', Math.max(0, min), max);
}

/** min and max over several flat arrays. */
export function extent(...arrays: ArrayLike<number>[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      if (a[i] < min) min = a[i];
      if (a[i] > max) max = a[i];
    }
  }
  return min <= max ? [min, max] : [0, 0];
}

/** A legend: the colour bar of the scale in use and its value range, in words for screen readers. */
export class Legend {
  readonly element: HTMLElement;
  #bar: HTMLElement;
  #min: HTMLElement;
  #max: HTMLElement;
  #messages: Messages;

  constructor(messages: Messages) {
    this.#messages = messages;
    this.#bar = h('span', { class: 'legend-bar', 'aria-hidden': 'true' });
    this.#min = h('span', { class: 'legend-min', 'data-legend-min': true });
    this.#max = h('span', { class: 'legend-max', 'data-legend-max': true });
    this.element = h('p', { class: 'legend', role: 'img' }, this.#min, this.#bar, this.#max);
  }

  show(scale: ColourScale): void {
    const stops = Array.from({ length: 11 }, (_, i) => `${scale.at(i / 10)} ${i * 10}%`);
    this.#bar.style.background = `linear-gradient(to right, ${stops.join(', ')})`;
    this.#min.textContent = formatNumber(scale.min);
    this.#max.textContent = formatNumber(scale.max);
    this.element.dataset.kind = scale.kind;
    this.element.setAttribute(
      'aria-label',
      format(this.#messages['widget.legend'], {
        map: this.#messages[`widget.cmap.${scale.kind}`],
        min: formatNumber(scale.min),
        max: formatNumber(scale.max),
      }),
    );
  }
}

/** The learner's choice of sequential colour map. */
export function colourMapSelect(messages: Messages, current: ColourMapName, onChange: (name: ColourMapName) => void): { element: HTMLElement; set(name: ColourMapName): void } {
  const select = h('select', { 'data-cmap-select': true, class: 'widget-select' });
  for (const name of ['viridis', 'jet'] as const) select.append(h('option', { value: name }, messages[`widget.cmap.${name}`]));
  select.value = current;
  select.addEventListener('change', () => onChange(select.value === 'jet' ? 'jet' : 'viridis'));
  return {
    element: h('label', { class: 'widget-control' }, h('span', {}, messages['widget.cmapLabel'], ' '), select),
    set(name) {
      select.value = name;
    },
  };
}

/**
 * Signed values (gradients, maps before the ReLU): a diverging red-blue map symmetric about zero,
 * red for positive, blue for negative, near-white at zero; never red-green.
 */
export function divergingColours(maxAbs: number): (value: number) => { fill: string; text: string } {
  const m = maxAbs > 0 ? maxAbs : 1;
  return (value) => {
    const s = Math.max(-1, Math.min(1, value / m));
    return { fill: interpolateRdBu(0.5 - s / 2), text: Math.abs(s) > 0.6 ? '#ffffff' : '#111111' };
  };
}
