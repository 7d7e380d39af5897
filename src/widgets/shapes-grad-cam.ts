import { format } from '../i18n/index.ts';
import type { Schema } from '../state/url-state.ts';
import { defineWidget } from './kit/define.ts';
import { shapesParts, shapesSchema } from './parts/trained-shapes.ts';
import { computerFor, MapOverlay, netChoice, netSchema, sequentialScale, setupNets, stateChoice } from './parts/trained-grad-cam.ts';
import { colourScale, extent, Legend } from './colormap.ts';
import { HeatGrid } from './heatmap.ts';
import { mathText, setMathText } from './math-text.ts';
import { formatNumber } from './format.ts';
import { h, setText } from './dom.ts';

/** What is differentiated, and with which sign. */
const gradientSchema = {
  target: { kind: 'enum', values: ['score', 'probability'] },
  sign: { kind: 'enum', values: ['gradient', 'counterfactual'] },
} as const satisfies Schema;

/** The alphas are drawn as a grid of this many per row (64 channels: 4 rows). */
const ALPHA_ROW = 16;

/**
 * Lesson 7: Grad-CAM on a trained network in the page, by default shapes-fc, whose flatten head CAM cannot
 * explain. Any class, the score or the probability, the gradients as they are or negated (the counterfactual
 * map). It shows the map over the test image, the raw map at the last conv layer, the 64 channel weights
 * alpha, how much the gradient varies over positions, and the gradient map of the channel that weighs most.
 */
export default defineWidget({
  schema: { ...netSchema, ...shapesSchema, ...gradientSchema },
  setup: setupNets('fc'),
  defaults: () => ({ net: 'fc' as const, set: 'one' as const, n: 1, target: 'score' as const, sign: 'gradient' as const }),
  compute: (state, nets) => computerFor(nets)(state, { target: state.target, counterfactual: state.sign === 'counterfactual' }),
  computeFrom: ['net', 'set', 'n', 'c', 'target', 'sign'],
  build(kit) {
    const { m } = kit;
    const shapes = shapesParts(kit);
    const net = netChoice(kit);
    const target = stateChoice(kit, 'target', m['explain.target'], [
      { value: 'score', label: m['explain.target.score'] },
      { value: 'probability', label: m['explain.target.probability'] },
    ]);
    const sign = stateChoice(kit, 'sign', m['net.sign'], [
      { value: 'gradient', label: m['net.sign.gradient'] },
      { value: 'counterfactual', label: m['net.sign.counterfactual'] },
    ]);
    const overlay = new MapOverlay(m, 'grad-cam');
    const y = h('output', { 'data-output': 'net-y' });
    const zeroNote = h('p', { class: 'widget-notice', 'data-output': 'net-zero', hidden: true });
    const rawHeading = h('h4', { class: 'widget-heading' });
    const rawCaption = h('figcaption');
    const raw = new HeatGrid({ label: '', output: 'net-L' });
    const rawLegend = new Legend(m);
    const topCaption = h('figcaption');
    const top = new HeatGrid({ label: '', output: 'net-top-gradient' });
    const topLegend = new Legend(m);
    const alphaHeading = h('h4', { class: 'widget-heading' });
    const alphas = new HeatGrid({ label: '', output: 'net-alpha' });
    const alphaLegend = new Legend(m);
    const alphaSummary = h('p', { class: 'formula-line', 'data-output': 'net-alpha-summary' });
    const positive = h('p', { class: 'formula-line', 'data-output': 'net-positive' });
    const spread = h('p', { class: 'formula-line', 'data-output': 'net-spread' });
    const flat = h('p', { class: 'formula-line', 'data-output': 'net-flat' });
    return {
      parts: [
        h('div', { class: 'choice-row' }, net.element, target.element, sign.element),
        ...shapes.chooser(overlay.element),
        zeroNote,
        shapes.truth,
        h('h4', { class: 'widget-heading' }, m['toy.scoresHeading']),
        shapes.bars.element,
        shapes.bars.verdict,
        h('p', { class: 'y-line' }, ...mathText(m['gradcam.y']), ' ', y),
        rawHeading,
        h('div', { class: 'panel-row' }, h('figure', { class: 'cam-map' }, rawCaption, raw.table, rawLegend.element), h('figure', { class: 'cam-map' }, topCaption, top.table, topLegend.element)),
        positive,
        spread,
        flat,
        alphaHeading,
        h('div', { class: 'table-scroll' }, alphas.table),
        alphaLegend.element,
        alphaSummary,
      ],
      render(result, state) {
        shapes.show(result, state);
        net.show(state);
        target.show(state);
        sign.show(state);
        const { x, sample } = result;
        const { c, H, W, K } = x;
        const Z = H * W;
        const name = shapes.names[c];
        const score = state.target === 'score';
        setMathText(y, format(m[score ? 'gradcam.y.score' : 'gradcam.y.probability'], { c: c + 1, value: formatNumber(score ? x.S[c] : x.p[c]) }));

        // The map over the image; a map that is zero everywhere leaves the image alone, and says why.
        const [, upMax] = extent(x.gradCamUp);
        setMathText(overlay.caption, format(m['net.overlayCaption'], { name }));
        overlay.show(sample, upMax > 0 ? x.gradCamUp : null, sequentialScale(kit.cmap(), upMax), format(m['net.overlayAlt'], { name, max: formatNumber(upMax) }));
        zeroNote.hidden = upMax > 0;
        setText(zeroNote, upMax > 0 ? '' : format(m['net.zeroMap'], { name }));

        setMathText(rawHeading, format(m['net.rawHeading'], { H, W }));
        const rawScale = sequentialScale(kit.cmap(), extent(x.gradCam)[1]);
        setMathText(rawCaption, format(m['net.rawCaption'], { name }));
        raw.label = format(m['net.mapLabel'], { name, H, W });
        raw.show(x.gradCam, H, W, rawScale);
        const above = x.gradCam.reduce((count, v) => count + (v > 0 ? 1 : 0), 0);
        setMathText(positive, format(m['net.positiveCells'], { n: above, Z }));
        rawLegend.show(rawScale);

        const k = x.topChannel;
        setMathText(topCaption, format(m['net.topCaption'], { k: k + 1 }));
        const [gMin, gMax] = extent(x.topGradient);
        const topScale = colourScale(kit.cmap(), gMin, gMax, { diverging: true, floor: 1e-12 });
        top.label = format(m['net.topLabel'], { k: k + 1 });
        top.show(x.topGradient, H, W, topScale);
        topLegend.show(topScale);

        let widest = 0;
        let largest = 0;
        for (let j = 0; j < K; j++) {
          widest = Math.max(widest, x.gradMax[j] - x.gradMin[j]);
          largest = Math.max(largest, Math.abs(x.alpha[j]));
        }
        setMathText(spread, format(m['net.spread'], { Z, K, spread: formatNumber(widest), alpha: formatNumber(largest) }));

        // On a GAP head the gradient is w_k^c / Z at every cell (lesson 8): alpha times Z gives the weight back.
        flat.hidden = !x.cam;
        setText(flat, '');
        if (x.cam) {
          const negated = state.sign === 'counterfactual';
          let error = 0;
          for (let j = 0; j < K; j++) error = Math.max(error, Math.abs((negated ? -1 : 1) * x.alpha[j] * Z - x.cam.w[j]));
          const key = !score ? 'net.flatProbability' : negated ? 'net.flatCheckNegated' : 'net.flatCheck';
          setMathText(flat, format(m[key], { Z, K, error: formatNumber(error) }));
        }

        setMathText(alphaHeading, format(m['net.alphaHeading'], { K }));
        const [aMin, aMax] = extent(x.alpha);
        const alphaScale = colourScale(kit.cmap(), aMin, aMax, { diverging: true, floor: 1e-12 });
        alphas.label = format(m['net.alphaLabel'], { K, row: ALPHA_ROW });
        alphas.show(x.alpha, Math.ceil(K / ALPHA_ROW), ALPHA_ROW, alphaScale);
        alphaLegend.show(alphaScale);
        let raising = 0;
        let hi = 0;
        let lo = 0;
        for (let j = 0; j < K; j++) {
          if (x.alpha[j] > 0) raising++;
          if (x.alpha[j] > x.alpha[hi]) hi = j;
          if (x.alpha[j] < x.alpha[lo]) lo = j;
        }
        setMathText(alphaSummary, format(m['net.alphaSummary'], { positive: raising, K, top: hi + 1, max: formatNumber(x.alpha[hi]), bottom: lo + 1, min: formatNumber(x.alpha[lo]) }));
      },
    };
  },
});
