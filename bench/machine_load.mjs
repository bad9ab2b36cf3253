// How busy the machine was while a benchmark measured: the CPU time of every core (/proc/stat)
// and of this process's descendants (the browser it launched), so that a page benchmark can
// say how much of the machine it had. Linux only; elsewhere the figures are null.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux the project runs on

function read(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Busy and total CPU ticks of the whole machine. */
function machineTicks() {
  const line = read('/proc/stat')?.split('\n')[0];
  if (!line?.startsWith('cpu ')) return null;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = v[3] + (v[4] ?? 0); // idle + iowait
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** CPU ticks (user + system) of every live descendant of `root`. */
function descendantTicks(root) {
  const parent = new Map(), ticks = new Map();
  let entries;
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const stat = read(`/proc/${name}/stat`);
    if (!stat) continue;
    // The command name may hold spaces and parentheses: the fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    parent.set(Number(name), Number(fields[1]));
    ticks.set(Number(name), Number(fields[11]) + Number(fields[12]));
  }
  let sum = 0;
  for (const [pid, t] of ticks) {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) {
      if (p === root) {
        sum += t;
        break;
      }
    }
  }
  return sum;
}

/** A reading to compare with a later one (loadBetween). */
export function loadReading() {
  return { at: performance.now(), machine: machineTicks(), ours: descendantTicks(process.pid), self: process.cpuUsage() };
}

/**
 * Cores in use between two readings: the whole machine, this benchmark's browser (and this
 * Node process), and everyone else. A descendant that exited in between is not counted.
 */
export function loadBetween(a, b) {
  const seconds = (b.at - a.at) / 1000;
  const cores = cpus().length;
  if (!a.machine || !b.machine || a.ours === null || b.ours === null) return { cores, machine: null, ours: null, others: null };
  const totalTicks = b.machine.total - a.machine.total;
  const machine = totalTicks > 0 ? ((b.machine.busy - a.machine.busy) / totalTicks) * cores : 0;
  const selfSeconds = (b.self.user + b.self.system - a.self.user - a.self.system) / 1e6;
  const ours = (b.ours - a.ours) / TICKS_PER_SECOND / seconds + selfSeconds / seconds;
  return { cores, machine, ours, others: Math.max(0, machine - ours) };
}

export function describeLoad(load) {
  if (load.machine === null) return `${load.cores} CPUs (no /proc to read the load from)`;
  return `${load.cores} CPUs; in use while measuring: ${load.machine.toFixed(2)} cores, of which this benchmark's browser ${load.ours.toFixed(2)} and everything else ${load.others.toFixed(2)}`;
}
