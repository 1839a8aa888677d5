/** One file of the sample dataset: its path under the dataset folder and its exact bytes. */
export interface SampleFile {
  readonly path: string;
  readonly bytes: Buffer;
}
