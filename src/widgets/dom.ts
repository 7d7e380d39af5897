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

/**
 * Sets an element's text only when it differs. Writing the same text still replaces the element's text
 * node, and the browser then lays it out and paints it again: on a widget that redraws every number on
 * every edit, those writes were most of a frame.
 */
export function setText(element: Element, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/** Sets an attribute only when it differs (null removes it): as setText, a write of the same value is not free. */
export function setAttr(element: Element, name: string, value: string | null): void {
  if (element.getAttribute(name) === value) return;
  if (value === null) element.removeAttribute(name);
  else element.setAttribute(name, value);
}
