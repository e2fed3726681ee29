import mode, { isValidMode, MODE_ID, prepareLayout, PROTOCOL_ID } from './index';

describe('isValidMode', () => {
  it('offers the mode for studies with MR images only', () => {
    expect(isValidMode({ modalities: 'MR' }).valid).toBe(true);
    expect(isValidMode({ modalities: 'MR\\SR\\SEG' }).valid).toBe(true);
    expect(isValidMode({ modalities: 'CT' })).toEqual({
      valid: false,
      description: 'The Heron breast MRI mode needs an MR study.',
    });
    expect(isValidMode({}).valid).toBe(false);
  });
});

describe('modeFactory', () => {
  const base = {
    modeInstance: {
      id: 'segmentation',
      routes: [
        {
          path: 'template',
          layoutInstance: { id: 'layout', props: { rightPanels: ['labelmap', 'contour'], leftPanels: ['series'] } },
        },
      ],
      extensions: { '@ohif/extension-default': '^3.0.0' },
      hangingProtocol: ['@ohif/mnGrid'],
      initToolGroups: () => undefined,
    },
  };

  it("adds the Heron panel first on the right of OHIF's segmentation layout, on its own route", async () => {
    const loaded: string[][] = [];
    const made = await mode.modeFactory({ loadModules: async (names) => (loaded.push(names), [base]) });
    expect(loaded).toEqual([['@ohif/mode-segmentation']]);
    expect(made.id).toBe(MODE_ID);
    expect(made.displayName).toBe('Breast MRI (Heron)');
    expect(made.routes[0].path).toBe('heron');
    expect(made.routes[0].layoutInstance.props.rightPanels).toEqual([
      '@heron/ohif-extension.panelModule.heronPanel',
      'labelmap',
      'contour',
    ]);
    expect(made.routes[0].layoutInstance.props.leftPanels).toEqual(['series']);
    expect(made.extensions).toEqual({ '@ohif/extension-default': '^3.0.0', '@heron/ohif-extension': '^0.1.0' });
    // The breast protocol instead of the segmentation mode's grid, prepared by the route; its tool groups are kept.
    expect(made.hangingProtocol).toBe(PROTOCOL_ID);
    expect(made.routes[0].init).toBe(prepareLayout);
    expect((made as Record<string, unknown>).initToolGroups).toBe(base.modeInstance.initToolGroups);
    // Heron's SRs open as the report: its handler is asked first, its viewport is first in the layout.
    expect(made.sopClassHandlers).toEqual(['@heron/ohif-extension.sopClassHandlerModule.heron-sr']);
    expect(made.routes[0].layoutInstance.props.viewports?.[0]).toEqual({
      namespace: '@heron/ohif-extension.viewportModule.heron-report',
      displaySetsToDisplay: ['@heron/ohif-extension.sopClassHandlerModule.heron-sr'],
    });
    // The base mode is left untouched for OHIF's own use.
    expect(base.modeInstance.routes[0].layoutInstance.props.rightPanels).toEqual(['labelmap', 'contour']);
  });

  it('fails clearly on an OHIF without the segmentation layout', async () => {
    await expect(mode.modeFactory({ loadModules: async () => [{}] })).rejects.toThrow(/no segmentation mode layout/);
  });
});

describe('prepareLayout', () => {
  it("asks the extension's layout utility to prepare the study before OHIF loads it", async () => {
    const calls: unknown[] = [];
    const asked: string[] = [];
    const extensionManager = {
      getModuleEntry(id: string) {
        asked.push(id);
        return { exports: { prepare: async (a: unknown) => (calls.push(a), {}) } };
      },
    };
    await prepareLayout({ extensionManager, studyInstanceUIDs: ['1.2.3'] });
    expect(asked).toEqual(['@heron/ohif-extension.utilityModule.breastLayout']);
    expect(calls).toEqual([{ studyInstanceUIDs: ['1.2.3'] }]);
  });

  it('lets OHIF go on when the extension is missing', async () => {
    await expect(prepareLayout({ extensionManager: { getModuleEntry: () => undefined } })).resolves.toBeUndefined();
  });
});
