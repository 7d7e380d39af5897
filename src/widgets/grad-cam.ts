import { format } from '../i18n/index.ts';
import { headSchema, toySchema } from '../state/toy-state.ts';
import { defineWidget } from './kit/define.ts';
import { headParts, mapsPart, toyDerivation, weightsPart } from './parts/toy-parts.ts';
import { Heatmap } from './heatmap.ts';
import { mathText, setMathText } from './math-text.ts';
import { formatNumber } from './format.ts';
import { h, symbol, setText } from './dom.ts';

/**
 * Lesson 7: Grad-CAM computed live. One gradient map dy/dA^k_ij per channel (y is S_c or p_c; signed, diverging colours),
 * alpha_k^c as its mean, the weighted sum before the ReLU, the map after it, and HiResCAM beside it.
 * The head and the differentiated quantity (score or probability) can be switched.
 */
export default defineWidget({
  schema: { ...toySchema, ...headSchema },
  ...toyDerivation,
  build(kit) {
    const { m } = kit;
    const maps = mapsPart(kit);
    const weights = weightsPart(kit);
    const choices = headParts(kit);
    const gradientRow = h('div', { class: 'map-row' });
    let gradients: { map: Heatmap; alpha: HTMLElement; spread: HTMLElement }[] = [];
    /** One gradient map per channel: rebuilt when a link brings another number of channels. */
    const gradientMaps = (K: number) => {
      if (gradients.length === K) return gradients;
      gradients = Array.from({ length: K }, (_, k) => {
        const map = new Heatmap(m, {
          name: `grad-${k}`,
          title: h('span', {}, '∂', symbol('y'), ' / ∂', symbol('A', 'ij', k + 1)),
          label: format(m['gradcam.gradLabel'], { k: k + 1 }),
          scale: 'diverging',
        });
        const alpha = h('output', { 'data-output': `alpha-${k}` });
        const spread = h('output', { 'data-output': `spread-${k}` });
        map.element.append(h('p', { class: 'map-footer' }, symbol('α', k + 1, 'c'), ' = ', alpha), h('p', { class: 'map-footer widget-hint' }, ...mathText(m['gradcam.spread']), ' ', spread));
        return { map, alpha, spread };
      });
      gradientRow.replaceChildren(...gradients.map((g) => g.map.element));
      return gradients;
    };
    const linear = new Heatmap(m, { name: 'linear', title: h('span', {}, ...mathText(m['gradcam.linear'])), label: m['gradcam.linear'], scale: 'diverging' });
    const relu = new Heatmap(m, { name: 'gradcam', title: h('span', {}, ...mathText(m['gradcam.relu'])), label: m['gradcam.relu'], scale: 'sequential' });
    const hires = new Heatmap(m, { name: 'hirescam', title: h('span', {}, ...mathText(m['gradcam.hires'])), label: m['gradcam.hires'], scale: 'sequential' });
    const y = h('output', { 'data-output': 'y' });
    return {
      parts: [
        choices.element,
        h('h4', { class: 'widget-heading' }, ...mathText(m['explain.mapsHeading'])),
        ...maps.parts,
        h('h4', { class: 'widget-heading' }, ...mathText(m['widget.weightsHeading'])),
        weights.element,
        h('p', { class: 'widget-hint' }, ...mathText(m['gradcam.weightsNote'])),
        h('p', { class: 'y-line' }, ...mathText(m['gradcam.y']), ' ', y),
        h('h4', { class: 'widget-heading' }, ...mathText(m['gradcam.gradHeading'])),
        gradientRow,
        h('h4', { class: 'widget-heading' }, ...mathText(m['gradcam.mapHeading'])),
        h('div', { class: 'map-row' }, linear.element, relu.element, hires.element),
      ],
      render(d, state) {
        maps.show(state, d);
        weights.show(state, d);
        choices.show(state);
        const c = state.c;
        const score = (state.target ?? 'score') === 'score';
        setMathText(y, format(m[score ? 'gradcam.y.score' : 'gradcam.y.probability'], { c: c + 1, value: formatNumber(score ? d.S[c] : d.p[c]) }));
        gradientMaps(d.K).forEach((g, k) => {
          g.map.show(d.dYdA.subarray(k * d.Z, (k + 1) * d.Z), d.H, d.W, kit.cmap());
          setText(g.alpha, formatNumber(d.alpha[k]));
          setText(g.spread, `${formatNumber(d.gradMin[k])} … ${formatNumber(d.gradMax[k])}`);
        });
        linear.show(d.gradCamLinear, d.H, d.W, kit.cmap());
        relu.show(d.gradCam, d.H, d.W, kit.cmap());
        hires.show(d.hiResCam, d.H, d.W, kit.cmap());
      },
    };
  },
});
