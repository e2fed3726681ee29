import { labelsById, labelsFor, parseTable, selectColumns } from './table';

describe('feature and label tables', () => {
  it('parses ids and numbers', () => {
    const t = parseTable('case_id,DCE2/intra/a,label\nx,1.5,1\ny,-2e3,0\n', 'f.csv');
    expect(t.ids).toEqual(['x', 'y']);
    expect(Array.from(t.values[0])).toEqual([1.5, -2000]);
    expect(labelsFor(t, undefined, 'f.csv')).toEqual([1, 0]);
  });
  it('refuses NaN, infinite and empty cells, naming case and column', () => {
    expect(() => parseTable('case_id,a\nx,NaN\n', 'f.csv')).toThrow(
      /case 'x', column 'a': 'NaN' is not a finite number/,
    );
    expect(() => parseTable('case_id,a\nx,Infinity\n', 'f.csv')).toThrow(/not a finite number/);
    expect(() => parseTable('case_id,a\nx,\n', 'f.csv')).toThrow(/missing values must be imputed/);
  });
  it('refuses labels that are not binary and cases without a label', () => {
    expect(() => labelsById(parseTable('case_id,label\nx,2\n', 'l.csv'), 'l.csv')).toThrow(/labels must be 0 or 1/);
    const t = parseTable('case_id,a\nx,1\n', 'f.csv');
    expect(() => labelsFor(t, new Map([['y', 1]]), 'f.csv')).toThrow(/case 'x' has no label/);
  });
  it('names missing columns and rejects duplicates', () => {
    const t = parseTable('case_id,a,b\nx,1,2\n', 'f.csv');
    expect(() => selectColumns(t, ['a', 'c'], 'test set')).toThrow(/test set: missing column c/);
    expect(() => parseTable('case_id,a,a\nx,1,2\n', 'f.csv')).toThrow(/column 'a' appears twice/);
  });
});
