import { format, type Locale } from '../i18n/index.ts';
import { seedExample } from '../state/seed-example.ts';
import type { ToyStore } from '../state/toy-store.ts';
import { formatNumber } from '../state/parse-number.ts';
import { headParameters } from '../lib/convolve.ts';
import type { Schema, StateValues } from '../state/url-state.ts';
import { toyKit } from './toy-kit.ts';
import { announceRendered } from './toy-common.ts';
import { h, symbol } from './dom.ts';

export const GAP_TAG = 'cam-gap';

const paramSchema = {
  pK: { kind: 'int', min: 1, max: 100_000, optional: true },
  pH: { kind: 'int', min: 1, max: 10_000, optional: true },
  pW: { kind: 'int', min: 1, max: 10_000, optional: true },
  pC: { kind: 'int', min: 1, max: 100_000, optional: true },
} as const satisfies Schema;

/** The CAM paper's GoogLeNet-GAP: 1024 maps of 14 x 14 before GAP, and the 1000 ILSVRC classes. */
const paperSizes = { pK: 1024, pH: 14, pW: 14, pC: 1000 };

/**
 * Lesson 3's widget: editable K x H x W maps, GAP and GMP side by side for every map, the K numbers
 * that come out whatever H x W is, and the parameter count of flatten + FC against GAP + FC.
 */
export function mountGap(host: HTMLElement, locale: Locale): ToyStore {
  const sizes = { ...paperSizes };
  const kit = toyKit({
    host,
    locale,
    key: GAP_TAG,
    defaults: seedExample,
    footer: (k) => [
      h('span', { 'data-link': `k${k}` }, symbol('F', undefined, k + 1), ' = ', h('output', { 'data-output': `F-${k}` })),
      h('br'),
      h('span', { class: 'gmp' }, 'max = ', h('output', { 'data-output': `Fmax-${k}` })),
    ],
    extra: {
      schema: paramSchema,
      values: (): StateValues => ({ ...sizes }),
      apply: (values) => {
        for (const key of Object.keys(paramSchema) as (keyof typeof paramSchema)[]) if (typeof values[key] === 'number') sizes[key] = values[key] as number;
      },
    },
  });
  const { store, problems, editor, messages: m } = kit;

  const poolTable = h('table', { class: 'param-table pool-table' });
  const countLine = h('p', { class: 'formula-line', 'data-output': 'gap-count' });

  // Parameter counter: sizes the learner picks, by default those of the CAM paper's network.
  const fields = (Object.keys(paramSchema) as (keyof typeof paramSchema)[]).map((key) => {
    const input = h('input', { type: 'number', min: 1, max: paramSchema[key].max, step: 1, value: sizes[key], class: 'widget-number', 'data-param': key });
    input.addEventListener('input', () => {
      const v = Number(input.value);
      if (Number.isInteger(v) && v >= 1 && v <= paramSchema[key].max) {
        input.removeAttribute('aria-invalid');
        sizes[key] = v;
        kit.touch();
        void store.refresh();
      } else input.setAttribute('aria-invalid', 'true');
    });
    return h('label', {}, h('var', {}, key.slice(1)), ' ', h('span', { class: 'visually-hidden' }, m[`gap.param.${key}`]), input);
  });
  const paramOut = h('table', { class: 'param-table' });

  host.replaceChildren(
    kit.bar,
    kit.notice,
    problems.element,
    kit.controls,
    editor.element,
    kit.legend.element,
    h('p', { class: 'widget-hint' }, m['widget.keys']),
    h('h4', { class: 'widget-heading' }, m['gap.sideBySide']),
    h('div', { class: 'table-scroll' }, poolTable),
    countLine,
    h('h4', { class: 'widget-heading' }, m['gap.paramsHeading']),
    h('p', { class: 'editor-controls' }, ...fields),
    h('div', { class: 'table-scroll' }, paramOut),
  );

  store.subscribe((state) => {
    const { derived } = state;
    kit.paintMaps(state);
    const rows = [h('tr', {}, h('th', { scope: 'col' }, m['gap.map']), h('th', { scope: 'col' }, m['gap.gap']), h('th', { scope: 'col' }, m['gap.gmp']))];
    for (let k = 0; k < derived.K; k++) {
      host.querySelector(`[data-output="F-${k}"]`)!.textContent = formatNumber(derived.F[k]);
      host.querySelector(`[data-output="Fmax-${k}"]`)!.textContent = formatNumber(derived.Fmax[k]);
      rows.push(h('tr', { 'data-link': `k${k}` }, h('th', { scope: 'row' }, symbol('A', undefined, k + 1)), h('td', {}, formatNumber(derived.F[k])), h('td', {}, formatNumber(derived.Fmax[k]))));
    }
    poolTable.replaceChildren(...rows);
    countLine.textContent = format(m['gap.count'], {
      K: derived.K,
      H: derived.H,
      W: derived.W,
      cells: derived.K * derived.Z,
      values: Array.from(derived.F, formatNumber).join(', '),
    });
    const p = headParameters(sizes.pK, sizes.pH, sizes.pW, sizes.pC);
    const n = (x: number) => x.toLocaleString(locale);
    paramOut.replaceChildren(
      h('tr', {}, h('th', { scope: 'row' }, m['gap.flattenFC']), h('td', {}, `${n(sizes.pK)} × ${n(sizes.pH)} × ${n(sizes.pW)} × ${n(sizes.pC)} + ${n(sizes.pC)} = `, h('output', { 'data-output': 'params-flatten' }, n(p.flatten)))),
      h('tr', {}, h('th', { scope: 'row' }, m['gap.gapFC']), h('td', {}, `${n(sizes.pK)} × ${n(sizes.pC)} + ${n(sizes.pC)} = `, h('output', { 'data-output': 'params-gap' }, n(p.gap)))),
      h('tr', {}, h('th', { scope: 'row' }, m['gap.ratio']), h('td', {}, h('output', { 'data-output': 'params-ratio' }, `${formatNumber(Number((p.flatten / p.gap).toPrecision(4)))} ×`))),
    );
    kit.relink();
    kit.save(state);
    announceRendered(host, state);
  });
  void store.refresh();
  return store;
}
