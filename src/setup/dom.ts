/**
 * DOM building for the setup editor, with DOM calls only: Lightning Web Security sanitizes every
 * HTML string a component parses, so no markup is parsed (the same choice as the agent panel).
 *
 * Invariants: attributes and text are set as text, never parsed; `make` is the only constructor.
 */

/** An element with attributes and children (strings become text nodes). */
export function make<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | false | undefined> = {},
  ...children: Array<Node | string | null | undefined>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes))
    if (value !== undefined && value !== false) node.setAttribute(name, value);
  for (const child of children)
    if (child !== null && child !== undefined)
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return node;
}

/** A button that runs `action` when pressed (a click, Enter or Space). */
export function button(
  label: string,
  action: () => void,
  attributes: Record<string, string | false | undefined> = {},
  text: string = label,
): HTMLButtonElement {
  const node = make('button', { type: 'button', ...attributes }, text);
  if (text !== label) node.setAttribute('aria-label', label);
  node.addEventListener('click', action);
  return node;
}

/** An id usable in the shadow root for a JSON path (`rules[0].publisher[1].acd` → `f-rules-0-publisher-1-acd`). */
export function idOf(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '')}`;
}
