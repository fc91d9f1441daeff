/** The terminal's size, kept in state and updated on resize (Ink re-lays out but doesn't re-render on SIGWINCH). */
import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

export interface Size {
  cols: number;
  rows: number;
}

export function useTerminalSize(): Size {
  const { stdout } = useStdout();
  const read = (): Size => ({ cols: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => {
      const next = { cols: stdout.columns || 80, rows: stdout.rows || 24 };
      setSize((s) => (s.cols === next.cols && s.rows === next.rows ? s : next));
    };
    stdout.on('resize', onResize);
    onResize();
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
