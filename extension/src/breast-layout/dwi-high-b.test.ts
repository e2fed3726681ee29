import { groupHolding } from './dwi-high-b';

describe('groupHolding', () => {
  const sopOf = (id: string) => `sop-${id}`;
  const groups = [
    ['b0-1', 'b0-2', 'b0-3'],
    ['b800-1', 'b800-2', 'b800-3'],
  ];

  it('finds the group whose images are the highest b-value images', () => {
    expect(groupHolding(groups, new Set(['sop-b800-1', 'sop-b800-2', 'sop-b800-3']), sopOf)).toBe(2);
    expect(groupHolding(groups, new Set(['sop-b0-1', 'sop-b0-2', 'sop-b0-3']), sopOf)).toBe(1);
  });

  it('does not guess: no group unless most of its images belong', () => {
    expect(groupHolding(groups, new Set(['sop-b800-1']), sopOf)).toBeNull();
    expect(groupHolding(groups, new Set(), sopOf)).toBeNull();
    expect(groupHolding(groups, new Set(['sop-b800-1', 'sop-b800-2']), () => undefined)).toBeNull();
  });
});
