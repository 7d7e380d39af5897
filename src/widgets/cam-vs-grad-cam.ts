import { compareMaps } from '../lib/compare.ts';
import { sceneNames, toyScene, type SceneName } from '../state/toy-scenes.ts';
import { toySchema, toyState } from '../state/toy-state.ts';
import type { Schema } from '../state/url-state.ts';
import { defineWidget } from './kit/define.ts';
import { mapsPart, toyDerivation, weightsPart } from './parts/toy-parts.ts';
import { Heatmap } from './heatmap.ts';
import { mathText } from './math-text.ts';
import { formatNumber } from './format.ts';
import { h, setText } from './dom.ts';

/** The scene the maps were last loaded from (the maps may have been edited since). */
const sceneSchema = { scene: { kind: 'enum', values: sceneNames } } as const satisfies Schema;

/**
 * Lesson 9: CAM and Grad-CAM of the same maps, each min-max scaled to 0..1 as pytorch-grad-cam draws them,
 * their difference, their correlation, and the contrast between the hot centre and the rest with and without
 * Grad-CAM's ReLU. Toy scenes (tiny images made of feature maps) give regions that count against the class.
 */
export default defineWidget({
  schema: { ...toySchema, ...sceneSchema },
  ...toyDerivation,
  defaults: () => ({ ...toyState(toyScene('talk')), scene: 'talk' as SceneName }),
  build(kit) {
    const { m } = kit;
    const maps = mapsPart(kit);
    const weights = weightsPart(kit);
    const select = h('select', { 'aria-label': m['compare.scene'], 'data-scene-select': true });
    for (const name of sceneNames) select.append(h('option', { value: name }, ...mathText(m[`compare.scene.${name}`])));
    select.addEventListener('change', () => {
      const scene = select.value as SceneName;
      kit.set({ ...toyState(toyScene(scene)), scene });
    });
    const cam = new Heatmap(m, { name: 'cam', title: h('span', {}, ...mathText(m['compare.cam'])), label: m['compare.cam'], scale: 'sequential' });
    const grad = new Heatmap(m, { name: 'gradcam', title: h('span', {}, ...mathText(m['compare.gradcam'])), label: m['compare.gradcam'], scale: 'sequential' });
    const diff = new Heatmap(m, { name: 'diff', title: h('span', {}, ...mathText(m['compare.diff'])), label: m['compare.diff'], scale: 'diverging' });
    const out = (name: string) => h('output', { 'data-output': name });
    const [correlation, contrastCam, contrastGrad, surroundCam, surroundGrad] = ['correlation', 'contrast-cam', 'contrast-gradcam', 'surround-cam', 'surround-gradcam'].map(out);
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
    return {
      parts: [
        h('label', { class: 'scene-choice' }, h('span', {}, ...mathText(m['compare.scene']), ' '), select),
        h('h4', { class: 'widget-heading' }, ...mathText(m['explain.mapsHeading'])),
        ...maps.parts,
        h('h4', { class: 'widget-heading' }, ...mathText(m['widget.weightsHeading'])),
        weights.element,
        h('h4', { class: 'widget-heading' }, ...mathText(m['compare.heading'])),
        h('p', { class: 'widget-hint' }, ...mathText(m['compare.scaling'])),
        h('div', { class: 'map-row' }, cam.element, grad.element, diff.element),
        h('p', {}, ...mathText(m['compare.correlation']), ' ', correlation),
        h('div', { class: 'table-scroll' }, stats),
        h('p', { class: 'widget-hint' }, ...mathText(m['compare.contrastNote'])),
      ],
      render(d, state) {
        maps.show(state, d);
        weights.show(state, d);
        select.value = state.scene;
        const cmp = compareMaps(d.M, d.gradCam);
        cam.show(cmp.a, d.H, d.W, kit.cmap());
        grad.show(cmp.b, d.H, d.W, kit.cmap());
        diff.show(cmp.diff, d.H, d.W, kit.cmap());
        setText(correlation, Number.isNaN(cmp.correlation) ? m['compare.flat'] : formatNumber(cmp.correlation));
        setText(contrastCam, formatNumber(cmp.contrastA.contrast));
        setText(contrastGrad, formatNumber(cmp.contrastB.contrast));
        setText(surroundCam, formatNumber(cmp.contrastA.surround));
        setText(surroundGrad, formatNumber(cmp.contrastB.surround));
      },
    };
  },
});
