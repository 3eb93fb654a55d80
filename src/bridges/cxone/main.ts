/** The bridge page's script (`index.html`). */
import { startBridgePage } from './page.js';

// Read while the script runs: `document.currentScript` is null once it has.
const script = document.currentScript;
void startBridgePage(script instanceof HTMLScriptElement ? script.src : location.href);
