/**
 * The kit: starts a widget from its definition and owns its life cycle. State in, one computation, the
 * widget's render, then the chrome every widget shares: the backend's timing, linked symbols, the link in
 * the address, the render announcement, and the handle the slides use to keep a second window in step.
 */
import { messages as messagesFor, type Locale } from '../../i18n/index.ts';
import { colourMaps, type ColourMapName } from '../../state/colour-maps.ts';
import { WidgetStore, type Computed } from '../../state/widget-store.ts';
import { decodeState, encodeState, writeParam, type Schema, type StateValues } from '../../state/url-state.ts';
import { BackendSwitch } from '../backend-switch.ts';
import { BACKEND_EVENT, RENDERED_EVENT } from './events.ts';
import { colourMapSelect } from '../colormap.ts';
import { linkSymbols } from '../linking.ts';
import { Problems } from '../number-input.ts';
import { h, setText } from '../dom.ts';
import { WidgetLink } from './link.ts';
import type { AnyWidget, Kit } from './define.ts';

/** Every widget's link may carry the learner's colour map. */
const chromeSchema = { cmap: { kind: 'enum', values: colourMaps, optional: true } } as const satisfies Schema;

/**
 * What page-level tools see of a started widget: its state as link values, and a way to put a state in.
 * The slides keep the presenter's window in step through it.
 */
export interface WidgetHandle {
  readonly tag: string;
  /** The current state, as the values of its link. */
  values(): StateValues;
  /** Puts a state in from elsewhere (the other window): checked like a link, shown, not sent back. */
  apply(values: StateValues): boolean;
  /** Called after each change made in this window (an edit, a reset, a link from history). */
  onChange(listener: (values: StateValues) => void): () => void;
  /** Takes the widget's next (1) or previous (-1) step, if it offers steps (see WidgetSteps): false when it has none left. */
  step(direction: 1 | -1): boolean;
}

type Origin = 'edit' | 'reset' | 'history' | 'remote';

export async function mountWidget(definition: AnyWidget, host: HTMLElement, locale: Locale): Promise<WidgetHandle> {
  const tag = host.localName;
  const m = messagesFor(locale);
  // What the widget waits for (a trained network loading): said in the placeholder until the widget is built,
  // then in a status line of its own, emptied by the next render or error.
  const placeholder = host.querySelector('[data-widget-status]');
  const statusLine = h('p', { class: 'widget-status', role: 'status', 'data-widget-busy': true, hidden: true });
  const status = (text: string) => {
    if (placeholder?.isConnected) placeholder.textContent = text;
    // Emptied on every render: written only when it changes (setText), as the widgets' own numbers are.
    setText(statusLine, text);
    if (statusLine.hidden !== !text) statusLine.hidden = !text;
  };
  const context = await definition.setup?.({ locale, m, status });
  const schema: Schema = { ...chromeSchema, ...definition.schema };
  // The kit handles any widget's state alike: a record of link fields.
  type State = { [field: string]: unknown; cmap?: ColourMapName };
  const defaults = (): State => definition.defaults(context) as State;

  /** A decoded link (or a state from the other window) over the defaults, or the reason it is refused. */
  const accept = (text: string): { ok: true; state: State } | { ok: false } => {
    const decoded = decodeState(schema, text);
    if (!decoded.ok) return { ok: false };
    const state = { ...defaults(), ...decoded.values } as State;
    return definition.check?.(state, context) ? { ok: false } : { ok: true, state };
  };

  const link = new WidgetLink(tag);
  const fromLink = link.read();
  const linked = fromLink === null ? null : accept(fromLink);
  const store = new WidgetStore<State, unknown>(linked?.ok ? linked.state : defaults(), (s) => definition.compute(s, context), definition.computeFrom);
  let dirty = linked?.ok === true;

  const problems = new Problems();
  const notice = linkNotice(m, linked === null ? 'absent' : linked.ok ? 'restored' : 'refused');
  const changeListeners = new Set<(values: StateValues) => void>();
  const values = (): StateValues => ({ ...(store.state as unknown as StateValues) });

  /** Every change of state goes through here: the link, the notice, the other window, then the store. */
  function change(next: State, origin: Origin, push = false): void {
    if (origin === 'edit' || origin === 'reset') notice.hidden = true; // the link it spoke of is gone
    dirty = origin !== 'reset';
    if (origin !== 'history') link.write(dirty ? encodeState(schema, next as unknown as StateValues) : null, { push });
    if (origin !== 'remote') for (const listener of changeListeners) listener(next as unknown as StateValues);
    void store.replace(next);
  }

  const kit: Kit<State, unknown> = {
    host,
    locale,
    m,
    context,
    problems,
    get state() {
      return store.state;
    },
    cmap: () => (store.state.cmap === 'jet' ? 'jet' : 'viridis'),
    fromLink: linked?.ok === true,
    href: (patch) => writeParam(location.search, tag, encodeState(schema, { ...store.state, ...patch } as StateValues)) + location.hash,
    set: (patch, options) => change({ ...store.state, ...patch }, 'edit', options?.push),
  };

  const backend = new BackendSwitch(m, (problem) => problems.set('backend', problem));
  window.addEventListener(BACKEND_EVENT, () => void store.refresh({ force: true }));
  const cmapSelect = colourMapSelect(m, kit.cmap(), (name) => kit.set({ cmap: name } as Partial<State>));
  const reset = h('button', { type: 'button', class: 'widget-button', 'data-action': 'reset' }, m['widget.reset']);
  reset.addEventListener('click', () => {
    // Every field shows the default again, also one holding text that was refused.
    for (const field of host.querySelectorAll('[aria-invalid]')) field.removeAttribute('aria-invalid');
    problems.clear();
    change(defaults(), 'reset');
  });

  const view = definition.build(kit);
  host.replaceChildren(h('div', { class: 'widget-bar' }, cmapSelect.element, backend.element, reset), notice, statusLine, problems.element, ...view.parts);

  const links = linkSymbols(host);
  store.onError((error) => {
    status('');
    problems.set('compute', error.message);
  });
  store.subscribe((computed: Computed<State, unknown>) => {
    status('');
    try {
      view.render(computed.result, computed.state);
      problems.set('render', null);
    } catch (error) {
      problems.set('render', error instanceof Error ? error.message : String(error));
      console.error(error);
    }
    problems.set('compute', null);
    cmapSelect.set(kit.cmap());
    backend.show(computed.backend, computed.ms);
    links.refresh();
    host.dispatchEvent(new CustomEvent(RENDERED_EVENT, { detail: { backend: computed.backend, ms: computed.ms } }));
  });

  link.onHistory((text) => {
    const restored = text === null ? null : accept(text);
    change(restored?.ok ? restored.state : defaults(), 'history');
  });

  await store.refresh();
  return {
    tag,
    values,
    apply(incoming) {
      let accepted: ReturnType<typeof accept>;
      try {
        accepted = accept(encodeState(schema, incoming));
      } catch {
        return false; // not a state of this widget: refused as a hostile link would be
      }
      if (!accepted.ok) return false;
      change(accepted.state, 'remote');
      return true;
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    step: (direction) => view.steps?.step(direction) ?? false,
  };
}

/**
 * The notice a widget shows about its link. It says why in general words and never repeats the link's text:
 * nothing from the URL reaches the page but the numbers that passed the checks. The learner's first edit
 * hides it, since the link it speaks of is then replaced.
 */
function linkNotice(m: ReturnType<typeof messagesFor>, status: 'absent' | 'restored' | 'refused'): HTMLElement {
  const notice = h('p', { class: 'widget-notice', role: 'status', 'data-link-notice': true, hidden: status === 'absent' });
  if (status === 'refused') notice.textContent = m['widget.linkRefused'];
  if (status === 'restored') {
    notice.dataset.restored = '';
    notice.textContent = m['widget.linkRestored'];
  }
  return notice;
}
