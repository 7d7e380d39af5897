import { format, type MessageKey, type Messages } from '../i18n/index.ts';
import { clampSize, LIMITS } from '../state/presets.ts';
import { h, symbol } from './dom.ts';
import { CELL_RANGE, numberInput, readNumber, type NumberField, type Problems, type Range } from './number-input.ts';
import { colourScale, extent, shade, type ColourScale } from './colormap.ts';

type Cell = NumberField;

export interface FeatureMapEditorOptions {
  A: number[][][];
  messages: Messages;
  problems: Problems;
  /** One cell changed (typed, or painted). */
  onEdit: (k: number, i: number, j: number, value: number) => void;
  /** Several cells changed at once (a drag of the brush); when absent, onEdit is called per cell. */
  onEditMany?: (edits: { k: number; i: number; j: number; value: number }[]) => void;
  /** What is drawn under each map (F_k, ...): called again whenever the grids are rebuilt. */
  footer?: (k: number) => (Node | string)[];
  /** The caption's symbol and each cell's label; default A^k and 'widget.cell'. */
  symbolName?: string;
  cellLabel?: MessageKey;
  mapLabel?: MessageKey;
  /** Link each map to its channel's symbols (data-link k); off for an input image. Default true. */
  link?: boolean;
  /** Start in paint mode, with this brush value (an image to draw on). */
  paint?: { value: number };
  /** The values a cell accepts (default: any a feature map holds); the brush takes the same. */
  range?: Range;
}

/**
 * K editable H x W grids. Each grid is one tab stop (roving tabindex); arrow keys move between cells,
 * Enter moves down, typing replaces the value. In paint mode a click or a drag sets cells to the brush
 * value. Cells are coloured on one shared scale so maps can be compared by eye.
 */
export class FeatureMapEditor {
  readonly element: HTMLElement;
  /** Per channel, a slot under the grid where the page shows what derives from that map (F_k, ...). */
  footers: HTMLElement[] = [];
  #cells: Cell[][][] = [];
  #options: FeatureMapEditorOptions;
  #painting = false;
  #brush: number;
  #stroke: Set<string> | null = null;

  constructor(options: FeatureMapEditorOptions) {
    this.#options = options;
    this.#painting = Boolean(options.paint);
    this.#brush = options.paint?.value ?? 1;
    this.element = h('div', { class: 'feature-maps', 'data-mode': this.#painting ? 'paint' : 'type' });
    this.element.addEventListener('pointerdown', (e) => this.#pointer(e, true));
    this.element.addEventListener('pointermove', (e) => this.#pointer(e, false));
    const end = () => this.#endStroke();
    this.element.addEventListener('pointerup', end);
    this.element.addEventListener('pointercancel', end);
    this.element.addEventListener('lostpointercapture', end);
    this.#build(options.A);
  }

  get shape(): [number, number, number] {
    return [this.#cells.length, this.#cells[0]?.length ?? 0, this.#cells[0]?.[0]?.length ?? 0];
  }

  cell(k: number, i: number, j: number): Cell {
    return this.#cells[k][i][j];
  }

  get range(): Range {
    return this.#options.range ?? CELL_RANGE;
  }

  get painting(): boolean {
    return this.#painting;
  }

  setPainting(on: boolean, brush?: number): void {
    this.#painting = on;
    if (brush !== undefined) this.#brush = brush;
    this.element.dataset.mode = on ? 'paint' : 'type';
  }

  setBrush(value: number): void {
    this.#brush = value;
  }

  /** Writes values into every cell (after a reset, a preset or a new size), rebuilding the grids if the size changed. */
  setValues(A: number[][][]): void {
    const [K, H, W] = this.shape;
    if (A.length !== K || A[0].length !== H || A[0][0].length !== W) {
      this.#build(A);
      return;
    }
    A.forEach((map, k) => map.forEach((row, i) => row.forEach((v, j) => this.#cells[k][i][j].setValue(v))));
  }

  /** Colours every cell on one scale over all maps (viridis unless a scale is given), and returns the scale. */
  paint(A: number[][][], scale?: ColourScale): ColourScale {
    const [min, max] = extent(...A.map((m) => m.flat()));
    const colour = scale ?? colourScale('viridis', min, max);
    A.forEach((map, k) =>
      map.forEach((row, i) =>
        row.forEach((v, j) => {
          const cell = this.#cells[k]?.[i]?.[j];
          if (!cell) return;
          shade(cell, colour, colour.index(v));
          // A cell shows the value it now holds, also after a change from outside (a preset, the presenter's
          // other window); setValue keeps text the learner is still typing for this value.
          cell.setValue(v);
        }),
      ),
    );
    return colour;
  }

  #build(A: number[][][]): void {
    const { messages, problems, onEdit } = this.#options;
    const symbolName = this.#options.symbolName ?? 'A';
    const cellLabel = messages[this.#options.cellLabel ?? 'widget.cell'];
    const mapLabel = messages[this.#options.mapLabel ?? 'widget.map'];
    this.#cells = [];
    this.footers = [];
    const W = A[0]?.[0]?.length ?? 0;
    const figures = A.map((map, k) => {
      const table = h('table', { class: `fmap${W > 8 ? ' dense' : ''}`, 'data-k': k });
      const caption = h('caption', {}, A.length > 1 ? symbol(symbolName, undefined, k + 1) : symbol(symbolName), ' ', h('span', { class: 'visually-hidden' }, format(mapLabel, { k: k + 1 })));
      table.append(caption);
      const rows: Cell[][] = [];
      const tbody = h('tbody');
      map.forEach((row, i) => {
        const tr = h('tr');
        const cells: Cell[] = [];
        row.forEach((value, j) => {
          const label = format(cellLabel, { k: k + 1, i: i + 1, j: j + 1 });
          const cell = numberInput({ key: `${symbolName}${k}-${i}-${j}`, label, value, messages, problems, range: this.range, onValue: (v) => onEdit(k, i, j, v) });
          cell.tabIndex = i === 0 && j === 0 ? 0 : -1;
          cell.dataset.k = String(k);
          cell.dataset.i = String(i);
          cell.dataset.j = String(j);
          cell.addEventListener('keydown', (event) => this.#navigate(event, k, i, j));
          cell.addEventListener('focus', () => this.#rove(k, cell));
          cells.push(cell);
          tr.append(h('td', {}, cell));
        });
        rows.push(cells);
        tbody.append(tr);
      });
      table.append(tbody);
      this.#cells.push(rows);
      const footer = h('div', { class: 'fmap-footer' }, ...(this.#options.footer?.(k) ?? []));
      this.footers.push(footer);
      return h('figure', { class: 'fmap-figure', 'data-link': this.#options.link === false ? undefined : `k${k}` }, table, footer);
    });
    this.element.replaceChildren(...figures);
  }

  #cellAt(e: PointerEvent): Cell | null {
    const el = document.elementFromPoint(e.clientX, e.clientY);
    return el instanceof HTMLInputElement && el.dataset.k !== undefined && this.element.contains(el) ? (el as Cell) : null;
  }

  #pointer(e: PointerEvent, down: boolean): void {
    if (!this.#painting) return;
    if (down) {
      if (e.button !== 0) return;
      const cell = this.#cellAt(e);
      if (!cell) return;
      e.preventDefault(); // paint, do not focus the field
      this.#stroke = new Set();
      this.element.setPointerCapture?.(e.pointerId);
      this.#paintCell(cell);
    } else if (this.#stroke && e.buttons & 1) {
      const cell = this.#cellAt(e);
      if (cell) this.#paintCell(cell);
    }
  }

  #paintCell(cell: Cell): void {
    const k = Number(cell.dataset.k);
    const i = Number(cell.dataset.i);
    const j = Number(cell.dataset.j);
    const id = `${k},${i},${j}`;
    if (this.#stroke?.has(id)) return;
    this.#stroke?.add(id);
    cell.setValue(this.#brush);
    if (this.#options.onEditMany) this.#options.onEditMany([{ k, i, j, value: this.#brush }]);
    else this.#options.onEdit(k, i, j, this.#brush);
  }

  #endStroke(): void {
    this.#stroke = null;
  }

  #navigate(event: KeyboardEvent, k: number, i: number, j: number): void {
    const input = event.target as HTMLInputElement;
    const H = this.#cells[k].length;
    const W = this.#cells[k][0].length;
    if (this.#painting && (event.key === ' ' || event.key === 'Spacebar')) {
      event.preventDefault();
      this.#stroke = new Set();
      this.#paintCell(input as Cell);
      this.#stroke = null;
      return;
    }
    const all = input.selectionStart === 0 && input.selectionEnd === input.value.length;
    const atStart = all || (input.selectionStart === 0 && input.selectionEnd === 0);
    const atEnd = all || (input.selectionStart === input.value.length && input.selectionEnd === input.value.length);
    let [ni, nj] = [i, j];
    if (event.key === 'ArrowUp') ni = i - 1;
    else if (event.key === 'ArrowDown' || event.key === 'Enter') ni = i + 1;
    else if (event.key === 'ArrowLeft' && atStart) nj = j - 1;
    else if (event.key === 'ArrowRight' && atEnd) nj = j + 1;
    else return;
    event.preventDefault();
    if (ni < 0 || nj < 0 || ni >= H || nj >= W) return;
    this.#cells[k][ni][nj].focus();
  }

  /** The focused cell becomes its grid's one tab stop, so Tab leaves the grid and comes back to it. */
  #rove(k: number, focused: Cell): void {
    for (const row of this.#cells[k]) for (const c of row) c.tabIndex = c === focused ? 0 : -1;
  }
}

export interface EditorControlsOptions {
  messages: Messages;
  /** Where the brush field's refusals are said. */
  problems: Problems;
  editor: FeatureMapEditor;
  /** Offer K, H, W inputs (bounded by LIMITS); called with the clamped size. */
  onResize?: (K: number, H: number, W: number) => void;
  /** Buttons: presets and reset, in order. */
  actions: { key: string; label: string; run: () => void }[];
  /** The brush's value field (paint mode). */
  brush?: number;
}

/** The editor's tool bar: type or paint (with the brush value), K x H x W, presets and reset. */
export function editorControls(options: EditorControlsOptions): { element: HTMLElement; setSize(K: number, H: number, W: number): void } {
  const { messages: m, editor, onResize, actions } = options;
  const name = `mode-${Math.random().toString(36).slice(2)}`;
  const typeRadio = h('input', { type: 'radio', name, value: 'type', checked: !editor.painting, 'data-mode-type': true });
  const paintRadio = h('input', { type: 'radio', name, value: 'paint', checked: editor.painting, 'data-mode-paint': true });
  // The brush takes what a cell takes; a value it will not use is refused with the range, as a cell's is.
  let brushValue = options.brush ?? 1;
  const brush = h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off', value: String(brushValue), class: 'widget-number', 'aria-label': m['widget.brushValue'], 'data-brush': true });
  brush.addEventListener('input', () => {
    const read = readNumber(brush.value, editor.range, m, m['widget.brushValue'], brushValue);
    if (read.ok) {
      brushValue = read.value;
      brush.removeAttribute('aria-invalid');
      options.problems.set('brush', null);
      editor.setBrush(brushValue);
    } else {
      brush.setAttribute('aria-invalid', 'true');
      options.problems.set('brush', read.message);
    }
  });
  typeRadio.addEventListener('change', () => editor.setPainting(false));
  paintRadio.addEventListener('change', () => editor.setPainting(true, brushValue));
  const mode = h(
    'fieldset',
    { class: 'widget-mode' },
    h('legend', { class: 'visually-hidden' }, m['widget.modeLabel']),
    h('label', {}, typeRadio, ' ', m['widget.modeType']),
    h('label', {}, paintRadio, ' ', m['widget.modePaint']),
    h('label', {}, m['widget.brushValue'], ' ', brush),
  );
  const parts: HTMLElement[] = [mode];
  const sizes: HTMLInputElement[] = [];
  if (onResize) {
    const [K, H, W] = editor.shape;
    const field = (key: 'K' | 'H' | 'W', value: number, max: number) => {
      const input = h('input', { type: 'number', min: 1, max, step: 1, value, class: 'widget-number', 'data-size': key });
      input.addEventListener('change', () => {
        const [k, hh, w] = sizes.map((s, n) => clampSize(Number(s.value), [LIMITS.K, LIMITS.H, LIMITS.W][n]));
        sizes.forEach((s, n) => (s.value = String([k, hh, w][n])));
        onResize(k, hh, w);
      });
      sizes.push(input);
      return h('label', {}, h('var', {}, key), ' ', h('span', { class: 'visually-hidden' }, m[`widget.size${key}`]), input);
    };
    parts.push(h('span', { class: 'widget-sizes' }, field('K', K, LIMITS.K), ' × ', field('H', H, LIMITS.H), ' × ', field('W', W, LIMITS.W)));
  }
  const buttons = actions.map(({ key, label, run }) => {
    const b = h('button', { type: 'button', class: 'widget-button', 'data-action': key }, label);
    b.addEventListener('click', run);
    return b;
  });
  parts.push(h('span', { class: 'widget-actions' }, ...buttons));
  return {
    element: h('div', { class: 'editor-controls' }, ...parts),
    setSize(K, H, W) {
      [K, H, W].forEach((v, n) => sizes[n] && (sizes[n].value = String(v)));
    },
  };
}
