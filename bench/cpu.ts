import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

// Linux reports CPU time in clock ticks of USER_HZ, which is 100 on every mainstream kernel.
const MS_PER_TICK = 10;

/** CPU time (user + system, ms) a process has used so far, from /proc; 0 once it is gone. */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is the first, utime and stime the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return 0;
  }
}

/** Busy CPU time of the whole machine so far (ms, all cores), from /proc/stat. */
function machineCpuMs(): { busy: number } {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const values = ticks.map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0); // idle + iowait
  return { busy: (total - idle) * MS_PER_TICK };
}

/** The processes whose command name is `name` (all of PostgreSQL's: backends and background workers). */
export function pidsNamed(name: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name;
      } catch {
        return false; // (gone meanwhile)
      }
    })
    .map(Number);
}

/** CPU used by named groups of processes between start() and stop(), and by the machine as a whole. */
export function cpuMeter(groups: Record<string, () => number[]>) {
  const read = () => ({
    machine: machineCpuMs(),
    groups: Object.fromEntries(
      Object.entries(groups).map(([name, pids]) => [name, pids().reduce((sum, pid) => sum + processCpuMs(pid), 0)]),
    ),
  });
  let before = read();
  return {
    start: () => {
      before = read();
    },
    stop: () => {
      const after = read();
      const ms = Object.fromEntries(
        Object.keys(groups).map((name) => [name, after.groups[name]! - before.groups[name]!]),
      );
      return {
        ms,
        machineBusyMs: after.machine.busy - before.machine.busy,
      };
    },
  };
}

export const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
