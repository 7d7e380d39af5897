import { format, type MessageKey } from '../i18n/index.ts';
import { flattenMaps } from '../lib/convolve.ts';
import { countChanged } from '../lib/cam-identity.ts';
import { defineWidget } from './kit/define.ts';
import { imagePart, network, toyNetworkDerivation, type ImageState } from './parts/toy-image.ts';
import { colourScale, extent, Legend } from './colormap.ts';
import { HeatGrid } from './heatmap.ts';
import { formatNumber } from './format.ts';
import { h, symbol, setText } from './dom.ts';

/** What a move of the image is compared with: the flattened maps and the GAP values before it. */
interface Before {
  flat: number[];
  F: number[];
  img: number[][];
}

/**
 * Lesson 2: the filters of the toy network, their feature maps for the learner's image, the maps flattened
 * into one vector and their GAP values, and what a move of the object changes in each.
 */
export default defineWidget({
  ...toyNetworkDerivation,
  build(kit) {
    const { m } = kit;
    let last: { flat: number[]; F: number[]; img: number[][] } | null = null;
    // Set by a move button: the next image is compared with this one until the image changes otherwise.
    let pendingMove: Before | null = null;
    let compared: Before | null = null;
    const image = imagePart(kit, () => void (pendingMove = last));

    // The filters are fixed: drawn once, on the diverging scale (they are signed).
    const [fmin, fmax] = extent(...network.filters.map((f) => f.flat()));
    const filterRow = h(
      'div',
      { class: 'panel-row' },
      ...network.filters.map((f, k) => {
        const grid = new HeatGrid({ label: format(m['toy.filter'], { k: k + 1, name: '' }) });
        grid.show(f.flat(), 3, 3, colourScale('viridis', fmin, fmax));
        return h('figure', { 'data-link': `k${k}` }, h('figcaption', {}, format(m['toy.filter'], { k: k + 1, name: m[`toy.filterName.${k}` as MessageKey] ?? '' })), grid.table);
      }),
    );
    const size = network.size;
    const grids = network.filters.map((_, k) => new HeatGrid({ label: format(m['widget.map'], { k: k + 1 }), output: `A-${k}` }));
    const mapsRow = h('div', { class: 'panel-row' }, ...grids.map((grid, k) => h('figure', { 'data-link': `k${k}` }, h('figcaption', {}, symbol('A', undefined, k + 1)), grid.table)));
    const legend = new Legend(m);
    const strip = h('div', { class: 'flat-strip', role: 'img' });
    // What a move changed is a comparison of two moments, not part of the state a link restores.
    const flatLine = h('p', { class: 'formula-line', 'data-output': 'flat-changed', 'data-transient': true });
    const gapLine = h('p', { class: 'formula-line' });

    return {
      parts: [
        ...image.parts,
        h('h4', { class: 'widget-heading' }, m['toy.filtersHeading']),
        filterRow,
        h('h4', { class: 'widget-heading' }, m['toy.mapsHeading']),
        mapsRow,
        legend.element,
        h('h4', { class: 'widget-heading' }, m['toy.flatHeading']),
        strip,
        flatLine,
        h('h4', { class: 'widget-heading' }, m['toy.gapHeading']),
        gapLine,
      ],
      render({ A, derived }, state: ImageState) {
        image.show(state);
        const flat = flattenMaps(A);
        const F = Array.from(derived.F);
        if (last?.img !== state.img) compared = pendingMove; // a new image: compared only if a move made it
        pendingMove = null;
        last = { flat, F, img: state.img };

        const [min, max] = extent(...A.map((a) => a.flat()));
        const scale = colourScale(kit.cmap(), min, max);
        legend.show(scale);
        A.forEach((a, k) => grids[k].show(a.flat(), size, size, scale));

        const changed = compared ? countChanged(compared.flat, flat) : null;
        if (strip.childElementCount !== flat.length) strip.replaceChildren(...flat.map(() => h('span', {})));
        const cells = strip.children;
        flat.forEach((v, n) => {
          const cell = cells[n] as HTMLElement;
          cell.style.backgroundColor = scale(v).fill;
          cell.classList.toggle('changed', compared !== null && compared.flat[n] !== v);
        });
        strip.setAttribute('aria-label', format(m['toy.flatAlt'], { n: flat.length }));
        setText(flatLine, changed === null ? format(m['toy.flatLength'], { K: derived.K, H: derived.H, W: derived.W, n: flat.length }) : format(m['toy.flatChanged'], { changed, n: flat.length }));
        flatLine.dataset.changed = changed === null ? '' : String(changed);
        const same = compared ? compared.F.every((f, k) => f === F[k]) : null;
        gapLine.dataset.same = same === null ? '' : String(same);
        gapLine.replaceChildren(
          ...F.flatMap((f, k) => [k > 0 ? ', ' : '', h('span', { 'data-link': `k${k}` }, symbol('F', undefined, k + 1), ' = ', h('output', { 'data-output': `F-${k}` }, formatNumber(f)))]),
          same === null ? '' : ` — ${same ? m['toy.gapSame'] : m['toy.gapChanged']}`,
        );
      },
    };
  },
});
