import { format } from '../i18n/index.ts';
import { headParameters } from '../lib/convolve.ts';
import { toySchema } from '../state/toy-state.ts';
import type { Schema } from '../state/url-state.ts';
import { defineWidget } from './kit/define.ts';
import { mapsPart, toyDerivation } from './parts/toy-parts.ts';
import { numberInput } from './number-input.ts';
import { formatNumber } from './format.ts';
import { h, symbol } from './dom.ts';

/** The sizes of the parameter counter: by default the CAM paper's GoogLeNet-GAP, 1024 maps of 14 x 14 and 1000 classes. */
const sizeSchema = {
  pK: { kind: 'int', min: 1, max: 100_000 },
  pH: { kind: 'int', min: 1, max: 10_000 },
  pW: { kind: 'int', min: 1, max: 10_000 },
  pC: { kind: 'int', min: 1, max: 100_000 },
} as const satisfies Schema;
const sizeKeys = ['pK', 'pH', 'pW', 'pC'] as const;

/**
 * Lesson 3: editable K x H x W maps, GAP and GMP side by side for every map, the K numbers that come out
 * whatever H x W is, and the parameter count of flatten + FC against GAP + FC.
 */
export default defineWidget({
  schema: { ...toySchema, ...sizeSchema },
  ...toyDerivation,
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
    return {
      parts: [
        ...maps.parts,
        h('h4', { class: 'widget-heading' }, m['gap.sideBySide']),
        h('div', { class: 'table-scroll' }, poolTable),
        countLine,
        h('h4', { class: 'widget-heading' }, m['gap.paramsHeading']),
        h('p', { class: 'editor-controls' }, ...fields.map((f) => f.label)),
        h('div', { class: 'table-scroll' }, paramOut),
      ],
      render(derived, state) {
        maps.show(state, derived);
        const rows = [h('tr', {}, h('th', { scope: 'col' }, m['gap.map']), h('th', { scope: 'col' }, m['gap.gap']), h('th', { scope: 'col' }, m['gap.gmp']))];
        for (let k = 0; k < derived.K; k++) {
          rows.push(h('tr', { 'data-link': `k${k}` }, h('th', { scope: 'row' }, symbol('A', undefined, k + 1)), h('td', {}, formatNumber(derived.F[k])), h('td', {}, formatNumber(derived.Fmax[k]))));
        }
        poolTable.replaceChildren(...rows);
        countLine.textContent = format(m['gap.count'], { K: derived.K, H: derived.H, W: derived.W, cells: derived.K * derived.Z, values: Array.from(derived.F, formatNumber).join(', ') });
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
