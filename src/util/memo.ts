/**
 * A memo of a pure function of (an owner object, a string key): one Map per owner (held weakly, so
 * a rule set that is let go takes its entries with it), at most `max` entries each (full, it starts
 * again empty: the keys of one scan, column names, are far fewer). Values are frozen, shared by
 * every caller.
 */
export function ownerMemo<O extends object, V>(max: number, make: (key: string, owner: O) => V): (owner: O, key: string) => Readonly<V> {
  const caches = new WeakMap<O, Map<string, Readonly<V>>>();
  return (owner, key) => {
    let cache = caches.get(owner);
    if (!cache) caches.set(owner, (cache = new Map()));
    let value = cache.get(key);
    if (value === undefined) {
      value = Object.freeze(make(key, owner));
      if (cache.size >= max) cache.clear();
      cache.set(key, value);
    }
    return value;
  };
}
