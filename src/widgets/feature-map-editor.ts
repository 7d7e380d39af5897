import { format, type Messages } from '../i18n/index.ts';
import { h, symbol } from './dom.ts';
import { numberInput, type Problems } from './number-input.ts';
import { sequentialColours, extent } from './colormap.ts';

type Cell = ReturnType<typeof numberInput>;

export interface FeatureMapEditorOptions {
  A: number[][][];
  messages: Messages;
  problems: Problems;
  onEdit: (k: number, i: number, j: number, value: number) => void;
}

/**
 * K editable H x W grids. Each grid is one tab stop (roving tabindex); arrow keys move between cells,
 * Enter moves down, typing replaces the value. Cells are coloured by value on one shared scale.
 */
export class FeatureMapEditor {
  readonly element: HTMLElement;
  /** Per channel, a slot under the grid where the page shows what derives from that map (F_k, ...). */
  readonly footers: HTMLElement[] = [];
  #cells: Cell[][][] = [];

  constructor(options: FeatureMapEditorOptions) {
    const { A, messages, problems, onEdit } = options;
    this.element = h('div', { class: 'feature-maps' });
    A.forEach((map, k) => {
      const table = h('table', { class: 'fmap', 'data-k': k });
      table.append(h('caption', {}, symbol('A', undefined, k + 1), ' ', h('span', { class: 'visually-hidden' }, format(messages['widget.map'], { k: k + 1 }))));
      const rows: Cell[][] = [];
      map.forEach((row, i) => {
        const tr = h('tr');
        const cells: Cell[] = [];
        row.forEach((value, j) => {
          const label = format(messages['widget.cell'], { k: k + 1, i: i + 1, j: j + 1 });
          const cell = numberInput({ key: `A${k}-${i}-${j}`, label, value, messages, problems, onValue: (v) => onEdit(k, i, j, v) });
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
        table.append(tr);
      });
      this.#cells.push(rows);
      const footer = h('div', { class: 'fmap-footer' });
      this.footers.push(footer);
      this.element.append(h('figure', { class: 'fmap-figure' }, table, footer));
    });
  }

  cell(k: number, i: number, j: number): Cell {
    return this.#cells[k][i][j];
  }

  /** Writes values into every cell (after a reset or a preset), clearing invalid marks. */
  setValues(A: number[][][]): void {
    A.forEach((map, k) => map.forEach((row, i) => row.forEach((v, j) => this.#cells[k][i][j].setValue(v))));
  }

  /** Colours every cell on one scale over all maps, so maps can be compared by eye. */
  paint(A: number[][][]): void {
    const [min, max] = extent(...A.flat());
    const colour = sequentialColours(min, max);
    A.forEach((map, k) =>
      map.forEach((row, i) =>
        row.forEach((v, j) => {
          const { fill, text } = colour(v);
          const style = this.#cells[k][i][j].style;
          style.backgroundColor = fill;
          style.color = text;
        }),
      ),
    );
  }

  #navigate(event: KeyboardEvent, k: number, i: number, j: number): void {
    const input = event.target as HTMLInputElement;
    const H = this.#cells[k].length;
    const W = this.#cells[k][0].length;
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
    this.#focusCell(k, ni, nj);
  }

  #focusCell(k: number, i: number, j: number): void {
    this.#cells[k][i][j].focus();
  }

  /** The focused cell becomes its grid's one tab stop, so Tab leaves the grid and comes back to it. */
  #rove(k: number, focused: Cell): void {
    for (const row of this.#cells[k]) for (const c of row) c.tabIndex = c === focused ? 0 : -1;
  }
}
