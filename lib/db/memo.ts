/**
 * Reads made once per transaction, for a transaction that writes none of what they read: the
 * renewal sweep's batch reads the settings and tax rates for every invoice it issues. Only a
 * transaction marked with `memoizeReads` shares them; every other caller reads afresh.
 */
const memos = new WeakMap<object, Map<string, Promise<unknown>>>();

export function memoizeReads(conn: object): void {
  memos.set(conn, new Map());
}

export function memoized<T>(conn: object, key: string, load: () => PromiseLike<T>): Promise<T> {
  const memo = memos.get(conn);
  if (!memo) return Promise.resolve(load());
  let read = memo.get(key) as Promise<T> | undefined;
  if (!read) {
    read = Promise.resolve(load());
    memo.set(key, read);
  }
  return read;
}
