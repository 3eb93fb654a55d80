import { css } from '@lit/reactive-element';

/**
 * The setup editor's look: a plain admin form, Salesforce Lightning's colours by default, every
 * colour a custom property so a host page can theme it; contrast meets WCAG AA on white.
 */
export const setupStyles = css`
  :host {
    display: block;
    font: var(--presence-sync-font, 14px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif);
    color: var(--presence-sync-text, #181818);
    --_accent: var(--presence-sync-busy, #0b5cab);
    --_error: var(--presence-sync-error, #ba0517);
    --_warn: var(--presence-sync-warn, #8c4b02);
    --_muted: var(--presence-sync-muted, #5c5c5c);
    --_border: var(--presence-sync-border, #c9c9c9);
    --_surface: var(--presence-sync-surface, #ffffff);
  }
  :host([hidden]) {
    display: none;
  }
  h2 {
    font-size: 1.3em;
    margin: 0 0 4px;
  }
  h3 {
    font-size: 1.05em;
    margin: 12px 0 4px;
  }
  section,
  fieldset {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: 4px;
    padding: 8px 12px;
    margin: 8px 0;
  }
  legend {
    font-weight: 600;
    padding: 0 4px;
  }
  label {
    display: inline-flex;
    flex-direction: column;
    gap: 2px;
    margin: 4px 12px 4px 0;
  }
  label.check {
    flex-direction: row;
    align-items: center;
    gap: 6px;
  }
  input,
  select,
  textarea {
    font: inherit;
    padding: 3px 6px;
    border: 1px solid var(--_border);
    border-radius: 3px;
  }
  textarea {
    width: 100%;
    box-sizing: border-box;
    min-height: 8em;
    font-family: ui-monospace, monospace;
  }
  input[aria-invalid='true'] {
    border-color: var(--_error);
    outline: 1px solid var(--_error);
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
  }
  table {
    border-collapse: collapse;
    margin: 4px 0;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding: 4px 0;
  }
  th,
  td {
    text-align: start;
    padding: 3px 6px 3px 0;
    vertical-align: top;
  }
  button {
    font: inherit;
    color: var(--_accent);
    background: var(--_surface);
    border: 1px solid var(--_accent);
    border-radius: 3px;
    padding: 2px 8px;
    margin: 2px 4px 2px 0;
    cursor: pointer;
  }
  button.primary {
    color: #ffffff;
    background: var(--_accent);
  }
  button:disabled {
    color: var(--_muted);
    border-color: var(--_border);
    cursor: not-allowed;
  }
  .cell-problem {
    display: block;
    color: var(--_error);
    font-size: 0.9em;
    max-width: 28em;
  }
  .cell-problem:empty {
    display: none;
  }
  .intro,
  .hint {
    color: var(--_muted);
    margin: 0 0 8px;
  }
  ul.checks {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  ul.checks li {
    border-inline-start: 4px solid var(--_border);
    padding: 2px 8px;
    margin: 4px 0;
  }
  li.error {
    border-color: var(--_error);
  }
  li.warning {
    border-color: var(--_warn);
  }
  .severity {
    font-weight: 600;
  }
  li.error .severity {
    color: var(--_error);
  }
  li.warning .severity {
    color: var(--_warn);
  }
  .fix {
    display: block;
    color: var(--_muted);
  }
  code {
    font-family: ui-monospace, monospace;
    font-size: 0.9em;
  }
  .diff li.added::before {
    content: '+ ';
  }
  .diff li.removed::before {
    content: '− ';
  }
  .diff li.changed::before {
    content: '~ ';
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 4px;
  }
`;
