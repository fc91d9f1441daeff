/** A render that throws shows one line naming the log file; the rest of the UI goes on, and the pane retries on the next change. */
import { Component, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { reportBug } from './bug-log.js';

interface Props {
  name: string;
  height?: number;
  /** When this changes, the pane tries to render again. */
  resetKey?: unknown;
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, { line?: string; key?: unknown }> {
  override state: { line?: string; key?: unknown } = {};

  static getDerivedStateFromError(): { line: string } {
    return { line: '' };
  }

  static getDerivedStateFromProps(props: Props, state: { line?: string; key?: unknown }) {
    if (state.line !== undefined && state.key !== undefined && props.resetKey !== state.key) return { line: undefined, key: undefined };
    return null;
  }

  override componentDidCatch(error: Error, info: { componentStack?: string | null }): void {
    this.setState({ line: reportBug(`the ${this.props.name} pane`, error, info.componentStack ?? ''), key: this.props.resetKey });
  }

  override render(): ReactNode {
    if (this.state.line === undefined) return this.props.children;
    return (
      <Box height={this.props.height} overflow="hidden">
        <Text color="red" wrap="truncate-end">
          {`error: ${this.state.line || `kubedojo bug in the ${this.props.name} pane`}`}
        </Text>
      </Box>
    );
  }
}
