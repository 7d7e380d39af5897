import { interpolateViridis, interpolateRdBu } from 'd3-scale-chromatic';
import { rgb } from 'd3-color';
import { format, type Messages } from '../i18n/index.ts';
import { formatNumber } from './format.ts';
import type { ColourMapName } from '../state/colour-maps.ts';
import { h, setText } from './dom.ts';

export type Colour = { fill: string; text: string };
export type ColourScale = ((value: number) => Colour) & {
  kind: ColourMapName | 'diverging';
  min: number;
  max: number;
  at: (t: number) => string;
  /** The step of the colour table a value falls on (0-255), and the table as RGB triples. */
  index: (value: number) => number;
  rgb: Uint8ClampedArray;
  /** The colour table itself: its name (one per colour map) and its 256 colours. */
  table: { name: string; colours: readonly Colour[] };
};

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

/** Steps of a colour table: more than the eye tells apart on a map, few enough to compute once. */
const STEPS = 256;

interface ColourTable {
  /** A short name, unique per table: heat grids name their colour classes by it (heatmap.ts). */
  name: string;
  colours: Colour[];
  /** The same colours as RGB triples, for drawing maps pixel by pixel. */
  rgb: Uint8ClampedArray;
}
const tables = new Map<(t: number) => string, ColourTable>();

/** A colour map sampled once at 256 steps, with the readable text colour of each: a cell costs a lookup, not a d3 call. */
function tableOf(at: (t: number) => string): ColourTable {
  let table = tables.get(at);
  if (!table) {
    const colours: Colour[] = [];
    const rgbs = new Uint8ClampedArray(STEPS * 3);
    for (let n = 0; n < STEPS; n++) {
      const fill = at(n / (STEPS - 1));
      colours.push({ fill, text: textColourOn(fill) });
      const { r, g, b } = rgb(fill);
      rgbs.set([r, g, b], n * 3);
    }
    table = { name: `t${tables.size}`, colours, rgb: rgbs };
    tables.set(at, table);
  }
  return table;
}

/**
 * The colour of a value. Non-negative data use the learner's sequential map (viridis by default, jet
 * on request) over min..max; signed data, or any data with `diverging`, use a red-blue map centred on zero
 * (blue below, red above), never red-green, so the sign reads for colour-blind learners too. `floor` is the
 * smallest half-range of a diverging map, so float32 noise (1e-7) on a map that should be zero is drawn white.
 */
export function colourScale(kind: ColourMapName, min: number, max: number, options: { diverging?: boolean; floor?: number } = {}): ColourScale {
  const diverging = options.diverging || (min < 0 && max > 0);
  let lo: number;
  let hi: number;
  let at: (t: number) => string;
  if (diverging) {
    const half = Math.max(Math.abs(min), Math.abs(max), options.floor ?? 0) || 1;
    [lo, hi, at] = [-half, half, divergingAt];
  } else {
    lo = Math.min(min, max);
    hi = max > lo ? max : lo + 1;
    at = kind === 'jet' ? interpolateJet : interpolateViridis;
  }
  const table = tableOf(at);
  const { colours, rgb: rgbs } = table;
  const span = hi - lo;
  const index = (value: number) => {
    const t = (value - lo) / span;
    return t > 0 ? (t < 1 ? Math.round(t * (STEPS - 1)) : STEPS - 1) : 0; // NaN falls to 0
  };
  const fn = ((value: number) => colours[index(value)]) as ColourScale;
  fn.kind = diverging ? 'diverging' : kind;
  fn.min = lo;
  fn.max = hi;
  fn.at = at;
  fn.index = index;
  fn.rgb = rgbs;
  fn.table = table;
  return fn;
}

/** The colour tables whose classes are in the page already. */
const styledTables = new Set<string>();

/**
 * The class that gives a cell the colour of a step of a colour table (and a readable text colour on it).
 * Each table's 256 classes go into the page once, as one style element. A class, unlike an inline style,
 * lets the browser share the computed style of every cell of one colour: on a trained network's three 16 x
 * 16 maps, recolouring by inline styles took about 16 ms of style work per edit on the development machine.
 */
export function colourClass(scale: ColourScale, step: number): string {
  const { name, colours } = scale.table;
  if (!styledTables.has(name)) {
    styledTables.add(name);
    const rules = colours.map((c, n) => `.heat-${name}-${n}{background-color:${c.fill};color:${c.text}}`).join('\n');
    document.head.append(h('style', { 'data-colour-table': name }, rules));
  }
  return `heat-${name}-${step}`;
}

/** The colour class each element has now, so a new one replaces it and an unchanged one costs nothing. */
const shades = new WeakMap<Element, string>();

/** Colours an element (a map's cell, an editor's input) with the colour class of a step: see colourClass. */
export function shade(element: Element, scale: ColourScale, step: number): void {
  const next = colourClass(scale, step);
  const now = shades.get(element);
  if (now === next) return;
  if (now) element.classList.replace(now, next);
  else element.classList.add(next);
  shades.set(element, next);
}

/** Takes an element's colour class away (a cell left blank). */
export function unshade(element: Element): void {
  const now = shades.get(element);
  if (!now) return;
  element.classList.remove(now);
  shades.delete(element);
}

/** Viridis over max(0, min)..max, for maps that are zero or more (after a ReLU). */
export function sequentialColours(min: number, max: number): ColourScale {
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

  #shown = '';

  /** Draws the scale's bar and range; a redraw with the same scale touches nothing. */
  show(scale: ColourScale): void {
    const key = `${scale.kind}:${scale.min}:${scale.max}`;
    if (key === this.#shown) return;
    const kindChanged = !this.#shown.startsWith(`${scale.kind}:`);
    this.#shown = key;
    if (kindChanged) this.#bar.style.background = gradientOf(scale.at);
    const [min, max] = [formatNumber(scale.min), formatNumber(scale.max)];
    setText(this.#min, min);
    setText(this.#max, max);
    this.element.dataset.kind = scale.kind;
    this.element.setAttribute('aria-label', format(this.#messages['widget.legend'], { map: this.#messages[`widget.cmap.${scale.kind}`], min, max }));
  }
}

const gradients = new Map<(t: number) => string, string>();
/** A colour map as a CSS gradient of 11 stops, made once per map. */
function gradientOf(at: (t: number) => string): string {
  let gradient = gradients.get(at);
  if (!gradient) {
    gradient = `linear-gradient(to right, ${Array.from({ length: 11 }, (_, i) => `${at(i / 10)} ${i * 10}%`).join(', ')})`;
    gradients.set(at, gradient);
  }
  return gradient;
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
