import { format } from '../i18n/index.ts';
import { headParameters } from '../lib/convolve.ts';
import { derive, type Derived } from '../lib/derive.ts';
import { cellsReached } from '../lib/pooling.ts';
import { toyInputs, toySchema } from '../state/toy-state.ts';
import type { Schema } from '../state/url-state.ts';
import { defineWidget, type Kit } from './kit/define.ts';
import { mapsPart, toyDerivation } from './parts/toy-parts.ts';
import { numberInput } from './number-input.ts';
import { HeatGrid } from './heatmap.ts';
import { colourScale } from './colormap.ts';
import { mathText } from './math-text.ts';
import { formatNumber } from './format.ts';
import { h, symbol, setText } from './dom.ts';

/** The sizes of the parameter counter: by default the CAM paper's GoogLeNet-GAP, 1024 maps of 14 x 14 and 1000 classes. */
const sizeSchema = {
  pK: { kind: 'int', min: 1, max: 100_000 },
  pH: { kind: 'int', min: 1, max: 10_000 },
  pW: { kind: 'int', min: 1, max: 10_000 },
  pC: { kind: 'int', min: 1, max: 100_000 },
} as const satisfies Schema;
const sizeKeys = ['pK', 'pH', 'pW', 'pC'] as const;

/**
 * Where each pooling's gradient goes, map by map: dF^k/dA^k_ij of GAP (every cell, 1/Z) beside GMP's (one cell),
 * from autodiff, with the count of cells each reaches. The reason GAP's maps cover whole objects: during
 * training, only the cells a gradient reaches are taught.
 */
function gradientPart(kit: Kit<unknown, unknown>) {
  const { m } = kit;
  const list = h('div', { class: 'map-row pool-gradients' });
  let maps: { gap: HeatGrid; gmp: HeatGrid; reach: HTMLElement }[] = [];
  const build = (K: number) => {
    maps = Array.from({ length: K }, (_, k) => {
      const label = (pool: string) => format(m['gap.gradLabel'], { pool, k: k + 1 });
      const gap = new HeatGrid({ label: label(m['gap.gap']), name: `dFdA-gap-${k}` });
      const gmp = new HeatGrid({ label: label(m['gap.gmp']), name: `dFdA-gmp-${k}` });
      gap.table.classList.add('heatmap');
      gmp.table.classList.add('heatmap');
      const reach = h('p', { class: 'widget-hint', 'data-output': `reach-${k}` });
      list.append(
        h('figure', { class: 'heatmap-figure', 'data-link': `k${k}` },
          h('figcaption', {}, symbol('A', undefined, k + 1)),
          h('div', { class: 'pool-gradient-pair' }, h('div', {}, h('small', {}, m['gap.gap']), gap.table), h('div', {}, h('small', {}, m['gap.gmp']), gmp.table)),
          reach),
      );
      return { gap, gmp, reach };
    });
  };
  return {
    parts: [h('h4', { class: 'widget-heading' }, ...mathText(m['gap.gradHeading'])), h('p', { class: 'widget-hint' }, ...mathText(m['gap.gradText'])), list, h('p', { class: 'widget-hint' }, m['gap.gradTies'])],
    show(d: Derived): void {
      if (!d.dFdA || !d.dFmaxdA) return;
      if (maps.length !== d.K) {
        list.replaceChildren();
        build(d.K);
      }
      const gapReach = cellsReached(d.dFdA, d.K);
      const gmpReach = cellsReached(d.dFmaxdA, d.K);
      maps.forEach((map, k) => {
        const gap = d.dFdA!.subarray(k * d.Z, (k + 1) * d.Z);
        const gmp = d.dFmaxdA!.subarray(k * d.Z, (k + 1) * d.Z);
        map.gap.show(gap, d.H, d.W, colourScale(kit.cmap(), 0, Math.max(...Array.from(gap))));
        map.gmp.show(gmp, d.H, d.W, colourScale(kit.cmap(), 0, Math.max(...Array.from(gmp))));
        setText(map.reach, format(m['gap.gradReach'], { gap: gapReach[k], gmp: gmpReach[k], cells: d.Z, value: formatNumber(gap[0]) }));
      });
    },
  };
}

/**
 * Lesson 3: editable K x H x W maps, GAP and GMP side by side for every map, the K numbers that come out
 * whatever H x W is, the parameter count of flatten + FC against GAP + FC, and where each pooling's
 * gradient goes (computed with the rest, in the same read-back).
 */
export default defineWidget({
  schema: { ...toySchema, ...sizeSchema },
  ...toyDerivation,
  compute: (state) => derive({ ...toyInputs(state), poolGradients: true }),
  defaults: () => ({ ...toyDerivation.defaults(), pK: 1024, pH: 14, pW: 14, pC: 1000 }),
  build(kit) {
    const { m, locale } = kit;
    const maps = mapsPart(kit, { tools: true, gmp: true });
    const poolTable = h('table', { class: 'param-table pool-table' });
    const countLine = h('p', { class: 'formula-line', 'data-output': 'gap-count' });
    const fields = sizeKeys.map((key) => {
      const input = numberInput({
        key,
        label: m[`gap.param.${key}`],
        value: kit.state[key],
        messages: m,
        problems: kit.problems,
        range: { min: 1, max: sizeSchema[key].max, integer: true },
        onValue: (v) => kit.set({ [key]: v }),
      });
      input.classList.add('widget-number');
      input.dataset.param = key;
      return { key, input, label: h('label', {}, h('var', {}, key.slice(1)), ' ', input) };
    });
    const paramOut = h('table', { class: 'param-table' });
    const gradients = gradientPart(kit);
    return {
      parts: [
        ...maps.parts,
        h('h4', { class: 'widget-heading' }, m['gap.sideBySide']),
        h('div', { class: 'table-scroll' }, poolTable),
        countLine,
        h('h4', { class: 'widget-heading' }, m['gap.paramsHeading']),
        h('p', { class: 'editor-controls' }, ...fields.map((f) => f.label)),
        h('div', { class: 'table-scroll' }, paramOut),
        ...gradients.parts,
      ],
      render(derived, state) {
        maps.show(state, derived);
        const rows = [h('tr', {}, h('th', { scope: 'col' }, m['gap.map']), h('th', { scope: 'col' }, m['gap.gap']), h('th', { scope: 'col' }, m['gap.gmp']))];
        for (let k = 0; k < derived.K; k++) {
          rows.push(h('tr', { 'data-link': `k${k}` }, h('th', { scope: 'row' }, symbol('A', undefined, k + 1)), h('td', {}, formatNumber(derived.F[k])), h('td', {}, formatNumber(derived.Fmax[k]))));
        }
        poolTable.replaceChildren(...rows);
        gradients.show(derived);
        setText(countLine, format(m['gap.count'], { K: derived.K, H: derived.H, W: derived.W, cells: derived.K * derived.Z, values: Array.from(derived.F, formatNumber).join(', ') }));
        for (const f of fields) f.input.setValue(state[f.key]);
        const { pK, pH, pW, pC } = state;
        const p = headParameters(pK, pH, pW, pC);
        const n = (x: number) => x.toLocaleString(locale);
        paramOut.replaceChildren(
          h('tr', {}, h('th', { scope: 'row' }, m['gap.flattenFC']), h('td', {}, `${n(pK)} × ${n(pH)} × ${n(pW)} × ${n(pC)} + ${n(pC)} = `, h('output', { 'data-output': 'params-flatten' }, n(p.flatten)))),
          h('tr', {}, h('th', { scope: 'row' }, m['gap.gapFC']), h('td', {}, `${n(pK)} × ${n(pC)} + ${n(pC)} = `, h('output', { 'data-output': 'params-gap' }, n(p.gap)))),
          h('tr', {}, h('th', { scope: 'row' }, m['gap.ratio']), h('td', {}, h('output', { 'data-output': 'params-ratio' }, `${formatNumber(Number((p.flatten / p.gap).toPrecision(4)))} ×`))),
        );
      },
    };
  },
});
