/**
 * Schema-guard helpers for untrusted data (postMessage payloads, toolkit results, stored records).
 *
 * Invariants: nothing here throws, whatever the input (getters, proxies and revoked objects cannot
 * arrive through structured clone, but host objects can, so every read is own-property only and
 * wrapped); a value is either accepted as the exact type asked for or refused; prototype keys
 * (`__proto__`, `constructor`) are never followed.
 */

/** A plain, non-array object whose own properties can be read. */
export type Plain = Record<string, unknown>;

/** True for a non-null, non-array object. */
export function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property's value, or undefined; never reaches the prototype chain. */
export function own(record: Plain, key: string): unknown {
  try {
    const descriptor = Object.getOwnPropertyDescriptor(record, key);
    // An accessor could run code or change between reads: only data properties count.
    return descriptor !== undefined && 'value' in descriptor ? descriptor.value : undefined;
  } catch {
    return undefined;
  }
}

/** A string of at most `max` characters, else undefined. */
export function text(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length <= max ? value : undefined;
}

/** A non-empty string of at most `max` characters, else undefined. */
export function name(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;
}

/** A finite number at least `min`, else undefined. */
export function finite(value: unknown, min = 0): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= min ? value : undefined;
}

/** An array of at most `max` items, else undefined. */
export function list(value: unknown, max: number): readonly unknown[] | undefined {
  return Array.isArray(value) && value.length <= max ? value : undefined;
}

/** Whether a value is one of a list of strings (a type guard for `as const` lists). */
export function oneOf<T extends string>(value: unknown, values: readonly T[]): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
