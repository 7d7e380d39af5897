import { format } from '../i18n/index.ts';
import { defineWidget } from './kit/define.ts';
import { imagePart, network, toyNetworkDerivation } from './parts/toy-image.ts';
import { ClassBars } from './class-bars.ts';
import { colourScale, extent, Legend } from './colormap.ts';
import { drawOverlay } from './heatmap.ts';
import { formatNumber } from './format.ts';
import { h, symbol } from './dom.ts';

/**
 * Lesson 1: a toy image the learner paints, the class scores of a small network computed with tfjs,
 * and the CAM of the chosen class over the image.
 */
export default defineWidget({
  ...toyNetworkDerivation,
  build(kit) {
    const { m } = kit;
    const image = imagePart(kit);
    const names = network.classes.map((c) => m[c]);
    const bars = new ClassBars(m, names, 'cam-toy-cam-class', (c) => kit.set({ c }));
    const camCanvas = h('canvas', { class: 'overlay-canvas pixel-canvas', role: 'img', 'data-canvas': 'cam' });
    const camCaption = h('figcaption');
    const legend = new Legend(m);
    return {
      parts: [...image.parts, h('h4', { class: 'widget-heading' }, m['toy.scoresHeading']), bars.element, bars.verdict, h('figure', { class: 'cam-figure' }, camCaption, camCanvas, legend.element)],
      render({ derived }, state) {
        image.show(state);
        bars.show(derived.S, derived.p, state.c);
        const [min, max] = extent(derived.M);
        const scale = colourScale(kit.cmap(), min, max);
        legend.show(scale);
        camCaption.replaceChildren(format(m['toy.camCaption'], { name: names[state.c] }), ' (', symbol('M', state.c + 1), ')');
        // Strokes dark on a light ground, the map laid over them.
        drawOverlay(camCanvas, network.size, network.size, state.img.flat().map((v) => 1 - 0.8 * v), derived.M, scale, 0.6);
        camCanvas.setAttribute('aria-label', format(m['toy.camAlt'], { name: names[state.c], max: formatNumber(max) }));
      },
    };
  },
});
