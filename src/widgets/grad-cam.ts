import { format, type Locale } from '../i18n/index.ts';
import { seedExample } from '../state/seed-example.ts';
import { formatNumber } from '../state/parse-number.ts';
import type { ToyStore } from '../state/toy-store.ts';
import { createToyFrame, headChoice, targetChoice } from './toy-frame.ts';
import { Heatmap } from './heatmap.ts';
import { mathText } from './math-text.ts';
import { h, symbol } from './dom.ts';

/**
 * Lesson 7: Grad-CAM computed live. One gradient map dy^c/dA^k_ij per channel (signed, diverging colours),
 * alpha_k^c as its mean, the weighted sum before the ReLU, the map after it, and HiResCAM beside it.
 * The head and the differentiated quantity (score or probability) can be switched.
 */
export function mountGradCam(host: HTMLElement, locale: Locale): ToyStore {
  const frame = createToyFrame(host, locale, seedExample);
  const { m, store } = frame;
  const K = store.inputs.A.length;
  const head = headChoice(frame);
  const target = targetChoice(frame);

  const gradients = Array.from({ length: K }, (_, k) => {
    const map = new Heatmap({
      name: `grad-${k}`,
      title: h('span', {}, '∂', symbol('y', undefined, 'c'), ' / ∂', symbol('A', 'ij', k + 1)),
      label: format(m['gradcam.gradLabel'], { k: k + 1 }),
      scale: 'diverging',
    });
    const alpha = h('output', { 'data-output': `alpha-${k}` });
    const spread = h('output', { 'data-output': `spread-${k}` });
    map.element.append(
      h('p', { class: 'map-footer' }, symbol('α', k + 1, 'c'), ' = ', alpha),
      h('p', { class: 'map-footer widget-hint' }, ...mathText(m['gradcam.spread']), ' ', spread),
    );
    return { map, alpha, spread };
  });
  const linear = new Heatmap({ name: 'linear', title: h('span', {}, ...mathText(m['gradcam.linear'])), label: m['gradcam.linear'], scale: 'diverging' });
  const relu = new Heatmap({ name: 'gradcam', title: h('span', {}, ...mathText(m['gradcam.relu'])), label: m['gradcam.relu'], scale: 'sequential' });
  const hires = new Heatmap({ name: 'hirescam', title: h('span', {}, ...mathText(m['gradcam.hires'])), label: m['gradcam.hires'], scale: 'sequential' });
  const y = h('output', { 'data-output': 'y' });

  host.replaceChildren(
    frame.bar,
    frame.problems.element,
    h('div', { class: 'choice-row' }, head.element, target.element),
    h('h4', { class: 'widget-heading' }, ...mathText(m['explain.mapsHeading'])),
    frame.editor.element,
    h('p', { class: 'widget-hint' }, ...mathText(m['widget.keys'])),
    h('h4', { class: 'widget-heading' }, ...mathText(m['widget.weightsHeading'])),
    frame.weights.element,
    h('p', { class: 'widget-hint' }, ...mathText(m['gradcam.weightsNote'])),
    h('p', { class: 'y-line' }, ...mathText(m['gradcam.y']), ' ', y),
    h('h4', { class: 'widget-heading' }, ...mathText(m['gradcam.gradHeading'])),
    h('div', { class: 'map-row' }, ...gradients.map((g) => g.map.element)),
    h('h4', { class: 'widget-heading' }, ...mathText(m['gradcam.mapHeading'])),
    h('div', { class: 'map-row' }, linear.element, relu.element, hires.element),
  );

  store.subscribe((state) => {
    const { derived: d, inputs } = state;
    head.set(d.head);
    target.set(inputs.target ?? 'score');
    const c = inputs.c;
    y.replaceChildren(
      ...mathText(
        format(m[(inputs.target ?? 'score') === 'score' ? 'gradcam.y.score' : 'gradcam.y.probability'], {
          c: c + 1,
          value: formatNumber((inputs.target ?? 'score') === 'score' ? d.S[c] : d.p[c]),
        }),
      ),
    );
    gradients.forEach((g, k) => {
      g.map.show(d.dYdA.subarray(k * d.Z, (k + 1) * d.Z), d.H, d.W);
      g.alpha.textContent = formatNumber(d.alpha[k]);
      g.spread.textContent = `${formatNumber(d.gradMin[k])} … ${formatNumber(d.gradMax[k])}`;
    });
    linear.show(d.gradCamLinear, d.H, d.W);
    relu.show(d.gradCam, d.H, d.W);
    hires.show(d.hiResCam, d.H, d.W);
    frame.rendered(state);
  });
  void store.refresh();
  return store;
}
