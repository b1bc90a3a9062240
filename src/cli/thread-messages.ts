/** What cli/launch.ts and the command thread it starts (cli/command-thread.ts) tell each other. */
export interface ThreadStart {
  readonly argv: readonly string[];
  /** whether the process's stderr is a terminal (progress bars): on the thread it is a pipe */
  readonly isTTY: boolean;
}

export type ThreadMessage =
  /** the staging folders the command has open now */
  | { readonly kind: 'staging'; readonly roots: readonly string[] }
  /** what to say when Ctrl-C stops the command now; undefined: nothing is being written */
  | { readonly kind: 'interrupt'; readonly message: string | undefined }
  | { readonly kind: 'done'; readonly code: number };
