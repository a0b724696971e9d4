import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

// Linux reports CPU time in clock ticks of USER_HZ, which is 100 on every mainstream kernel.
const MS_PER_TICK = 10;

/** CPU time (user + system, ms) a process has used so far, from /proc; undefined once it is gone. */
function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is the first, utime and stime the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return undefined;
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

/**
 * CPU used by named groups of processes between start() and stop(), and by the machine as a
 * whole. Counted per process: one that started meanwhile counts whole, one that exited
 * meanwhile (a PostgreSQL backend) drops out instead of taking its earlier CPU off the sum.
 */
export function cpuMeter(groups: Record<string, () => number[]>) {
  const read = () => ({
    machine: machineCpuMs(),
    groups: Object.fromEntries(
      Object.entries(groups).map(([name, pids]) => [
        name,
        new Map(pids().map((pid) => [pid, processCpuMs(pid)] as const)),
      ]),
    ),
  });
  let before = read();
  return {
    start: () => {
      before = read();
    },
    stop: () => {
      const after = read();
      const used = (name: string) => {
        let sum = 0;
        for (const [pid, cpuMs] of after.groups[name]!) {
          if (cpuMs !== undefined) sum += cpuMs - (before.groups[name]!.get(pid) ?? 0);
        }
        return sum;
      };
      return {
        ms: Object.fromEntries(Object.keys(groups).map((name) => [name, used(name)])),
        machineBusyMs: after.machine.busy - before.machine.busy,
      };
    },
  };
}

export const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
