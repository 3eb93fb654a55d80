/**
 * The panel's deadlines part, drawn from a `DeadlinesView` with DOM calls only (see panel.ts for
 * why no markup is parsed): the idle notice, a heading and one line per deadline with its Cancel.
 *
 * Invariants: nodes are made once and updated in place, so a focused Cancel keeps its focus; a
 * line's Cancel runs the line it shows now (lines are reused as the list changes); a line turns
 * into an alert only inside its two-minute warning, so it is announced then and not before.
 */
import type { DeadlineLine, DeadlinesView } from './deadlines-view.js';
import { make, reconcile, setAttribute, setText } from './dom.js';

/** The deadlines part: `node` goes into the panel once; `render` shows a view, or hides it (null). */
export class DeadlinesPart {
  readonly node = make('div', { part: 'deadlines', class: 'deadlines' });
  private readonly notice = make('p', { class: 'note', role: 'status', 'data-idle': '' });
  private readonly heading = make('h2');
  private readonly list = make('ol');
  /** What each line's Cancel runs: the line it shows now. */
  private readonly shown = new WeakMap<Element, DeadlineLine>();

  render(shown: DeadlinesView | null): void {
    this.node.hidden = shown === null;
    // Hidden, it keeps no line: nothing stale is found by a screen reader's or a test's query.
    const view = shown ?? { heading: '', lines: [], idleNotice: null };
    if (view.idleNotice === null) this.notice.remove();
    else if (this.notice.parentNode === null) this.node.prepend(this.notice);
    setText(this.notice, view.idleNotice ?? '');
    if (this.heading.parentNode === null) this.node.append(this.heading, this.list);
    setText(this.heading, view.heading);
    this.heading.hidden = view.lines.length === 0;
    reconcile(
      this.list,
      view.lines,
      () => this.line(),
      (item, line) => {
        this.shown.set(item, line);
        setAttribute(item, 'data-id', line.id);
        setAttribute(item, 'data-kind', line.kind);
        setAttribute(item, 'class', line.warning ? 'warn' : '');
        setAttribute(item, 'role', line.warning ? 'alert' : null);
        const [text, button] = item.childNodes as unknown as [Node, HTMLButtonElement];
        setText(text, line.text);
        button.hidden = line.cancel === null;
        setText(button, line.cancel?.label ?? '');
      },
    );
  }

  private line(): Element {
    const item = make('li');
    const button = make('button', { type: 'button', 'data-action': 'cancel-deadline' });
    button.addEventListener('click', () => this.shown.get(item)?.cancel?.run());
    item.append(make('span'), button);
    return item;
  }
}
