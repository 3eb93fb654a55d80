/**
 * The DOM calls the panel's parts draw with (panel.ts says why no markup is parsed): nodes made
 * once, a text or attribute written only when it changes, lists whose children are reused.
 */

/** A new element with `attributes` and `children`. */
export function make<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Node[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** Writes `text` only when it differs (an unchanged alert is not announced again). */
export function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/** Sets an attribute only when it differs; null removes it. */
export function setAttribute(node: Element, name: string, value: string | null): void {
  if (value === null) node.removeAttribute(name);
  else if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

/** Puts `node` before `before` when shown, takes it out when not. */
export function place(node: Element, shown: boolean, before: Node): void {
  if (!shown) node.remove();
  else if (node.parentNode === null) before.parentNode?.insertBefore(node, before);
}

/** Gives `list` one child per item, reusing the children it has, as an unkeyed list does. */
export function reconcile<T>(
  list: Element,
  items: readonly T[],
  create: () => Element,
  update: (node: Element, item: T) => void,
): void {
  while (list.children.length > items.length) list.lastElementChild?.remove();
  while (list.children.length < items.length) list.append(create());
  items.forEach((item, index) => update(list.children[index] as Element, item));
}
