import { StreamLimit } from './stream-limit';

describe('StreamLimit', () => {
  it('gives each reader at most perUser streams, and one back for each released (once)', () => {
    const limit = new StreamLimit(2);
    const a1 = limit.acquire('dr-a');
    const a2 = limit.acquire('dr-a');
    expect(a1 && a2).toBeTruthy();
    expect(limit.acquire('dr-a')).toBeNull();
    expect(limit.acquire('dr-b')).not.toBeNull();
    a1?.();
    a1?.();
    expect(limit.acquire('dr-a')).not.toBeNull();
    expect(limit.acquire('dr-a')).toBeNull();
  });
});
