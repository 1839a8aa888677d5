/**
 * A one-line progress counter on a terminal, for files that take more than a moment: nothing
 * when output is piped or under --json, nothing for the first second, then at most five
 * updates a second on stderr, cleared when done.
 */
export interface Progress {
  update(rowsRead: number): void;
  done(): void;
}

export function progress(stream: NodeJS.WriteStream, enabled: boolean, label: string, now: () => number = Date.now): Progress {
  if (!enabled || !stream.isTTY) return { update: () => undefined, done: () => undefined };
  const started = now();
  let last = 0;
  let shown = false;
  return {
    update(rowsRead) {
      const t = now();
      if (t - started < 1000 || t - last < 200) return;
      last = t;
      shown = true;
      stream.write(`\r${label}: ${rowsRead.toLocaleString('en-GB')} rows read (${((t - started) / 1000).toFixed(0)} s)`);
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
    },
  };
}
