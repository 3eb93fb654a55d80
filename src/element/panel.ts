/**
 * The element's panel and its own agent frame, built and updated with DOM calls only.
 *
 * No markup is parsed: Lightning Web Security sanitizes every HTML string a component parses
 * (`innerHTML`, `createContextualFragment`, Trusted Types), and its sanitizer drops the marker
 * attributes a Lit template carries for its attribute, property and event bindings, which leaves
 * such a template bound to the wrong nodes. `createElement`, `setAttribute` and `textContent` are
 * passed through as they are.
 *
 * Nodes are made once and updated in place, and a text or attribute is written only when it
 * changes: a focused button keeps its focus, the agent frame is never reloaded by a redraw, and an
 * unchanged `role="alert"` line is not announced again.
 */
import { DeadlinesPart } from './deadlines-part.js';
import { make, place, reconcile, setAttribute, setText } from './dom.js';
import type { PanelView } from './view.js';

/** What the panel's buttons and its agent frame tell the element. */
export interface PanelActions {
  resync(): void;
  pause(): void;
  /** The diagnostics to save as a JSON file. */
  export(): Promise<unknown>;
  frameLoaded(): void;
}

const SVG = 'http://www.w3.org/2000/svg';
/**
 * What each dialect's frame may use (Permissions Policy `allow`), and no more. A `bridge` page (the
 * CXone bridge, a relay) uses no device. Agent Embedded (`cxone-client-events`) carries CXone's
 * integrated WebRTC softphone: it captures the microphone and rings (autoplay); it needs no camera
 * and no clipboard. https://developer.mozilla.org/en-US/docs/Web/HTML/Reference/Elements/iframe#allow
 */
const FRAME_ALLOW: Record<NonNullable<PanelView['frame']>['protocol'], string> = {
  bridge: '',
  'cxone-client-events': 'microphone; autoplay',
};
/**
 * The frame's sandbox: its own scripts and origin (storage, the sign-in's same-origin hand-off),
 * forms, popups that leave the sandbox (a sign-in popup must be a normal window), and the Storage
 * Access API on a click (the CXone bridge asks for its storage where the browser blocks it); never
 * top navigation, modals or downloads.
 * https://html.spec.whatwg.org/multipage/iframe-embed-object.html#attr-iframe-sandbox
 */
const FRAME_SANDBOX =
  'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-storage-access-by-user-activation';

export class Panel {
  private readonly section = make('section', { part: 'panel', class: 'panel' });
  private readonly iconPath = document.createElementNS(SVG, 'path');
  private readonly phaseText = make('span');
  private readonly salesforceLabel = make('dt');
  private readonly salesforce = make('dd', { 'data-side': 'salesforce' });
  private readonly acdLabel = make('dt');
  private readonly acd = make('dd', { 'data-side': 'acd' });
  private readonly mirrorNote = make('p', { class: 'note' });
  private readonly rule = make('p', { part: 'rule', class: 'rule' });
  private readonly problems = make('div', { part: 'problems' });
  private readonly heading = make('h2');
  private readonly noDecisions = make('p', { class: 'note' });
  private readonly decisions = make('ol', { part: 'decisions' });
  private readonly actionRow = make('div', { part: 'actions', class: 'actions' });
  private readonly resyncButton: HTMLButtonElement;
  private readonly pauseButton: HTMLButtonElement;
  private readonly exportButton: HTMLButtonElement;
  private frame: HTMLIFrameElement | null = null;
  private readonly deadlinesPart = new DeadlinesPart();

  constructor(
    private readonly root: ParentNode,
    private readonly actions: PanelActions,
  ) {
    const icon = document.createElementNS(SVG, 'svg');
    icon.setAttribute('class', 'icon');
    icon.setAttribute('viewBox', '0 0 12 12');
    icon.setAttribute('aria-hidden', 'true');
    icon.append(this.iconPath);
    const button = (action: string, run: () => void) => {
      const node = make('button', { type: 'button', 'data-action': action });
      node.addEventListener('click', run);
      return node;
    };
    this.resyncButton = button('resync', () => this.actions.resync());
    this.pauseButton = button('pause', () => this.actions.pause());
    this.exportButton = button('export', () => void this.save());
    this.actionRow.append(this.resyncButton, this.pauseButton, this.exportButton);
    this.section.append(
      make('p', { part: 'phase', class: 'phase', role: 'status' }, icon, this.phaseText),
      make(
        'dl',
        { part: 'sides', class: 'sides' },
        make('div', { class: 'side' }, this.salesforceLabel, this.salesforce),
        make('div', { class: 'side' }, this.acdLabel, this.acd),
      ),
      this.rule,
      this.deadlinesPart.node,
      this.heading,
      this.actionRow,
    );
    root.append(this.section);
  }

  /** The `src` whose page the agent frame has loaded (a new `src` or a new frame starts over). */
  private loadedSrc: string | null = null;

  /**
   * The element's own agent frame as the agent side reads it: its window afresh at each post (it
   * changes with each page), and loaded once the page of its current `src` has loaded.
   */
  readonly agentFrame = {
    window: (): Window | null => this.frame?.contentWindow ?? null,
    loaded: (): boolean =>
      this.loadedSrc !== null && this.loadedSrc === (this.frame?.getAttribute('src') ?? null),
  };

  render(view: PanelView): void {
    setAttribute(this.section, 'class', `panel ${view.phase}`);
    setAttribute(this.section, 'aria-label', view.title);
    setAttribute(this.iconPath, 'd', view.icon);
    setText(this.phaseText, view.phaseText);
    setText(this.salesforceLabel, view.sides.salesforceLabel);
    setText(this.salesforce, view.sides.salesforce);
    setText(this.acdLabel, view.sides.acdLabel);
    setText(this.acd, view.sides.acd);
    place(this.mirrorNote, view.mirrorNote !== null, this.rule);
    setText(this.mirrorNote, view.mirrorNote ?? '');
    setText(this.rule, view.rule);
    this.deadlinesPart.render(view.deadlines ?? null);
    place(this.problems, view.problems.length > 0, this.heading);
    reconcile(this.problems, view.problems, Panel.problemLine, (node, problem) => {
      setAttribute(node, 'data-code', problem.code);
      const [code, message, , fix] = node.childNodes as unknown as [Node, Node, Node, Node];
      setText(code, problem.code);
      setText(message, ` ${problem.message}`);
      setText(fix, problem.fix);
    });
    setText(this.heading, view.decisionsHeading);
    place(this.noDecisions, view.decisions.length === 0, this.actionRow);
    setText(this.noDecisions, view.noDecisions);
    place(this.decisions, view.decisions.length > 0, this.actionRow);
    reconcile(
      this.decisions,
      view.decisions,
      () => make('li'),
      (node, decision) => {
        setAttribute(node, 'class', decision.result);
        setAttribute(node, 'data-why', decision.why);
        setText(node, decision.text);
      },
    );
    for (const [button, state] of [
      [this.resyncButton, view.resync],
      [this.pauseButton, view.pause],
    ] as const) {
      setText(button, state.label);
      if (button.disabled !== state.disabled) button.disabled = state.disabled;
    }
    setText(this.exportButton, view.exportLabel);
    this.renderFrame(view.frame);
  }

  private renderFrame(frame: PanelView['frame']): void {
    if (frame === null) {
      this.frame?.remove();
      this.frame = null;
      return;
    }
    // The policy applies to the frame's next page only: another dialect gets a new frame.
    if (this.frame !== null && this.frame.dataset.protocol !== frame.protocol) {
      this.frame.remove();
      this.frame = null;
    }
    if (this.frame === null) {
      const allow = FRAME_ALLOW[frame.protocol];
      this.frame = make('iframe', {
        part: 'agent-frame',
        sandbox: FRAME_SANDBOX,
        'data-protocol': frame.protocol,
        ...(allow !== '' ? { allow } : {}),
      });
      const made = this.frame;
      this.loadedSrc = null;
      made.addEventListener('load', () => {
        if (this.frame !== made) return;
        this.loadedSrc = made.getAttribute('src');
        this.actions.frameLoaded();
      });
    }
    setAttribute(this.frame, 'title', frame.title);
    setAttribute(this.frame, 'src', frame.src);
    if (this.frame.parentNode === null) this.root.append(this.frame);
  }

  /** Saves the diagnostics as a file, through a link: no window is opened and nothing is posted. */
  private async save(): Promise<void> {
    const text = JSON.stringify(await this.actions.export(), null, 2);
    const link = make('a', {
      href: `data:application/json;charset=utf-8,${encodeURIComponent(text)}`,
      download: `presence-sync-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
    });
    link.click();
  }

  private static problemLine(): Element {
    return make(
      'p',
      { class: 'problem', role: 'alert' },
      make('code'),
      document.createTextNode(''),
      make('br'),
      make('span', { class: 'fix' }),
    );
  }
}
