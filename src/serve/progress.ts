/**
 * One bar for a whole build: its steps in order, each a share of the bar, shown in what the office counts —
 * MB for bytes read or written, 份 for evidence files placed — never raw byte counts, and never 100 % before
 * the job is done.
 */

interface Phase {
  readonly step: string;
  /** share of the bar */
  readonly weight: number;
  readonly unit: 'bytes' | 'files';
}

const PHASES: readonly Phase[] = [
  { step: '校验佐证材料', weight: 0.25, unit: 'bytes' },
  { step: '编排佐证材料汇编', weight: 0.55, unit: 'files' },
  { step: '打包 zip', weight: 0.15, unit: 'bytes' },
];

/** The rest of the bar (0.05) is the zip's verification after the build: the bar reaches 100 % only when done. */
const BEFORE_VERIFY = PHASES.reduce((s, p) => s + p.weight, 0);

export interface JobProgress {
  /** 0–1, never going back */
  readonly fraction: number;
  /** 校验佐证材料 12.3 / 45.6 MB */
  readonly text: string;
}

const mb = (bytes: number) => (bytes / 1048576).toFixed(bytes < 10 * 1048576 ? 1 : 0);

export function progressOf(step: string, done: number, total: number, previous = 0): JobProgress {
  const at = PHASES.findIndex((p) => p.step === step);
  const share = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const phase = PHASES[at];
  const before = at < 0 ? previous : PHASES.slice(0, at).reduce((s, p) => s + p.weight, 0);
  const fraction = Math.max(previous, Math.min(BEFORE_VERIFY, phase ? before + phase.weight * share : before));
  const amount = total <= 0 ? '' : phase?.unit === 'bytes' ? ` ${mb(done)} / ${mb(total)} MB` : ` ${done} / ${total} 份材料`;
  return { fraction, text: `${step}${amount}` };
}
