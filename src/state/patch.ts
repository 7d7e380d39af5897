/**
 * Edits of nested arrays that copy only the path to the changed value and share everything else, so a
 * store sees which fields are new by reference and a 64-map state is never deep-copied for one cell.
 */
export function withItem(list: readonly number[], i: number, value: number): number[] {
  const next = list.slice();
  next[i] = value;
  return next;
}

export function withEntry(rows: readonly (readonly number[])[], i: number, j: number, value: number): number[][] {
  const next = rows.slice() as number[][];
  next[i] = withItem(rows[i], j, value);
  return next;
}

export function withCell(maps: readonly (readonly (readonly number[])[])[], k: number, i: number, j: number, value: number): number[][][] {
  const next = maps.slice() as number[][][];
  next[k] = withEntry(maps[k], i, j, value);
  return next;
}
