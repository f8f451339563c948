import { Component, type ReactNode } from 'react';

/**
 * A screen that throws while rendering (a bug, or a view the code did not expect) shows a way out
 * instead of a blank page. The texts are given by the caller, already translated.
 */
export class ErrorBoundary extends Component<
  { title: string; body: string; action: string; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <main id="main" className="page narrow" role="alert">
        <h1>{this.props.title}</h1>
        <p>{this.props.body}</p>
        <button type="button" className="primary" onClick={() => window.location.reload()}>
          {this.props.action}
        </button>
      </main>
    );
  }
}
