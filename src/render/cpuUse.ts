/**
 * CPU time by stage of a render, read from Linux's /proc: every thread of
 * every process this process started (the browser's renderer, its frame
 * workers, ffmpeg), sampled while the render runs.
 *
 * @remarks
 * Wall-clock timings from inside the page (performance.now around a stage)
 * count the time a stage waited for a core as its own: on two cores with
 * drawing, two PNG workers and ffmpeg competing, a PNG that costs 6 ms of CPU
 * measured 15 ms. CPU time does not depend on the competition, and it sees
 * what the page cannot (ffmpeg, the browser's other processes). Other
 * programs on the machine are not counted: only descendants of the root pid.
 */
import {readdirSync, readFileSync} from 'node:fs';

/** Seconds of CPU (user + system) per stage. */
export type CpuUse = Record<CpuStage, number>;

export type CpuStage =
  | 'page main thread'
  | 'page workers'
  | 'page other threads'
  | 'browser other processes'
  | 'ffmpeg'
  | 'node'
  | 'other';

/** One line of /proc/<pid>/task/<tid>/stat, the fields used here. */
export interface ThreadStat {
  /** The thread's name (comm). */
  name: string;
  /** Parent process id (of the process the thread belongs to). */
  ppid: number;
  /** User + system time in clock ticks. */
  ticks: number;
}

/** Clock ticks a second (USER_HZ: 100 on every Linux Node supports). */
const HZ = 100;

/**
 * Parses a /proc stat line. The name is in parentheses and may itself hold
 * spaces and parentheses, so the fields are counted from the last ')'.
 */
export function parseStat(line: string): ThreadStat | null {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const rest = line
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  // rest[0] is the state (field 3); ppid is field 4, utime 14, stime 15.
  const ppid = Number(rest[1]);
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (![ppid, utime, stime].every(Number.isFinite)) return null;
  return {name: line.slice(open + 1, close), ppid, ticks: utime + stime};
}

/** What a process is, from its command line and name. */
export function processKind(
  command: string,
): 'renderer' | 'browser' | 'ffmpeg' | 'node' | 'other' {
  if (/--type=renderer\b/.test(command)) return 'renderer';
  if (/(^|\/)(chrome|chromium|headless_shell)[^/\s]*(\s|$)/.test(command)) {
    return 'browser';
  }
  if (/(^|\/)ffmpeg(\s|$)/.test(command)) return 'ffmpeg';
  if (/(^|\/)node(\s|$)/.test(command)) return 'node';
  return 'other';
}

/**
 * The stage a thread's time belongs to. A renderer's main thread has the
 * process's own name (its tid is its pid); Chromium names worker threads
 * "DedicatedWorker thread" (cut to 15 characters by the kernel).
 */
export function stageOf(
  kind: ReturnType<typeof processKind>,
  isMainThread: boolean,
  threadName: string,
): CpuStage {
  switch (kind) {
    case 'renderer':
      if (isMainThread) return 'page main thread';
      return /^DedicatedWorker/.test(threadName)
        ? 'page workers'
        : 'page other threads';
    case 'browser':
      return 'browser other processes';
    default:
      return kind;
  }
}

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** The thread ids of a process; none once it has gone. */
function tasksOf(pid: number): string[] {
  try {
    return readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
}

/**
 * Runs `sample` every `everyMs` (not keeping the process alive); the
 * function returned stops it, after one last sample.
 */
function sampling(sample: () => void, everyMs: number): () => void {
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    sample();
  };
}

/**
 * Pids of `root` and every process below it: from each thread's list of
 * the children it started (/proc/<pid>/task/<tid>/children), so a sample
 * reads only this tree, not every process on the machine; from every
 * process's parent where the kernel keeps no such lists.
 */
function descendants(root: number): Set<number> {
  const found = new Set([root]);
  const todo = [root];
  while (todo.length > 0) {
    const pid = todo.pop()!;
    for (const tid of tasksOf(pid)) {
      const children = read(`/proc/${pid}/task/${tid}/children`);
      if (children === null) return descendantsByParent(root);
      for (const child of children.split(' ').filter(Boolean).map(Number)) {
        if (!found.has(child)) {
          found.add(child);
          todo.push(child);
        }
      }
    }
  }
  return found;
}

/** Pids of `root` and every process below it, from every process's parent. */
function descendantsByParent(root: number): Set<number> {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = parseStat(read(`/proc/${pid}/stat`) ?? '');
    if (stat) parent.set(pid, stat.ppid);
  }
  const found = new Set([root]);
  // Parents come before children only by chance: repeat until stable.
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (!found.has(pid) && found.has(ppid)) {
        found.add(pid);
        grew = true;
      }
    }
  }
  return found;
}

/**
 * Samples the CPU time of every thread under `root` (default: this process)
 * every `everyMs` until stopped. Null where /proc cannot be read (not Linux).
 *
 * @remarks
 * A thread's last sample is what it used by then: a process that exits
 * between two samples loses at most `everyMs` of its time.
 */
export function sampleCpu(
  root = process.pid,
  everyMs = 100,
): {stop(): CpuUse} | null {
  if (read(`/proc/${root}/stat`) === null) return null;
  /** Per thread ("pid/tid"): stage, ticks at the first and last sample. */
  const threads = new Map<
    string,
    {stage: CpuStage; first: number; last: number}
  >();
  const sample = (first: boolean) => {
    for (const pid of descendants(root)) {
      // Read every time: a renderer forked from Chromium's zygote has the
      // zygote's command line until it renames itself.
      const command = read(`/proc/${pid}/cmdline`);
      // Empty for a process that is exiting: its threads keep their stage.
      if (!command) continue;
      const kind = processKind(command.replace(/\0/g, ' '));
      for (const tid of tasksOf(pid)) {
        const stat = parseStat(read(`/proc/${pid}/task/${tid}/stat`) ?? '');
        if (!stat) continue;
        const key = `${pid}/${tid}`;
        const known = threads.get(key);
        const stage = stageOf(kind, tid === String(pid), stat.name);
        if (known) {
          known.last = stat.ticks;
          known.stage = stage;
        } else {
          threads.set(key, {
            stage,
            // Threads there before sampling began count from then.
            first: first ? stat.ticks : 0,
            last: stat.ticks,
          });
        }
      }
    }
  };
  sample(true);
  const end = sampling(() => sample(false), everyMs);
  return {
    stop() {
      end();
      const use: CpuUse = {
        'page main thread': 0,
        'page workers': 0,
        'page other threads': 0,
        'browser other processes': 0,
        ffmpeg: 0,
        node: 0,
        other: 0,
      };
      for (const t of threads.values()) use[t.stage] += (t.last - t.first) / HZ;
      return use;
    },
  };
}

/** The largest memory a process tree held at once, by two measures. */
export interface PeakMemory {
  /**
   * Proportional set size summed over the tree: each shared page counted
   * once in all (what the tree costs the machine).
   */
  pssBytes: number;
  /** Resident set size summed over the tree (shared pages counted per process). */
  rssBytes: number;
}

/** Sums the "Pss:" and "Rss:" lines of a /proc/<pid>/smaps_rollup, in bytes. */
export function parseSmapsRollup(text: string): {pss: number; rss: number} {
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
    return match ? Number(match[1]) * 1024 : 0;
  };
  return {pss: field('Pss'), rss: field('Rss')};
}

/**
 * Samples the memory of `root` and every process below it every `everyMs`
 * (from /proc/<pid>/smaps_rollup) and keeps the largest sums. Null where
 * that cannot be read (not Linux, or a kernel before 4.14).
 *
 * @remarks
 * A peak shorter than `everyMs` can be missed. Reading smaps_rollup walks a
 * process's page tables: about 1 ms for each of a render's dozen processes
 * here, hence a slower pace than sampleCpu's.
 */
export function sampleMemory(
  root = process.pid,
  everyMs = 250,
): {stop(): PeakMemory} | null {
  if (read(`/proc/${root}/smaps_rollup`) === null) return null;
  const peak: PeakMemory = {pssBytes: 0, rssBytes: 0};
  const sample = () => {
    let pss = 0;
    let rss = 0;
    for (const pid of descendants(root)) {
      const text = read(`/proc/${pid}/smaps_rollup`);
      if (text === null) continue;
      const use = parseSmapsRollup(text);
      pss += use.pss;
      rss += use.rss;
    }
    peak.pssBytes = Math.max(peak.pssBytes, pss);
    peak.rssBytes = Math.max(peak.rssBytes, rss);
  };
  sample();
  const end = sampling(sample, everyMs);
  return {
    stop() {
      end();
      return {...peak};
    },
  };
}
