import { css } from '@lit/reactive-element';

/**
 * The product's theme, shared by `<presence-sync>` and `<presence-sync-board>`: the font, the text
 * colour and the private colour tokens each element's rules use, every one overridable through the
 * documented `--presence-sync-*` custom property. Declarations only, for a `:host` rule.
 */
export const themeTokens = css`
  font: var(--presence-sync-font, 13px/1.4 system-ui, -apple-system, 'Segoe UI', sans-serif);
  color: var(--presence-sync-text, #181818);
  --_ok: var(--presence-sync-ok, #2e844a);
  --_busy: var(--presence-sync-busy, #0b5cab);
  --_warn: var(--presence-sync-warn, #8c4b02);
  --_error: var(--presence-sync-error, #ba0517);
  --_muted: var(--presence-sync-muted, #5c5c5c);
  --_surface: var(--presence-sync-surface, #ffffff);
  --_border: var(--presence-sync-border, #c9c9c9);
`;
