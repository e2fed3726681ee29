// The "Breast MRI (Heron)" mode: OHIF's own longitudinal mode (its toolbar, tools, hanging protocol
// and SR/SEG viewports) with the Heron panel added on the right. Cloned at run time because the
// prebuilt viewer cannot be rebuilt with new modes (shared/docs/ohif-integration.md §8).

export const MODE_ID = '@heron/ohif-mode';
const EXTENSION_ID = '@heron/ohif-extension';
const PANEL_ID = `${EXTENSION_ID}.panelModule.heronPanel`;

interface LayoutInstance {
  props: { rightPanels: string[]; [key: string]: unknown };
  [key: string]: unknown;
}

interface Route {
  path: string;
  layoutInstance: LayoutInstance;
  [key: string]: unknown;
}

interface ModeInstance {
  routes: Route[];
  extensions: Record<string, string>;
  onModeEnter?: (this: unknown, args: unknown) => void;
  [key: string]: unknown;
}

interface ModeFactoryArgs {
  loadModules(names: string[]): Promise<Array<{ modeInstance?: ModeInstance }>>;
}

/** Offered only for studies with MR images: the analysis needs DCE, T2 and DWI. */
export function isValidMode({ modalities }: { modalities?: string }): { valid: boolean; description: string } {
  const list = (modalities ?? '').split(/\\|,|\s+/).filter(Boolean);
  const valid = list.includes('MR');
  return { valid, description: valid ? '' : 'The Heron breast MRI mode needs an MR study.' };
}

const mode = {
  id: MODE_ID,
  extensionDependencies: { [EXTENSION_ID]: '^0.1.0' },
  async modeFactory({ loadModules }: ModeFactoryArgs) {
    const [base] = await loadModules(['@ohif/mode-longitudinal']);
    const baseInstance = base?.modeInstance;
    const baseRoute = baseInstance?.routes?.[0];
    if (!baseInstance || !baseRoute?.layoutInstance) {
      throw new Error('Heron mode: this OHIF version has no longitudinal mode layout to build on');
    }
    const layoutInstance: LayoutInstance = {
      ...baseRoute.layoutInstance,
      props: {
        ...baseRoute.layoutInstance.props,
        rightPanels: [PANEL_ID, ...baseRoute.layoutInstance.props.rightPanels],
        rightPanelClosed: false,
      },
    };
    return {
      ...baseInstance,
      id: MODE_ID,
      routeName: 'heron',
      displayName: 'Breast MRI (Heron)',
      hide: false,
      isValidMode,
      routes: [{ ...baseRoute, path: 'heron', layoutInstance }],
      extensions: { ...baseInstance.extensions, [EXTENSION_ID]: '^0.1.0' },
    };
  },
};

export default mode;
