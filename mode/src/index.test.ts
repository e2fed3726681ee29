import mode, { isValidMode, MODE_ID } from './index';

describe('isValidMode', () => {
  it('offers the mode for studies with MR images only', () => {
    expect(isValidMode({ modalities: 'MR' }).valid).toBe(true);
    expect(isValidMode({ modalities: 'MR\\SR\\SEG' }).valid).toBe(true);
    expect(isValidMode({ modalities: 'CT' })).toEqual({ valid: false, description: 'The Heron breast MRI mode needs an MR study.' });
    expect(isValidMode({}).valid).toBe(false);
  });
});

describe('modeFactory', () => {
  const base = {
    modeInstance: {
      id: 'longitudinal',
      routes: [{ path: 'viewer', layoutInstance: { id: 'layout', props: { rightPanels: ['measurements'], leftPanels: ['series'] } } }],
      extensions: { '@ohif/extension-default': '^3.0.0' },
    },
  };

  it('adds the Heron panel first on the right of OHIF longitudinal layout, on its own route', async () => {
    const made = await mode.modeFactory({ loadModules: async () => [base] });
    expect(made.id).toBe(MODE_ID);
    expect(made.displayName).toBe('Breast MRI (Heron)');
    expect(made.routes[0].path).toBe('heron');
    expect(made.routes[0].layoutInstance.props.rightPanels).toEqual(['@heron/ohif-extension.panelModule.heronPanel', 'measurements']);
    expect(made.routes[0].layoutInstance.props.leftPanels).toEqual(['series']);
    expect(made.extensions).toEqual({ '@ohif/extension-default': '^3.0.0', '@heron/ohif-extension': '^0.1.0' });
    // The base mode is left untouched for OHIF's own use.
    expect(base.modeInstance.routes[0].layoutInstance.props.rightPanels).toEqual(['measurements']);
  });

  it('fails clearly on an OHIF without the longitudinal layout', async () => {
    await expect(mode.modeFactory({ loadModules: async () => [{}] })).rejects.toThrow(/no longitudinal mode layout/);
  });
});
