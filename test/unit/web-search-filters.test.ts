import { describe, expect, it } from 'vitest';
import { filtersFromQuery, searchPath } from '../../web/src/features/search/api/search.js';

describe('the search screen keeps its filters in the address', () => {
  it('reads every known filter from the query, trimmed, and drops the empty and the unknown', () => {
    const query = new URLSearchParams('q=%20ada%20&company=Northwind&title=&skill=TypeScript&group=7&school=Northfield&location=Lisbon&color=red');
    expect(filtersFromQuery(query)).toEqual({ q: 'ada', company: 'Northwind', skill: 'TypeScript', group: '7', school: 'Northfield', location: 'Lisbon' });
  });

  it('keeps only degrees 1, 2 and 3, once each, in order', () => {
    expect(filtersFromQuery(new URLSearchParams('degree=3,1,3,9,x'))).toEqual({ degree: '1,3' });
    expect(filtersFromQuery(new URLSearchParams('degree=,'))).toEqual({});
  });

  it('writes a search as one address whatever order the filters were set in, and reads it back the same', () => {
    const filters = { skill: 'TypeScript', degree: '1,2', q: 'ada lovelace', company: 'Ben & Jerry’s' };
    const path = searchPath(filters);
    expect(path).toBe('/search?q=ada+lovelace&company=Ben+%26+Jerry%E2%80%99s&skill=TypeScript&degree=1%2C2');
    expect(filtersFromQuery(new URLSearchParams(path.split('?')[1]))).toEqual(filters);
    expect(searchPath({ q: '  ', skill: '' })).toBe('/search');
  });
});
