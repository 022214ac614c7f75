// Functions made once that always reach the render's current state: the link channel's handler and
// the cards (which are not redrawn for new handlers) keep the first ones they were given.

import { useMemo, useRef } from "preact/hooks";

/** `make(get)` runs once; the functions it returns read this render's `deps` through `get()`. */
export function useLatest<D, T>(deps: D, make: (get: () => D) => T): T {
  const ref = useRef(deps);
  ref.current = deps;
  return useMemo(() => make(() => ref.current), []);
}
