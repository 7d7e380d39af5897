import type { Locale } from '../i18n/index.ts';
import { compareMaps } from '../lib/compare.ts';
import { formatNumber } from '../state/parse-number.ts';
import { sceneNames, toyScene, type SceneName } from '../state/toy-scenes.ts';
import type { ToyStore } from '../state/toy-store.ts';
import { createToyFrame } from './toy-frame.ts';
import { Heatmap } from './heatmap.ts';
import { mathText } from './math-text.ts';
import { h } from './dom.ts';

/**
 * Lesson 9: CAM and Grad-CAM of the same maps, each min-max scaled to 0..1 as pytorch-grad-cam draws them,
 * their difference, their correlation, and the contrast between the hot centre and the rest with and without
 * Grad-CAM's ReLU. Toy scenes (tiny images made of feature maps) give regions that count against the class.
 */
export function mountCamVsGradCam(host: HTMLElement, locale: Locale): ToyStore {
  let scene: SceneName = 'talk';
  const frame = createToyFrame(host, locale, () => toyScene(scene));
  const { m, store } = frame;

  const select = h('select', { 'aria-label': m['compare.scene'], 'data-scene-select': true });
  for (const name of sceneNames) select.append(h('option', { value: name }, ...mathText(m[`compare.scene.${name}`])));
  select.addEventListener('change', () => {
    scene = select.value as SceneName;
    frame.load(toyScene(scene));
  });

  const cam = new Heatmap({ name: 'cam', title: h('span', {}, ...mathText(m['compare.cam'])), label: m['compare.cam'], scale: 'sequential' });
  const grad = new Heatmap({ name: 'gradcam', title: h('span', {}, ...mathText(m['compare.gradcam'])), label: m['compare.gradcam'], scale: 'sequential' });
  const diff = new Heatmap({ name: 'diff', title: h('span', {}, ...mathText(m['compare.diff'])), label: m['compare.diff'], scale: 'diverging' });
  const correlation = h('output', { 'data-output': 'correlation' });
  const contrastCam = h('output', { 'data-output': 'contrast-cam' });
  const contrastGrad = h('output', { 'data-output': 'contrast-gradcam' });
  const surroundCam = h('output', { 'data-output': 'surround-cam' });
  const surroundGrad = h('output', { 'data-output': 'surround-gradcam' });
  const stats = h(
    'table',
    { class: 'weights compare-stats' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }), h('th', { scope: 'col' }, ...mathText(m['compare.surround'])), h('th', { scope: 'col' }, ...mathText(m['compare.contrast'])))),
    h(
      'tbody',
      {},
      h('tr', {}, h('th', { scope: 'row' }, ...mathText(m['compare.cam'])), h('td', {}, surroundCam), h('td', {}, contrastCam)),
      h('tr', {}, h('th', { scope: 'row' }, ...mathText(m['compare.gradcam'])), h('td', {}, surroundGrad), h('td', {}, contrastGrad)),
    ),
  );

  host.replaceChildren(
    frame.bar,
    frame.problems.element,
    h('label', { class: 'scene-choice' }, h('span', {}, ...mathText(m['compare.scene']), ' '), select),
    h('h4', { class: 'widget-heading' }, ...mathText(m['explain.mapsHeading'])),
    frame.editor.element,
    h('p', { class: 'widget-hint' }, ...mathText(m['widget.keys'])),
    h('h4', { class: 'widget-heading' }, ...mathText(m['widget.weightsHeading'])),
    frame.weights.element,
    h('h4', { class: 'widget-heading' }, ...mathText(m['compare.heading'])),
    h('p', { class: 'widget-hint' }, ...mathText(m['compare.scaling'])),
    h('div', { class: 'map-row' }, cam.element, grad.element, diff.element),
    h('p', {}, ...mathText(m['compare.correlation']), ' ', correlation),
    h('div', { class: 'table-scroll' }, stats),
    h('p', { class: 'widget-hint' }, ...mathText(m['compare.contrastNote'])),
  );

  store.subscribe((state) => {
    const d = state.derived;
    const cmp = compareMaps(d.M, d.gradCam);
    cam.show(cmp.a, d.H, d.W);
    grad.show(cmp.b, d.H, d.W);
    diff.show(cmp.diff, d.H, d.W);
    correlation.textContent = Number.isNaN(cmp.correlation) ? m['compare.flat'] : formatNumber(cmp.correlation);
    contrastCam.textContent = formatNumber(cmp.contrastA.contrast);
    contrastGrad.textContent = formatNumber(cmp.contrastB.contrast);
    surroundCam.textContent = formatNumber(cmp.contrastA.surround);
    surroundGrad.textContent = formatNumber(cmp.contrastB.surround);
    frame.rendered(state);
  });
  void store.refresh();
  return store;
}

