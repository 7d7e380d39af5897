import { mathText } from './math-text.ts';
import { h } from './dom.ts';

export interface Choice<T extends string> {
  value: T;
  label: string;
}

/** A labelled group of radio buttons (arrow keys move within it, as the browser gives radios). */
export function choiceGroup<T extends string>(options: {
  legend: string;
  name: string;
  choices: Choice<T>[];
  value: T;
  onChange: (value: T) => void;
}): { element: HTMLElement; set(value: T): void } {
  const group = `${options.name}-${Math.random().toString(36).slice(2)}`;
  const radios = options.choices.map((choice) => {
    const radio = h('input', { type: 'radio', name: group, value: choice.value, checked: choice.value === options.value, 'data-choice': `${options.name}:${choice.value}` });
    radio.addEventListener('change', () => radio.checked && options.onChange(choice.value));
    return { radio, label: h('label', {}, radio, ' ', ...mathText(choice.label)) };
  });
  const element = h('fieldset', { class: 'choice-group', 'data-choice-group': options.name }, h('legend', {}, ...mathText(options.legend)), ...radios.map((r) => r.label));
  return {
    element,
    set(value: T) {
      for (const { radio } of radios) radio.checked = radio.value === value;
    },
  };
}
