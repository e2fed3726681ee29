import { Component, createElement, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';

/**
 * OHIF 3.13 renders panel components with its own React and does not share it with runtime plugins;
 * our bundled React's hooks would crash the host route. So OHIF gets a class component (which works
 * across React copies) that mounts our own React root into an empty div: an island where hooks work.
 */
export function makeIslandComponent<P extends object>(render: (props: P) => ReactNode, testId: string) {
  return class IslandHost extends Component<P> {
    private el: HTMLDivElement | null = null;
    private root: Root | null = null;
    private readonly setEl = (el: HTMLDivElement | null): void => {
      this.el = el;
    };

    override componentDidMount(): void {
      if (!this.el) return;
      this.root = createRoot(this.el);
      this.root.render(render(this.props));
    }

    override componentDidUpdate(): void {
      this.root?.render(render(this.props));
    }

    override componentWillUnmount(): void {
      const root = this.root;
      this.root = null;
      // Unmounting synchronously inside the host's commit phase makes React warn; defer it.
      setTimeout(() => root?.unmount(), 0);
    }

    override render() {
      return createElement('div', {
        ref: this.setEl,
        'data-testid': testId,
        style: { height: '100%', overflow: 'auto' },
      });
    }
  };
}
