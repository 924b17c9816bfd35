import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { Page } from './api-types.js';

export interface PagedList<T, P extends Page<T>> {
  /** null until the first page is read (and again while `first(…, { clear: true })` reads). */
  items: T[] | null;
  setItems: Dispatch<SetStateAction<T[] | null>>;
  nextCursor: string | null;
  setNextCursor: Dispatch<SetStateAction<string | null>>;
  /** Reads the first page (on open, a new search, after a change); answers overtaken by a later read are dropped. */
  first: (read: () => Promise<P>, options?: { clear?: boolean }) => Promise<P | null>;
  /** Appends the page after the last one read; does nothing at the end of the list. */
  more: (read: (cursor: string) => Promise<P>) => Promise<void>;
}

/**
 * A list the API hands out a page at a time (`{items, nextCursor}`): the state every list page
 * keeps, and the two reads they all make. A failed read goes to `onError`; with `emptyOnError` a
 * failed first read also shows the list as empty instead of loading.
 */
export function usePagedList<T, P extends Page<T> = Page<T>>(onError: (caught: unknown) => void, { emptyOnError = false } = {}): PagedList<T, P> {
  const [items, setItems] = useState<T[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  // Each first read starts a new generation: a slower earlier answer (the previous search, the
  // other tab) must not overwrite it, nor a next page of the old list be appended to the new one.
  const generation = useRef(0);
  const report = useRef(onError);
  report.current = onError;
  useEffect(
    () => () => {
      generation.current++;
    },
    [],
  );

  const first = useCallback(
    async (read: () => Promise<P>, { clear = false }: { clear?: boolean } = {}) => {
      const mine = ++generation.current;
      if (clear) setItems(null);
      try {
        const page = await read();
        if (mine !== generation.current) return null;
        setItems(page.items);
        setNextCursor(page.nextCursor);
        return page;
      } catch (caught) {
        if (mine !== generation.current) return null;
        if (emptyOnError) setItems([]);
        report.current(caught);
        return null;
      }
    },
    [emptyOnError],
  );

  const more = useCallback(
    async (read: (cursor: string) => Promise<P>) => {
      if (!nextCursor) return;
      const mine = generation.current;
      try {
        const page = await read(nextCursor);
        if (mine !== generation.current) return;
        setItems((old) => [...(old ?? []), ...page.items]);
        setNextCursor(page.nextCursor);
      } catch (caught) {
        if (mine === generation.current) report.current(caught);
      }
    },
    [nextCursor],
  );

  return { items, setItems, nextCursor, setNextCursor, first, more };
}
