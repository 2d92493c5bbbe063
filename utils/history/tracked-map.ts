/**
 * For the memory store: a map that notes which keys a change touched (to hand to a mirror) and
 * can go back to how it was before the change (when the mirror refuses it).
 */
export function trackedMap<T>() {
  let entries = new Map<string, T>();
  let before: Map<string, T> | undefined;
  const touched = new Set<string>();
  return {
    entries: () => entries,
    set(key: string, value: T) {
      touched.add(key);
      entries.set(key, value);
    },
    delete(key: string) {
      touched.add(key);
      entries.delete(key);
    },
    begin() {
      before = new Map(entries);
      touched.clear();
    },
    /** The change since `begin`: what is there now of each touched key, and which are gone. */
    change() {
      const keys = [...touched];
      return { put: keys.flatMap((key) => (entries.has(key) ? [entries.get(key)!] : [])), removed: keys.filter((key) => !entries.has(key)) };
    },
    rollback() {
      if (before) entries = before;
    },
  };
}
