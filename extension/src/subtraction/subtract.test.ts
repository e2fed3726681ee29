import { subtractPixels, subtractionWindow } from './subtract';

describe('subtractPixels', () => {
  it('subtracts in scanner units, keeping negative differences', () => {
    const post = { pixels: Uint16Array.from([100, 50, 300]), slope: 2, intercept: -10 };
    const pre = { pixels: Int16Array.from([80, 60, 100]), slope: 1, intercept: 0 };
    const d = subtractPixels(post, pre);
    expect(Array.from(d.data)).toEqual([110, 30, 490]);
    const back = subtractPixels(pre, { pixels: [100, 100, 100], slope: 1, intercept: 0 });
    expect(Array.from(back.data)).toEqual([-20, -40, 0]);
    expect([back.min, back.max]).toEqual([-40, 0]);
  });

  it('refuses images of different sizes', () => {
    expect(() =>
      subtractPixels({ pixels: [1, 2], slope: 1, intercept: 0 }, { pixels: [1], slope: 1, intercept: 0 }),
    ).toThrow('A subtraction needs images of one size (2 and 1 pixels).');
  });
});

describe('subtractionWindow', () => {
  it('runs from no enhancement to the 99.5th percentile of the enhancement', () => {
    const diff = Array.from({ length: 1000 }, (_, i) => i - 200); // 799 positive values 1..799
    const w = subtractionWindow(diff);
    expect(w.center - w.width / 2).toBe(0);
    expect(w.width).toBe(796);
  });
  it('keeps a usable window for an image without enhancement', () => {
    expect(subtractionWindow([0, -5, -1])).toEqual({ center: 0.5, width: 1 });
  });
});
