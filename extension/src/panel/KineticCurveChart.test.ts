import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { KineticsResult } from '../kinetics/kinetics-result';
import { KineticCurveChart } from './KineticCurveChart';

const ok: KineticsResult = {
  status: 'ok',
  curve: {
    timeS: [-90, 0, 60, 120, 180],
    meanSignal: [200, 210, 420, 400, 360],
    hotspotSignal: [205, 215, 520, 480, 420],
  },
  initialEnhancementPercent: 100.2,
  peakEnhancementPercent: 104.8,
  timeToPeakS: 60,
  washInSlopePercentPerMin: 100.2,
  ser: 1.31,
  delayedChangePercent: -14.3,
  initialPhase: 'rapid',
  curveType: 'washout',
  thresholds: {
    initialPhaseEndS: 120,
    slowBelowPercent: 50,
    rapidAbovePercent: 100,
    persistentAbovePercent: 10,
    washoutBelowPercent: -10,
    delayedChangeBasis: 'signal',
    minimumEnhancementPercent: 10,
    mapMinimumInitialEnhancementPercent: 50,
  },
};

const render = (k: KineticsResult) => renderToStaticMarkup(createElement(KineticCurveChart, { kinetics: k }));
const count = (html: string, s: string) => html.split(s).length - 1;

describe('KineticCurveChart', () => {
  it('draws the curve with one point per phase and states both BI-RADS classes with their values', () => {
    const html = render(ok);
    expect(html).toContain('data-testid="heron-kinetic-curve"');
    expect(count(html, 'data-testid="heron-kinetic-point"')).toBe(5);
    expect(count(html, '<polyline')).toBe(2);
    const text = html.replace(/<[^>]+>/g, '');
    expect(text).toContain(
      'Most enhancing part: initial phase rapid (+100 %), delayed phase wash-out (type III) (−14 %).',
    );
    expect(text).toContain('SER1.31');
    expect(text).toContain('Time to peak60 s');
  });

  it('says when SER was not computed instead of showing a number', () => {
    expect(render({ ...ok, ser: null })).toContain(
      'SER</dt><dd style="margin:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap">not computed',
    );
  });

  it("shows the server's reason instead of a curve when the kinetics are unavailable", () => {
    const html = render({ status: 'unavailable', reason: 'The DCE has one phase; a curve needs two or more.' });
    expect(html).not.toContain('heron-kinetic-curve');
    expect(html.replace(/<[^>]+>/g, '')).toContain(
      'No kinetic curve: The DCE has one phase; a curve needs two or more.',
    );
  });

  it('says why a malformed curve is not drawn, and keeps the classes', () => {
    const html = render({ ...ok, curve: { ...ok.curve, meanSignal: [1, 2] } });
    expect(html).not.toContain('heron-kinetic-curve');
    expect(html).toContain('different number of times and signals');
    expect(html).toContain('wash-out (type III)');
  });
});
