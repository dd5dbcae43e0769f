// When a checkpoint saves the head as a snapshot (every open chunk) and when
// as a log record (only the samples since the last checkpoint), with the
// bookkeeping of the log that the choice rests on, rebuilt on open.

/** Bytes a logged sample takes (ref, timestamp, value). */
const LOGGED_SAMPLE_BYTES = 20;
/** Bytes a snapshot spends per series besides its open chunk. */
const SNAPSHOT_SERIES_BYTES = 36;
/**
 * A snapshot is due once the log since the last one outweighs the open chunks
 * this many times: writes stay ~10× below snapshotting every time, and the
 * replay on open stays a few times one snapshot.
 */
const LOG_TO_SNAPSHOT_RATIO = 4;
/** A snapshot at least this often (2 h of 15 s checkpoints) bounds the replay on open. */
const MAX_LOG_RECORDS = 480;

export type HeadWriteKind = 'snapshot' | 'log' | 'none';

export class CheckpointPolicy {
  private hasSnapshot = false;
  /** Log records written since the last head snapshot, their bytes, and the next one's number. */
  private logRecords = 0;
  private logBytes = 0;
  private nextSeq = 1;
  private writtenMetadataVersion = -1;

  /** Whether the head goes out as a snapshot, given the samples to log, the series and their open chunks' bytes. */
  snapshotDue(newSamples: number, series: number, openChunkBytes: number): boolean {
    const snapshotBytes = series * SNAPSHOT_SERIES_BYTES + openChunkBytes;
    return !this.hasSnapshot || this.logBytes + newSamples * LOGGED_SAMPLE_BYTES > LOG_TO_SNAPSHOT_RATIO * snapshotBytes || this.logRecords >= MAX_LOG_RECORDS;
  }

  /** A log record carries all metadata only when some changed since the last write. */
  metadataChanged(version: number): boolean {
    return version !== this.writtenMetadataVersion;
  }

  get nextLogSeq(): number {
    return this.nextSeq;
  }

  /** A checkpoint committed its head write of this kind, logging `samples`, with metadata as of `metadataVersion`. */
  written(kind: HeadWriteKind, samples: number, metadataVersion: number): void {
    if (kind === 'snapshot') {
      this.hasSnapshot = true;
      this.logBytes = 0;
      this.logRecords = 0;
    } else if (kind === 'log') {
      this.nextSeq++;
      this.logBytes += samples * LOGGED_SAMPLE_BYTES;
      this.logRecords++;
    }
    this.writtenMetadataVersion = metadataVersion;
  }

  /** Opening found a head snapshot. */
  snapshotFound(): void {
    this.hasSnapshot = true;
  }

  /** Opening found a log record after the snapshot. */
  logFound(seq: number, samples: number): void {
    this.nextSeq = Math.max(this.nextSeq, seq + 1);
    this.logRecords++;
    this.logBytes += samples * LOGGED_SAMPLE_BYTES;
  }

  /** Opening restored metadata as of this version; the next checkpoint need not write it again. */
  metadataFound(version: number): void {
    this.writtenMetadataVersion = version;
  }
}
