/**
 * Parts of pages drawn once per state of the project: a chart or a page body depends only on the dashboard
 * it is drawn from, and a dashboard is made once per validation (and day). Kept as long as that dashboard is
 * the current one (a WeakMap: the old state's parts go with it).
 */
export class PerState<S extends object, V> {
  private readonly parts = new WeakMap<S, Map<string, V>>();

  get(state: S, key: string, draw: () => V): V {
    let map = this.parts.get(state);
    if (!map) this.parts.set(state, (map = new Map()));
    let value = map.get(key);
    if (value === undefined) map.set(key, (value = draw()));
    return value;
  }
}
