import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ApiClient } from '../api-client';
import type { KineticMap } from '../kinetics/kinetic-map';
import type { ViewerActions } from '../viewer-actions';
import { KineticMapSection } from './KineticMapSection';
import { PanelMemory } from './panel-memory';

const outline = {
  kind: 'mask' as const,
  seriesInstanceUID: '1.2.3',
  sopInstanceUIDs: ['1.2.3.1'],
  size: [2, 2, 1] as [number, number, number],
  spacing: [1, 1, 1] as [number, number, number],
  origin: [0, 0, 0] as [number, number, number],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
  runs: [0, 1, 3],
};

const map: KineticMap = {
  seriesInstanceUID: '1.2.3',
  labels: [
    { label: 1, curveType: 'persistent', voxelCount: 1200, outline },
    { label: 2, curveType: 'plateau', voxelCount: 340, outline },
    { label: 3, curveType: 'washout', voxelCount: 56, outline },
  ],
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
  region: 'breasts',
  researchUseOnly: true,
};

const render = (memory: PanelMemory) =>
  renderToStaticMarkup(
    createElement(KineticMapSection, {
      api: {} as ApiClient,
      viewer: {} as ViewerActions,
      studyUid: '1.2',
      overrides: {},
      memory,
    }),
  ).replace(/<[^>]+>/g, ' ');

describe('KineticMapSection', () => {
  it('offers the map when it is off', () => {
    const text = render(new PanelMemory());
    expect(text).toContain('Show the kinetic map');
    expect(text).not.toContain('voxels');
  });

  it('shows the legend with the voxel count of each curve type, the threshold and research use only when on', () => {
    const memory = new PanelMemory();
    memory.set('kinetic-map:1.2', { kind: 'on', segmentationId: 'heron-kinetic-map-1', map });
    const text = render(memory).replace(/\s+/g, ' ');
    expect(text).toContain('Hide the kinetic map');
    expect(text).toContain('Persistent · 1,200 voxels');
    expect(text).toContain('Plateau · 340 voxels');
    expect(text).toContain('Wash-out · 56 voxels');
    expect(text).toContain('initial enhancement reaches 50 %');
    expect(text).toContain('For research use only.');
  });
});
