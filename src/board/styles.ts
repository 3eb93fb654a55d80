import { css } from '@lit/reactive-element';
import { themeTokens } from '../element/theme.js';

/**
 * Sized for a Lightning App Page or tab; theming through the custom properties below and
 * `::part()`, the same names as `<presence-sync>`'s where they mean the same.
 */
export const boardStyles = css`
  :host {
    display: block;
    ${themeTokens}
  }
  :host([hidden]) {
    display: none;
  }
  .board {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: 4px;
    padding: 10px 12px;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 4px 12px;
  }
  h2 {
    font-size: 1.15em;
    margin: 0;
  }
  .note {
    color: var(--_muted);
    margin: 0;
  }
  ul.counts {
    list-style: none;
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    padding: 0;
    margin: 10px 0;
  }
  ul.counts li {
    border: 1px solid var(--_border);
    border-left: 4px solid var(--_standing);
    border-radius: 4px;
    padding: 2px 8px;
  }
  ul.counts strong {
    font-size: 1.2em;
    margin-right: 4px;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 16px;
    margin: 6px 0;
  }
  fieldset {
    border: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 6px 14px;
    padding: 0;
    margin: 0;
  }
  legend {
    float: left;
    font-weight: 600;
    margin-right: 6px;
  }
  input[type='number'] {
    width: 5em;
  }
  button {
    font: inherit;
    color: var(--_surface);
    background: var(--_busy);
    border: 1px solid var(--_busy);
    border-radius: 4px;
    padding: 2px 10px;
    cursor: pointer;
  }
  button:disabled {
    background: var(--_surface);
    color: var(--_muted);
    border-color: var(--_border);
    cursor: default;
  }
  button.link {
    background: none;
    color: inherit;
    border: 0;
    padding: 0;
    font-weight: 600;
    text-align: left;
  }
  button.link::after {
    content: ' ↕';
    color: var(--_muted);
  }
  th[aria-sort='ascending'] button.link::after {
    content: ' ↑';
    color: inherit;
  }
  th[aria-sort='descending'] button.link::after {
    content: ' ↓';
    color: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--_busy);
    outline-offset: 2px;
  }
  [role='alert'] {
    color: var(--_error);
    margin: 4px 0;
  }
  .table {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: left;
    vertical-align: top;
    padding: 4px 8px 4px 0;
    border-bottom: 1px solid var(--_border);
  }
  td.standing {
    border-left: 4px solid var(--_standing);
    padding-left: 6px;
  }
  [data-standing='in-sync'] {
    --_standing: var(--_ok);
  }
  [data-standing='working'] {
    --_standing: var(--_busy);
  }
  [data-standing='off'] {
    --_standing: var(--_warn);
  }
  [data-standing='attention'],
  [data-standing='silent'] {
    --_standing: var(--_error);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  small {
    display: block;
    color: var(--_muted);
  }
`;
