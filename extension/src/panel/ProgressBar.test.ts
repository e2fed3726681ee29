import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Stage } from '@heron/server/contract';
import { ProgressBar } from './ProgressBar';

const statuses = (stage: Stage | undefined, fraction: number) =>
  [
    ...renderToStaticMarkup(createElement(ProgressBar, { stage, fraction, message: 'm' })).matchAll(
      /data-stage="(\w+)" data-status="(\w+)"/g,
    ),
  ].map((m) => `${m[1]}:${m[2]}`);

describe('ProgressBar', () => {
  it('lists the six stages and highlights the current one', () => {
    expect(statuses('extract', 2 / 6)).toEqual([
      'fetch:done',
      'map:done',
      'extract:current',
      'predict:pending',
      'explain:pending',
      'store:pending',
    ]);
  });

  it('shows nothing running while queued and everything done at the end', () => {
    expect(statuses(undefined, 0).every((s) => s.endsWith(':pending'))).toBe(true);
    expect(statuses(undefined, 1).every((s) => s.endsWith(':done'))).toBe(true);
  });

  it('shows the overall fraction and the message', () => {
    const html = renderToStaticMarkup(
      createElement(ProgressBar, { stage: 'predict', fraction: 0.5, message: 'Running the model' }),
    );
    expect(html).toContain('data-testid="heron-progress"');
    expect(html).toContain('aria-valuenow="50"');
    expect(html).toContain('width:50%');
    expect(html).toContain('Running the model');
    expect(html).toContain('aria-current="step"');
  });
});
