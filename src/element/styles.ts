import { css } from '@lit/reactive-element';
import { themeTokens } from './theme.js';

/**
 * Sized for a Lightning utility-bar panel (about 340 px). Theming goes through the custom
 * properties below and `::part()`; nothing reaches outside the shadow root (Lightning Web Security).
 */
export const styles = css`
  :host {
    display: block;
    max-width: var(--presence-sync-width, 340px);
    ${themeTokens}
  }
  :host([hidden]) {
    display: none;
  }
  .panel {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: 4px;
    padding: 8px 10px;
  }
  .phase {
    display: flex;
    align-items: center;
    gap: 6px;
    font-weight: 600;
    margin: 0 0 6px;
    color: var(--_accent);
  }
  .icon {
    flex: none;
    width: 18px;
    height: 18px;
    padding: 3px;
    box-sizing: border-box;
    border-radius: 50%;
    background: var(--_accent);
    fill: none;
    stroke: var(--_surface);
    stroke-width: 1.6;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .fix {
    font-weight: 600;
  }
  .in-sync {
    --_accent: var(--_ok);
  }
  .syncing,
  .starting,
  .waiting {
    --_accent: var(--_busy);
  }
  .deferred,
  .shadow,
  .paused,
  .follower,
  .not-writing,
  .not-mapped,
  .out-of-sync {
    --_accent: var(--_warn);
  }
  .error {
    --_accent: var(--_error);
  }
  .sides {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 6px;
    margin: 0 0 6px;
  }
  .side {
    border: 1px solid var(--_border);
    border-radius: 4px;
    padding: 4px 6px;
    min-width: 0;
  }
  dt {
    font-size: 11px;
    color: var(--_muted);
  }
  dd {
    margin: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .rule,
  .note {
    margin: 0 0 6px;
    color: var(--_muted);
  }
  .problem {
    margin: 0 0 6px;
    padding: 4px 6px;
    border-left: 3px solid var(--_error);
    background: color-mix(in srgb, var(--_error) 8%, var(--_surface));
    overflow-wrap: anywhere;
  }
  .problem code {
    font-weight: 600;
  }
  h2 {
    font-size: 12px;
    margin: 8px 0 4px;
  }
  ol {
    margin: 0;
    padding: 0 0 0 18px;
    max-height: 15em;
    overflow-y: auto;
  }
  li {
    margin: 0 0 3px;
    overflow-wrap: anywhere;
  }
  li.failed {
    color: var(--_error);
  }
  .deadlines li.warn {
    color: var(--_warn);
    font-weight: 600;
  }
  .deadlines button {
    margin-left: 6px;
    padding: 0 6px;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin-top: 8px;
  }
  button {
    font: inherit;
    padding: 3px 10px;
    border: 1px solid var(--_border);
    border-radius: 4px;
    background: var(--_surface);
    color: var(--_busy);
    cursor: pointer;
  }
  button:focus-visible {
    outline: 2px solid var(--_busy);
    outline-offset: 1px;
  }
  iframe {
    display: block;
    width: 100%;
    height: var(--presence-sync-agent-height, 480px);
    border: 1px solid var(--_border);
    margin-top: 8px;
  }
`;
