/**
 * `fn` with its answers kept by key, for values a process meets again and again (a handler's
 * decrypted secrets, a panel's endpoint). Bounded: past `max` keys it forgets them all and starts
 * over, so keys that vary cannot grow it. An answer that throws is not kept.
 */
export function remembered<T>(max: number, fn: (key: string) => T): (key: string) => T {
  const kept = new Map<string, T>();
  return (key) => {
    if (kept.has(key)) return kept.get(key) as T;
    const value = fn(key);
    if (kept.size >= max) kept.clear();
    kept.set(key, value);
    return value;
  };
}
