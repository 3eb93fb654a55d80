/**
 * presence-sync: keeps Salesforce Omni-Channel presence and the contact-center agent state in sync.
 * Importing this module registers no element; it lets elements fetch language packs on demand.
 */
import './element/locale-loader.js';

export * from './api.js';
