// A one-line progress bar on stderr for long CLI commands (`seed-demo --history`).
// Redrawn at most every 100 ms; on a non-terminal it prints only the end.
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  let last = 0;
  const width = 30;
  return (done: number, total: number) => {
    const now = Date.now();
    const finished = done >= total;
    if (!finished && now - last < 100) return;
    last = now;
    const share = total === 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(share * width);
    const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(share * 100)}% ${done}/${total}`;
    if (stream.isTTY) stream.write(`\r${line}${finished ? '\n' : ''}`);
    else if (finished) stream.write(`${line}\n`);
  };
}
