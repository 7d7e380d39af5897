import { format } from '../i18n/index.ts';
import { centreContrast, compareMaps, minMaxScale } from '../lib/compare.ts';
import { defineWidget } from './kit/define.ts';
import { shapesParts, shapesSchema } from './parts/trained-shapes.ts';
import { computerFor, MapOverlay, netChoice, netSchema, sequentialScale, setupNets } from './parts/trained-grad-cam.ts';
import { Heatmap } from './heatmap.ts';
import { mathText, setMathText } from './math-text.ts';
import { formatNumber } from './format.ts';
import { h, setText } from './dom.ts';

/**
 * Lesson 9: CAM and Grad-CAM of the same test image on a trained network, each min-max scaled to 0..1 as
 * the toy comparison above it draws them, their difference, their correlation and the centre/surround
 * contrast (src/lib/compare.ts), on the 16 x 16 maps of the last conv layer. On shapes-gap both exist and
 * alpha_k^c Z = w_k^c is checked; on shapes-fc CAM does not exist, and the widget says why.
 */
export default defineWidget({
  schema: { ...netSchema, ...shapesSchema },
  setup: setupNets('gap'),
  defaults: () => ({ net: 'gap' as const, set: 'one' as const, n: 0 }),
  compute: (state, nets) => computerFor(nets)(state),
  computeFrom: ['net', 'set', 'n', 'c'],
  build(kit) {
    const { m } = kit;
    const shapes = shapesParts(kit);
    const net = netChoice(kit);
    const camOverlay = new MapOverlay(m, 'cam');
    const gradOverlay = new MapOverlay(m, 'grad-cam');
    const noCam = h('p', { class: 'widget-notice', 'data-output': 'net-no-cam', hidden: true });
    const cam = new Heatmap(m, { name: 'net-cam', title: h('span', {}, ...mathText(m['compare.cam'])), label: m['compare.cam'], scale: 'sequential' });
    const grad = new Heatmap(m, { name: 'net-gradcam', title: h('span', {}, ...mathText(m['compare.gradcam'])), label: m['compare.gradcam'], scale: 'sequential' });
    const diff = new Heatmap(m, { name: 'net-diff', title: h('span', {}, ...mathText(m['compare.diff'])), label: m['compare.diff'], scale: 'diverging' });
    const out = (name: string) => h('output', { 'data-output': name });
    const [correlation, contrastCam, contrastGrad, surroundCam, surroundGrad] = ['net-correlation', 'net-contrast-cam', 'net-contrast-gradcam', 'net-surround-cam', 'net-surround-gradcam'].map(out);
    const camRow = h('tr', {}, h('th', { scope: 'row' }, ...mathText(m['compare.cam'])), h('td', {}, surroundCam), h('td', {}, contrastCam));
    const stats = h(
      'table',
      { class: 'weights compare-stats' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }), h('th', { scope: 'col' }, ...mathText(m['compare.surround'])), h('th', { scope: 'col' }, ...mathText(m['compare.contrast'])))),
      h('tbody', {}, camRow, h('tr', {}, h('th', { scope: 'row' }, ...mathText(m['compare.gradcam'])), h('td', {}, surroundGrad), h('td', {}, contrastGrad))),
    );
    const negative = h('p', { class: 'formula-line', 'data-output': 'net-negative' });
    const check = h('p', { class: 'formula-line', 'data-output': 'net-alpha-check' });
    return {
      parts: [
        net.element,
        ...shapes.chooser(),
        shapes.truth,
        h('h4', { class: 'widget-heading' }, m['toy.scoresHeading']),
        shapes.bars.element,
        shapes.bars.verdict,
        h('h4', { class: 'widget-heading' }, ...mathText(m['compare.heading'])),
        h('p', { class: 'widget-hint' }, ...mathText(m['compare.scaling'])),
        noCam,
        negative,
        h('div', { class: 'panel-row' }, camOverlay.element, gradOverlay.element),
        h('div', { class: 'map-row' }, cam.element, grad.element, diff.element),
        h('p', {}, ...mathText(m['compare.correlation']), ' ', correlation),
        h('div', { class: 'table-scroll' }, stats),
        h('p', { class: 'widget-hint' }, ...mathText(m['compare.contrastNote'])),
        check,
      ],
      render(result, state) {
        shapes.show(result, state);
        net.show(state);
        const { x, sample } = result;
        const { c, H, W, K } = x;
        const Z = H * W;
        const name = shapes.names[c];
        const unit = sequentialScale(kit.cmap(), 1);
        setMathText(gradOverlay.caption, format(m['net.gradCamScaled'], { name }));
        gradOverlay.show(sample, minMaxScale(x.gradCamUp), unit, format(m['net.gradCamScaledAlt'], { name }));
        noCam.hidden = x.cam !== null;
        noCam.replaceChildren(...(x.cam ? [] : mathText(m['net.noCam'])));
        camRow.hidden = x.cam === null;
        check.hidden = x.cam === null;
        negative.hidden = x.cam === null;
        if (!x.cam) {
          // What belongs to CAM is emptied, not only hidden: a link to this state must show the same page.
          camOverlay.hide();
          for (const map of [cam, diff]) {
            map.absent(m['net.noCamShort']);
            map.grid.clear(H, W);
          }
          for (const output of [surroundCam, contrastCam, check, negative]) setText(output, '');
          const scaled = minMaxScale(x.gradCam);
          grad.show(scaled, H, W, kit.cmap());
          setText(correlation, m['net.noComparison']);
          const only = centreContrast(scaled);
          setText(surroundGrad, formatNumber(only.surround));
          setText(contrastGrad, formatNumber(only.contrast));
          return;
        }
        setMathText(camOverlay.caption, format(m['net.camScaled'], { name, c: c + 1 }));
        camOverlay.show(sample, minMaxScale(x.cam.Mup), unit, format(m['net.camScaledAlt'], { name }));
        const cmp = compareMaps(x.cam.M, x.gradCam);
        const below = x.cam.M.reduce((count, v) => count + (v < 0 ? 1 : 0), 0);
        setMathText(negative, format(m[below ? 'net.negativeCells' : 'net.noNegativeCells'], { n: below, Z }));
        cam.show(cmp.a, H, W, kit.cmap());
        grad.show(cmp.b, H, W, kit.cmap());
        diff.show(cmp.diff, H, W, kit.cmap(), 1e-6);
        setText(correlation, Number.isNaN(cmp.correlation) ? m['compare.flat'] : formatNumber(cmp.correlation));
        setText(contrastCam, formatNumber(cmp.contrastA.contrast));
        setText(contrastGrad, formatNumber(cmp.contrastB.contrast));
        setText(surroundCam, formatNumber(cmp.contrastA.surround));
        setText(surroundGrad, formatNumber(cmp.contrastB.surround));
        // Lesson 8 on the trained network: alpha_k^c = w_k^c / Z, so before its ReLU Grad-CAM's map is M_c / Z.
        let error = 0;
        for (let k = 0; k < K; k++) error = Math.max(error, Math.abs(x.alpha[k] * Z - x.cam.w[k]));
        setMathText(check, format(m['net.alphaCheck'], { Z, K, error: formatNumber(error) }));
      },
    };
  },
});
