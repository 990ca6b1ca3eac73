/**
 * What seeding tells whoever watches: `pnpm seed` and `pnpm demo` draw a progress bar, the
 * dashboard logs a line, tests say nothing.
 */
export interface ProgressReporter {
  update(eventsDone: number): void;
  finish(eventsDone: number): void;
}

export const silentProgress: ProgressReporter = { update() {}, finish() {} };
