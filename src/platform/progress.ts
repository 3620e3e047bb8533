import cliProgress from 'cli-progress';

/** A progress bar per stage on a terminal; plain lines when output goes to a file or CI log. */
export function progressReporter(): { report: (stage: string, done: number, total: number) => void; stop: () => void } {
  const tty = Boolean(process.stdout.isTTY);
  let bar: cliProgress.SingleBar | null = null;
  let current = '';
  let lastLogged = -1;
  return {
    report(stage, done, total) {
      if (stage !== current) {
        bar?.stop();
        current = stage;
        lastLogged = -1;
        if (tty) {
          bar = new cliProgress.SingleBar({ format: `  ${stage.padEnd(22)} [{bar}] {percentage}% {value}/{total}`, hideCursor: true }, cliProgress.Presets.shades_classic);
          bar.start(total, done);
        }
      }
      if (bar) bar.update(done);
      else {
        const pct = total > 0 ? Math.floor((done / total) * 4) : 4;
        if (pct !== lastLogged) {
          lastLogged = pct;
          console.log(`  ${stage}: ${done}/${total}`);
        }
      }
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
