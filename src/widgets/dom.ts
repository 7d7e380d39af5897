/** A small element builder: text goes in as text nodes, never as markup. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string | number | boolean | undefined> = {},
  ...children: (Node | string | null | undefined)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (name === 'class') el.className = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child != null) el.append(child);
  return el;
}

/** A symbol with a subscript (and optional superscript), as the papers write it: w_k^c. */
export function symbol(name: string, sub?: string | number, sup?: string | number): HTMLElement {
  const el = h('span', { class: 'sym' }, h('var', {}, name));
  if (sup !== undefined && sub !== undefined) {
    el.append(h('span', { class: 'supsub' }, h('sup', {}, String(sup)), h('sub', {}, String(sub))));
  } else if (sub !== undefined) el.append(h('sub', {}, String(sub)));
  else if (sup !== undefined) el.append(h('sup', {}, String(sup)));
  return el;
}
