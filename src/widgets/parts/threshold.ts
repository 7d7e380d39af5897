import { format } from '../../i18n/index.ts';
import type { Schema } from '../../state/url-state.ts';
import type { Kit } from '../kit/define.ts';
import { h, setText } from '../dom.ts';

/** The threshold as a fraction of the map's maximum, in the link as `t`. */
export const thresholdSchema = { t: { kind: 'number', min: 0, max: 1 } } as const satisfies Schema;

/**
 * The CAM paper's threshold as a slider (a fraction of the map's maximum, state field `t`) with its value in
 * words: lesson 5's toy and trained localization and lesson 3's GAP and GMP twins share it.
 */
export function thresholdPart<S extends { t: number }>(kit: Kit<S, unknown>) {
  const { m } = kit;
  const slider = h('input', { type: 'range', min: 0, max: 1, step: 0.01, value: kit.state.t, 'data-threshold': true, 'aria-label': m['cam.thresholdLabel'] });
  const value = h('output', { 'data-output': 'threshold' });
  slider.addEventListener('input', () => kit.set({ t: Number(slider.value) } as Partial<S>));
  return {
    element: h('p', { class: 'editor-controls' }, h('label', {}, m['cam.thresholdLabel'], ' ', slider), ' ', value),
    show(state: S): void {
      slider.value = String(state.t);
      setText(value, format(m['cam.thresholdValue'], { percent: Math.round(state.t * 100) }));
    },
  };
}
