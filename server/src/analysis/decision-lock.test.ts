import { DecisionLock } from './decision-lock';

describe('DecisionLock', () => {
  it('runs decisions on one report one after the other, and on different reports side by side', async () => {
    const lock = new DecisionLock();
    const log: string[] = [];
    const step = (name: string, ms: number) => async () => {
      log.push(`${name} start`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([
      lock.run('A', step('a1', 20)),
      lock.run('A', step('a2', 1)),
      lock.run('B', step('b1', 5)),
    ]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('a2 start')).toBeGreaterThan(log.indexOf('a1 end'));
    expect(log.indexOf('b1 start')).toBeLessThan(log.indexOf('a1 end'));
  });

  it('runs the next decision after one that failed', async () => {
    const lock = new DecisionLock();
    const failed = lock.run('A', () => Promise.reject(new Error('refused')));
    await expect(failed).rejects.toThrow('refused');
    await expect(lock.run('A', () => Promise.resolve('next'))).resolves.toBe('next');
  });
});
