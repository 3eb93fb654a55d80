/**
 * A page that loads the classic script (`presence-sync/iife`, plus a language pack) types the
 * `PresenceSync` global and the tag from the same package, with no import of its own.
 */
/// <reference types="presence-sync/iife" />
import 'presence-sync/iife/fr';

/** The rule's problems, read through the global the classic script sets. */
export function problemsOf(rules: unknown): string[] {
  const parsed = PresenceSync.parseRules(rules);
  return parsed.ok ? [] : parsed.problems.map((problem) => problem.message);
}

/** The element the classic script registered, typed by tag. */
export function mount(): InstanceType<typeof PresenceSync.PresenceSyncElement> {
  const element = document.createElement('presence-sync');
  element.rules = { version: 1, rules: [] };
  return element;
}
