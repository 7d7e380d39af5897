import { format, type Messages } from '../i18n/index.ts';
import { formatNumber } from './format.ts';
import { h, setText } from './dom.ts';

/**
 * One radio per class with its score S_c and probability as a bar, and a sentence naming the network's
 * answer. Picking a radio chooses the class to explain; the highest score is shown in bold.
 */
export class ClassBars {
  readonly element: HTMLElement;
  readonly verdict: HTMLElement;
  #rows: { radio: HTMLInputElement; label: HTMLElement; bar: HTMLElement; value: HTMLElement }[];
  #names: readonly string[];
  #m: Messages;

  constructor(m: Messages, names: readonly string[], group: string, onPick: (c: number) => void) {
    this.#m = m;
    this.#names = names;
    this.element = h('div', { class: 'score-bars', role: 'radiogroup', 'aria-label': m['toy.classPicker'] });
    this.#rows = names.map((name, c) => {
      const radio = h('input', { type: 'radio', name: group, value: c, 'data-class-radio': c });
      radio.addEventListener('change', () => {
        if (radio.checked) onPick(c);
      });
      return { radio, label: h('label', {}, radio, ' ', name), bar: h('span', { class: 'bar' }), value: h('output', { 'data-output': `S-${c}` }) };
    });
    for (const r of this.#rows) this.element.append(r.label, h('span', { class: 'bar-track' }, r.bar), r.value);
    this.verdict = h('p', { class: 'formula-line', 'data-output': 'predicted' });
  }

  /** Draws the scores and marks class c as chosen; returns the predicted class (the highest score). */
  show(S: ArrayLike<number>, p: ArrayLike<number>, c: number): number {
    let best = 0;
    for (let k = 1; k < S.length; k++) if (S[k] > S[best]) best = k;
    let Smax = 1e-9;
    for (let k = 0; k < S.length; k++) Smax = Math.max(Smax, Math.abs(S[k]));
    this.#rows.forEach((r, k) => {
      r.radio.checked = k === c;
      r.bar.style.width = `${Math.max(0, S[k] / Smax) * 100}%`;
      setText(r.value, `${formatNumber(S[k])} (p = ${formatNumber(Number(p[k].toFixed(3)))})`);
      r.label.classList.toggle('top', k === best);
    });
    setText(this.verdict, format(this.#m['toy.verdict'], { name: this.#names[best], p: formatNumber(Number((p[best] * 100).toFixed(1))) }));
    this.verdict.dataset.best = String(best);
    return best;
  }
}
