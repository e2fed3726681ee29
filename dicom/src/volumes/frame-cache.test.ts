import { FrameCache, type InstanceFrames } from './frame-cache';

/** A reader that counts its calls and gives frames of `bytes` bytes whose first byte is the frame number. */
function counter(bytes = 100) {
  const calls: number[][] = [];
  const read = async (missing: number[]): Promise<InstanceFrames> => {
    calls.push(missing);
    return { frames: missing.map((n) => new Uint8Array(bytes).fill(n).buffer) };
  };
  return { calls, read };
}

const first = (r: InstanceFrames) => r.frames.map((f) => new Uint8Array(f)[0]);

describe('FrameCache', () => {
  it('reads a frame once and counts the bytes it holds', async () => {
    const cache = new FrameCache(1000);
    const { calls, read } = counter();
    expect(first(await cache.frames('a', [1, 2, 3], read))).toEqual([1, 2, 3]);
    expect(first(await cache.frames('a', [2, 3, 4], read))).toEqual([2, 3, 4]);
    expect(calls).toEqual([[1, 2, 3], [4]]);
    expect(cache.bytes).toBe(400);
    expect(cache.size).toBe(4);
  });

  it('tells instances apart', async () => {
    const cache = new FrameCache(1000);
    const { calls, read } = counter();
    await cache.frames('a', [1], read);
    await cache.frames('b', [1], read);
    expect(calls).toEqual([[1], [1]]);
  });

  it('drops the least recently used frames beyond its limit', async () => {
    const cache = new FrameCache(300);
    const { calls, read } = counter();
    await cache.frames('a', [1, 2, 3], read);
    await cache.frames('a', [1], read); // 1 is now the most recently used
    await cache.frames('a', [4], read); // over the limit: 2 goes
    expect(cache.bytes).toBe(300);
    await cache.frames('a', [1, 3, 4], read);
    expect(calls).toEqual([[1, 2, 3], [4]]);
    await cache.frames('a', [2], read);
    expect(calls.at(-1)).toEqual([2]);
    expect(cache.bytes).toBeLessThanOrEqual(300);
  });

  it('shares one read between callers asking at the same time', async () => {
    const cache = new FrameCache(1000);
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const { calls, read } = counter();
    const slow = async (missing: number[]) => {
      await gate;
      return read(missing);
    };
    const one = cache.frames('a', [1, 2], slow);
    const two = cache.frames('a', [2, 1], slow);
    expect(cache.bytes).toBe(0); // frames being read are not counted yet
    release();
    expect(first(await one)).toEqual([1, 2]);
    expect(first(await two)).toEqual([2, 1]);
    expect(calls).toEqual([[1, 2]]);
  });

  it('keeps nothing of a failed read, so the next caller reads again', async () => {
    const cache = new FrameCache(1000);
    await expect(cache.frames('a', [1], async () => Promise.reject(new Error('PACS down')))).rejects.toThrow(
      'PACS down',
    );
    expect(cache.size).toBe(0);
    const { calls, read } = counter();
    await cache.frames('a', [1], read);
    expect(calls).toEqual([[1]]);
  });

  it('with limit 0 holds nothing but still shares a read in flight', async () => {
    const cache = new FrameCache(0);
    const { calls, read } = counter();
    await Promise.all([cache.frames('a', [1], read), cache.frames('a', [1], read)]);
    expect(calls).toEqual([[1]]);
    expect(cache.bytes).toBe(0);
    await cache.frames('a', [1], read);
    expect(calls).toHaveLength(2);
  });

  it('remembers that frames were decoded from a lossy syntax', async () => {
    const cache = new FrameCache(1000);
    const lossyRead = async (missing: number[]) => ({
      frames: missing.map(() => new ArrayBuffer(10)),
      lossy: 'it is JPEG baseline, a lossy compression',
    });
    expect((await cache.frames('a', [1], lossyRead)).lossy).toMatch(/lossy/);
    expect((await cache.frames('a', [1], counter().read)).lossy).toMatch(/lossy/);
  });

  it('refuses a negative limit', () => {
    expect(() => new FrameCache(-1)).toThrow(/≥ 0/);
  });

  it('keeps a built value per key while its version is the same, counted in the same limit', async () => {
    const cache = new FrameCache(1000);
    const v1 = {};
    let builds = 0;
    const build = (n: number) => async () => {
      builds++;
      return new Uint8Array(n);
    };
    const size = (a: Uint8Array) => a.byteLength;
    const a = await cache.builtFrom('k', v1, size, build(300));
    expect(await cache.builtFrom('k', v1, size, build(300))).toBe(a);
    expect(builds).toBe(1);
    expect(cache.bytes).toBe(300);
    // Another version (the series read again) is built again and replaces the first.
    const b = await cache.builtFrom('k', {}, size, build(200));
    expect(b).not.toBe(a);
    expect(builds).toBe(2);
    expect(cache.bytes).toBe(200);
    expect(cache.builtSize).toBe(1);
  });

  it('drops built values before frames, and keeps no failed build', async () => {
    const cache = new FrameCache(500);
    const { calls, read } = counter();
    await cache.frames('a', [1, 2, 3], read);
    const v = {};
    await cache.builtFrom(
      'k',
      v,
      () => 300,
      async () => 'volume',
    );
    // 600 bytes held for a limit of 500: the volume goes, the frames stay.
    expect(cache.bytes).toBe(300);
    expect(cache.builtSize).toBe(0);
    await cache.frames('a', [1, 2, 3], read);
    expect(calls).toEqual([[1, 2, 3]]);
    await expect(
      cache.builtFrom(
        'f',
        v,
        () => 1,
        () => Promise.reject(new Error('no')),
      ),
    ).rejects.toThrow('no');
    expect(cache.builtSize).toBe(0);
  });

  it('keeps no built value when it is off', async () => {
    const cache = new FrameCache(0);
    let builds = 0;
    const build = async () => ++builds;
    await cache.builtFrom('k', {}, () => 8, build);
    const v = {};
    await cache.builtFrom('k', v, () => 8, build);
    await cache.builtFrom('k', v, () => 8, build);
    expect(builds).toBe(3);
    expect(cache.bytes).toBe(0);
  });
});
