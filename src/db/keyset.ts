/**
 * A keyset position in a list ordered by time, newest first: the last item's time and id. The
 * queries page with it (`where (t, id) < (at, id)`); HTTP turns it into an opaque cursor and back
 * (`http/cursor.ts`), so a use case can take one without knowing how clients see it.
 */
export interface KeysetCursor {
  at: Date;
  id: number;
}
