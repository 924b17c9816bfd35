import type { KyselyPlugin } from 'kysely';

/** Counts the statements a context's database runs (query builder and raw `sql` alike). */
export function counting(): { plugin: KyselyPlugin; count: () => number } {
  let statements = 0;
  return {
    plugin: {
      transformQuery(args) {
        statements++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    },
    count: () => statements,
  };
}
