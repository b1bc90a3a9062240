import { z } from 'zod';

/** What a file of the bundle is for. */
export const ArtifactRole = z.enum(['request', 'check-script', 'report', 'task-table', 'annex', 'evidence', 'readme', 'response', 'changes']);
export type ArtifactRole = z.infer<typeof ArtifactRole>;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, '应为 64 位十六进制的 sha256');

/** Lifecycle operation of a file from one revision to the next (as eCTD does per document). */
export const ChangeOp = z.enum(['new', 'replace', 'delete', 'unchanged']);
export type ChangeOp = z.infer<typeof ChangeOp>;

export const FileChange = z.strictObject({
  path: z.string().min(1),
  op: ChangeOp,
  oldSha256: Sha256.nullable(),
  newSha256: Sha256.nullable(),
});
export type FileChange = z.infer<typeof FileChange>;

export const ManifestFile = z.strictObject({
  /** path inside the bundle folder, with / separators; never carries a revision number */
  path: z.string().min(1),
  role: ArtifactRole,
  sha256: Sha256,
  bytes: z.number().int().nonnegative(),
  /** the indicators (序号) the file serves, where it has any */
  indicators: z.array(z.number().int()).optional(),
  /** hashes of what the file was made from (input name → sha256), and their combined hash */
  inputs: z.record(z.string(), Sha256),
  inputHash: Sha256,
  /** annex volumes: the numbers stamped on their first and last numbered pages */
  /**
   * annex volumes: the range of page numbers (`last`: the next volume starts after it) and the pages in the file,
   * cover included. A volume re-rendered in a revision keeps the ranges its parts had: `inserted` counts its
   * inserted pages (插页, printed 79-1, 79-2 after page 79), and `lastPrinted` is the number on its last page
   * when that is not `last`.
   */
  pages: z
    .strictObject({
      first: z.number().int(), last: z.number().int(), count: z.number().int(),
      inserted: z.number().int().positive().optional(), lastPrinted: z.string().optional(),
    })
    .optional(),
  /** annex volumes: where each indicator and evidence item sits (the range of numbers an indicator's section owns) */
  contents: z
    .array(
      z.strictObject({
        indicator: z.number().int(),
        firstPage: z.number().int(),
        lastPage: z.number().int(),
        /** firstPage: the number of its first page (an inserted page: the number it follows); printed: the numbers on its first and last page when they include inserted pages */
        evidence: z.array(z.strictObject({
          id: z.string(), firstPage: z.number().int(), pages: z.number().int(),
          printed: z.strictObject({ first: z.string(), last: z.string() }).optional(),
        })),
      }),
    )
    .optional(),
  /** evidence originals: the evidence item ids the file holds */
  evidence: z.array(z.string()).optional(),
});
export type ManifestFile = z.infer<typeof ManifestFile>;

/** manifest.json at the bundle root: the single description of a bundle, read back by verify and revise. */
export const Manifest = z.strictObject({
  format: z.literal('eco-dossier-manifest/1'),
  generator: z.strictObject({ name: z.string(), version: z.string() }),
  project: z.strictObject({
    district: z.string(),
    code: z.string(),
    programme: z.string(),
    batch: z.string(),
    year: z.number().int(),
    sample: z.boolean(),
  }),
  bundle: z.string().min(1),
  revision: z.number().int().min(1),
  generatedAt: z.string(),
  /** per-indicator values and verdicts, so diff can say what changed between revisions */
  indicators: z.array(
    z.strictObject({
      no: z.number().int(),
      name: z.string(),
      verdict: z.string(),
      current: z.string(),
      reason: z.string(),
      evidence: z.array(z.string()),
      /** each sub-indicator's verdict and reason (absent in older manifests and for indicators without any) */
      subs: z
        .array(z.strictObject({
          no: z.number().int(), mark: z.string(), name: z.string(), applies: z.boolean(), verdict: z.string(), reason: z.string(),
          /** evidence items that name this sub-indicator ('11②') */
          evidence: z.array(z.string()),
        }))
        .optional(),
    }),
  ),
  /** every evidence item with its title, so diff and a reader can name it (absent in older manifests) */
  evidenceItems: z.array(z.strictObject({ id: z.string(), title: z.string() })).optional(),
  files: z.array(ManifestFile),
  /** present from r2 on: what happened to every path since the previous revision */
  changes: z.array(FileChange).optional(),
  previous: z.strictObject({ bundle: z.string(), revision: z.number().int(), manifestSha256: Sha256 }).optional(),
  /** the review rounds whose answers this revision applies (feedback/round-K.yaml), earlier ones included */
  answeredRounds: z.array(z.number().int()).optional(),
});
export type Manifest = z.infer<typeof Manifest>;

export const MANIFEST_FILE = 'manifest.json';
export const CHECKSUM_FILE = 'manifest-sha256.txt';
export const CHANGES_FILE = 'changes.json';
