/** The bridge page's script (`index.html`). */
import { startBridgePage } from './page.js';

void startBridgePage();
